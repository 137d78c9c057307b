"""The commune import: the committed INSEE/DGCL extract, the function and the command."""

import io
import json
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.db.models import Sum

from wagtail.models import Page, Site

from home.communes import CommuneImportError, commune_slug, import_communes
from home.demo.loader import DemoLoader
from home.models import Commune
from tests.builders import build_site, locales

pytestmark = pytest.mark.django_db

EXTRACT = Path(__file__).resolve().parent.parent / "home" / "demo" / "data" / "decoupage" / "communes-epci.json"
MORMAL = "200043321"
# SIREN, name, member communes, sum of populations (INSEE populations légales 2023),
# as found in @etalab/decoupage-administratif 6.0.0.
EPCIS = [
    (MORMAL, "CC du Pays de Mormal", 52, 48048),
    ("200042190", "CA de la Porte du Hainaut", 47, 158419),
    ("200043404", "CC du Sud Avesnois", 12, 24208),
    ("200069235", "CC du Haut Pays du Montreuillois", 49, 15781),
]


@pytest.fixture
def territory():
    site, _home, _home_en = build_site(english=False)
    return site


def other_site(hostname="autre-territoire.test"):
    """A second territory: its own root page and Site."""
    french, _ = locales()
    home = Page(title="Autre territoire", slug=hostname.split(".")[0], locale=french)
    Page.get_first_root_node().add_child(instance=home)
    return Site.objects.create(hostname=hostname, port=80, root_page=home)


def run(*args):
    out = io.StringIO()
    call_command("import_communes", *args, stdout=out)
    return out.getvalue()


def write(tmp_path, content):
    path = tmp_path / "extract.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_extract_is_small_and_documented():
    data = json.loads(EXTRACT.read_text(encoding="utf-8"))
    assert data["version"] == "@etalab/decoupage-administratif 6.0.0"
    assert data["licence"] == "Licence Ouverte / Open Licence 2.0 (Etalab)"
    assert data["population_year"] == 2023
    assert [(epci["siren"], epci["nom"], len(epci["membres"])) for epci in data["epci"]] == sorted(
        (siren, name, count) for siren, name, count, _ in EPCIS
    )
    assert {key for epci in data["epci"] for member in epci["membres"] for key in member} == {
        "code",
        "nom",
        "codesPostaux",
        "population",
    }
    assert (EXTRACT.parent / "README.md").exists()


@pytest.mark.parametrize(("siren", "name", "count", "population"), EPCIS)
def test_import_each_epci(territory, siren, name, count, population):
    result = import_communes(territory, siren, EXTRACT)

    assert (result.epci_name, result.created, result.updated, result.unchanged) == (name, count, 0, 0)
    communes = Commune.objects.filter(site=territory)
    assert communes.count() == count
    assert communes.aggregate(total=Sum("population"))["total"] == population
    assert set(communes.values_list("population_year", flat=True)) == {2023}
    assert all(len(postcode) == 5 for postcode in communes.values_list("postcode", flat=True))


def test_command_summary_and_reimport_unchanged(territory):
    first = run("--epci", MORMAL, "--from", str(EXTRACT))
    again = run("--epci", MORMAL, "--from", str(EXTRACT))

    assert "Communes of CC du Pays de Mormal: 52 (52 created, 0 updated, 0 unchanged)" in first
    assert "+ 59006 L'Orée de Mormal (created, /l-oree-de-mormal)" in first
    assert again.strip().endswith("Communes of CC du Pays de Mormal: 52 (0 created, 0 updated, 52 unchanged)")


def test_oree_de_mormal_matches_the_demo_csv(territory):
    import_communes(territory, MORMAL, EXTRACT)

    oree = Commune.objects.get(insee_code="59006")
    # COG name (straight apostrophe; the DGCL list has a typographic one), first postcode.
    assert (oree.name, oree.slug, oree.postcode) == ("L'Orée de Mormal", "l-oree-de-mormal", "59144")


def test_csv_coordinates_survive_an_import(territory):
    loader = DemoLoader()
    loader.site = territory
    loader.load_communes()
    before = {c.insee_code: (c.latitude, c.longitude, c.area_km2, c.slug) for c in Commune.objects.all()}
    Commune.objects.filter(insee_code="59053").update(population=1, website="https://www.bavay.fr/")

    result = import_communes(territory, MORMAL, EXTRACT)

    # The CSV and the package agree on everything else: only the altered population changes.
    assert (result.created, result.updated, result.unchanged) == (0, 1, 51)
    after = {c.insee_code: (c.latitude, c.longitude, c.area_km2, c.slug) for c in Commune.objects.all()}
    assert after == before
    assert sum(1 for latitude, *_ in after.values() if latitude is not None) == 47
    bavay = Commune.objects.get(insee_code="59053")
    assert (bavay.population, bavay.website) == (3249, "https://www.bavay.fr/")


def test_editor_choices_kept_and_nothing_deleted(territory, tmp_path):
    import_communes(territory, MORMAL, EXTRACT)
    # Bermeries' postcode, also listed for L'Orée de Mormal, is a valid editorial choice.
    Commune.objects.filter(insee_code="59006").update(postcode="59570", slug="oree-de-mormal")
    extra = Commune.objects.create(
        insee_code="59999", name="Ailleurs", slug="ailleurs", postcode="59000", site=territory
    )
    data = json.loads(EXTRACT.read_text(encoding="utf-8"))
    mormal = next(epci for epci in data["epci"] if epci["siren"] == MORMAL)
    for member in mormal["membres"]:
        member["population"] = None  # a file without figures keeps the current ones

    result = import_communes(territory, MORMAL, write(tmp_path, data))

    assert result.unchanged == 52
    oree = Commune.objects.get(insee_code="59006")
    assert (oree.postcode, oree.slug, oree.population) == ("59570", "oree-de-mormal", 619)
    assert Commune.objects.filter(pk=extra.pk).exists()


def test_several_territories_and_slug_collision(territory):
    montreuillois = other_site()
    # A homonym elsewhere already owns the plain slug.
    Commune.objects.create(insee_code="62999", name="Bavay", slug="bavay", postcode="62000", site=montreuillois)

    run("--epci", MORMAL, "--from", str(EXTRACT))
    out = run("--epci", "200069235", "--from", str(EXTRACT), "--site", "autre-territoire.test")
    run("--epci", "200042190", "--from", str(EXTRACT), "--site", str(montreuillois.pk))

    assert "Communes of CC du Haut Pays du Montreuillois: 49 (49 created, 0 updated, 0 unchanged)" in out
    assert Commune.objects.get(insee_code="59053").slug == "bavay-59053"
    assert Commune.objects.filter(site=territory).count() == 52
    assert Commune.objects.filter(site=montreuillois).count() == 1 + 49 + 47
    assert Commune.objects.get(insee_code="59144").slug == "chateau-l-abbaye"


def test_commune_of_another_site_is_refused(territory):
    elsewhere = other_site()
    Commune.objects.create(insee_code="59053", name="Bavay", slug="bavay", postcode="59570", site=elsewhere)

    with pytest.raises(CommuneImportError, match=r"59053 Bavay .*another territory|another territory.*59053 Bavay"):
        import_communes(territory, MORMAL, EXTRACT)
    with pytest.raises(CommandError, match="Already attached to another territory: 59053 Bavay"):
        run("--epci", MORMAL, "--from", str(EXTRACT))
    # All or nothing.
    assert not Commune.objects.filter(site=territory).exists()
    assert Commune.objects.get(insee_code="59053").site == elsewhere


def test_unknown_siren(territory):
    with pytest.raises(CommandError, match=r"EPCI 123456789 is not in .*200043321 CC du Pays de Mormal"):
        run("--epci", "123456789", "--from", str(EXTRACT))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[]", 'expected a JSON object with an "epci" list'),
        ({"epci": [{"siren": MORMAL, "nom": "X", "membres": [{"code": "5900", "nom": "Y"}]}]}, "not an INSEE"),
        ({"epci": [{"siren": MORMAL, "nom": "X", "membres": [{"code": "59001", "nom": ""}]}]}, "has no name"),
        ({"epci": [{"siren": MORMAL, "nom": "X", "membres": []}]}, "no list of member communes"),
        ({"epci": [{"siren": MORMAL, "membres": [{"code": "59001", "nom": "Y", "population": "9"}]}]}, "population"),
        ({"epci": [{"siren": MORMAL, "membres": [{"code": "59001", "nom": "Y"}]}]}, "postcode"),
        ({"epci": [{"siren": MORMAL, "membres": [{"code": "59001", "nom": "Y", "codesPostaux": ["X"]}]}]}, "five"),
    ],
)
def test_malformed_file(territory, tmp_path, content, message):
    with pytest.raises(CommandError, match=message):
        run("--epci", MORMAL, "--from", str(write(tmp_path, content)))
    assert not Commune.objects.exists()


def test_missing_file_and_unknown_site(territory, tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*missing.json"):
        run("--epci", MORMAL, "--from", str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match="No site with hostname or id 'nowhere.test'"):
        run("--epci", MORMAL, "--from", str(EXTRACT), "--site", "nowhere.test")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("L'Orée de Mormal", "l-oree-de-mormal"),
        ("L’Orée de Mormal", "l-oree-de-mormal"),
        ("Château-l'Abbaye", "chateau-l-abbaye"),
        ("Cœuvres-et-Valsery", "coeuvres-et-valsery"),
        ("Saint-Rémy-du-Nord", "saint-remy-du-nord"),
    ],
)
def test_commune_slug(name, slug):
    assert commune_slug(name) == slug
