"""The merchants CSV import: the hours parser, the importer, the command and the admin view."""

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from wagtail.models import GroupPagePermission, PageLogEntry, Revision
from wagtail.users.models import UserProfile

from commerce.hours_text import HoursSyntaxError, hours_blocks, parse_hours
from commerce.importer import import_merchants
from commerce.importer.columns import HEADERS
from commerce.models import HoursSlot, MerchantPage
from home.directory.opening_hours import OpeningHours
from home.models import Commune
from tests.builders import translate
from tests.commerce_builders import category, directory, label
from tests.hours_builders import exception, period

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "commerce" / "import_template.csv"
DEMO = ROOT / "commerce" / "demo_data" / "import-example.csv"
# Made-up SIRETs with a valid Luhn key.
SIRET_A, SIRET_B, SIRET_C = "90000000100017", "90000000200015", "90000000300013"
HEADER = ["siret", "external_id", "name", "category", "commune", "latitude", "longitude", "opening_hours"]


@pytest.fixture
def tree(site):
    return directory(site)


@pytest.fixture(autouse=True)
def english():
    """Reasons are translated; these tests read them in English (the command always prints English)."""
    with translation.override("en"):
        yield


def csv_bytes(rows, header=HEADER, delimiter=";", encoding="utf-8", bom=False):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return ("\ufeff" if bom else "").encode(encoding) + out.getvalue().encode(encoding)


def row(siret=SIRET_A, name="Fromagerie du Val", **values):
    return {"siret": siret, "name": name, "category": "alimentation", "commune": "59053", **values}


def write(tmp_path, data, name="merchants.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_merchants", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts():
    return MerchantPage.objects.count(), Revision.page_revisions.count(), PageLogEntry.objects.count()


# -- the hours text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "osm"),
    [
        ("Mo-Fr 09:00-12:30,14:00-19:00; Sa 09:00-12:00", "Mo-Fr 09:00-12:30,14:00-19:00; Sa 09:00-12:00"),
        ("mo-sa 9h-19h; We 09:00-12:00", "Mo-Tu 09:00-19:00; We 09:00-12:00; Th-Sa 09:00-19:00"),
        ("Mo-Sa 09:00-19:00; We off", "Mo-Tu 09:00-19:00; Th-Sa 09:00-19:00"),
        ("Fr-Mo 18:00-24:00; Su off", "Mo 18:00-00:00; Fr-Sa 18:00-00:00"),
        ("Sa 22:00-02:00", "Sa 22:00-02:00"),
        ("Tu,Th 9:00–12:00;", "Tu 09:00-12:00; Th 09:00-12:00"),
    ],
)
def test_hours_text_reads_the_osm_subset(text, osm):
    assert OpeningHours.from_raw(hours_blocks(text, "k")).osm() == osm


def test_hours_text_round_trips_and_ids_are_stable():
    text = "Mo-Fr 09:00-12:30,14:00-19:00; Sa 09:00-12:00"
    blocks = hours_blocks(text, "siret:1")
    assert hours_blocks(OpeningHours.from_raw(blocks).osm(), "siret:1") == blocks
    assert hours_blocks(text, "siret:2")[0]["id"] != blocks[0]["id"]
    assert hours_blocks("", "k") == [] and parse_hours("  ") == {}
    # Midnight closing is stored as the admin stores it: 00:00, read as "after midnight".
    assert OpeningHours.from_raw(hours_blocks("Sa 18:00-24:00", "k")).weekly_rows() == [
        (5, 1080, 1440, None, None, False)
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("PH off", "“PH” is not a day"),
        ("Lundi 09:00-12:00", "“Lundi” is not a day"),
        ("Mo-Fr", "give time ranges"),
        ("Mo 9-", "is not a time range"),
        ("Mo 25:00-26:00", "is not a time range"),
        ("Mo 09:00-09:00", "same time"),
        ("Mo 09:00-12:00,11:00-14:00", "overlap"),
        ("24/7", "is not a day"),
    ],
)
def test_hours_text_refuses_what_it_cannot_read(text, message):
    with pytest.raises(HoursSyntaxError, match=message):
        parse_hours(text)


# -- importing ------------------------------------------------------------------------------------


def test_template_and_demo_files_use_every_column(tree):
    for path in (TEMPLATE, DEMO):
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with its BOM
        assert data.decode("utf-8-sig").splitlines()[0].split(";") == list(HEADERS)
    demo_references(tree)  # the template names the demo's categories, labels and communes
    report = import_merchants(tree.site, TEMPLATE.read_bytes(), dry_run=True)
    assert [(item.line, item.outcome) for item in report.rows] == [(2, "created"), (5, "created")]
    assert (report.delimiter, report.warnings) == (";", [])


def test_readme_documents_every_column():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("| column | format | example |", 1)[1].split("\n\n", 1)[0]
    documented = [name for line in table.splitlines()[2:] for name in re.findall(r"`(\w+)`", line.split(" | ")[0])]
    assert documented == list(HEADERS)


def test_import_creates_published_pages_with_every_field(tree, tmp_path):
    full = {
        "siret": "900 000 001 00017",
        "name": "Fromagerie du Val",
        "category": "Commerces alimentaires",
        "summary": "Maroilles affiné sur place.",
        "description": "Visite de la cave.\n\nSur <réservation>.",
        "street_address": "12 rue de la Gare",
        "commune": "Le Quesnoy",
        "latitude": "50,2497",
        "longitude": "3,6383",
        "opening_hours": "Tu-Fr 09:00-12:30,14:30-19:00; Sa 09:00-12:30",
        "opening_hours_note": "Fermé en août",
        "phone": "03 27 00 00 01",
        "email": "contact@example.fr",
        "website": "https://www.example.fr/",
        "products": "Maroilles|Beurre|Maroilles",
        "services": "card_payment|step_free_access",
        "labels": "aop-maroilles|Agriculture biologique (AB)",
        "confirmed_on": "15/03/2026",
    }
    out, _ = run(write(tmp_path, csv_bytes([full], header=HEADERS)))

    assert "1 rows: 1 created, 0 updated, 0 unchanged, 0 rejected" in out
    page = MerchantPage.objects.get(siret=SIRET_A)
    assert page.live and page.locale.language_code == "fr" and page.get_parent().pk == tree.index.pk
    assert (page.title, page.slug, page.category, page.commune) == (
        "Fromagerie du Val",
        "fromagerie-du-val",
        tree.food,
        tree.quesnoy,
    )
    assert (str(page.latitude), str(page.longitude)) == ("50.249700", "3.638300")
    assert page.description == "<p>Visite de la cave.</p><p>Sur &lt;réservation&gt;.</p>"
    assert page.introduction == "Maroilles affiné sur place." and page.opening_hours_note == "Fermé en août"
    assert (page.phone, page.email, page.website) == ("03 27 00 00 01", "contact@example.fr", "https://www.example.fr/")
    assert page.hours.osm() == "Tu-Fr 09:00-12:30,14:30-19:00; Sa 09:00-12:30"
    assert sorted(tag.name for tag in page.tags.all()) == ["Beurre", "Maroilles"]
    assert set(page.labels.all()) == {tree.aop, tree.organic}
    assert (page.card_payment, page.step_free_access, page.delivery) == (True, True, False)
    assert page.confirmed_on == dt.date(2026, 3, 15)
    # Open-now rows, rebuilt on publish: 4 weekdays × 2 slots + Saturday.
    assert HoursSlot.objects.filter(page=page).count() == 9
    assert MerchantPage.objects.live().filter(pk=page.pk).exists()
    assert page.revisions.count() == 1
    actions = list(PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True))
    assert actions == ["wagtail.create", "commerce.import", "wagtail.publish"]


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"siret": "90000000100018"}, "bad SIRET '90000000100018': 14 digits with a valid Luhn key"),
        ({"siret": "9000000010001"}, "bad SIRET '9000000010001': 14 digits expected"),
        ({"commune": "Valenciennes"}, "unknown commune 'Valenciennes'"),
        ({"commune": "59999"}, "unknown commune '59999'"),
        ({"latitude": "3.7989", "longitude": "50.2981"}, "coordinates out of range (3.7989, 50.2981)"),
        ({"latitude": "50.29"}, "coordinates out of range"),
        ({"latitude": "nord", "longitude": "3.7"}, "latitude 'nord' is not a number"),
        ({"opening_hours": "du lundi au vendredi"}, "unreadable opening hours: rule 1"),
        ({"name": ""}, "missing name"),
        ({"category": "quincaillerie"}, "unknown category 'quincaillerie' (known: alimentation, producteurs)"),
        ({"siret": "", "external_id": ""}, "no SIRET and no external_id"),
    ],
)
def test_rejected_row_is_reported_with_line_and_reason(tree, tmp_path, values, reason):
    rows = [row(SIRET_B, "Avant"), row(**values), row(SIRET_C, "Après")]

    out, _ = run(write(tmp_path, csv_bytes(rows)))

    assert "3 rows: 2 created, 0 updated, 0 unchanged, 1 rejected" in out
    assert re.search(r"line 3: rejected .*" + re.escape(reason), out), out
    assert set(MerchantPage.objects.values_list("title", flat=True)) == {"Avant", "Après"}


def test_more_rejections_unknown_label_service_date_email_and_duplicate(tree):
    header = [*HEADER, "labels", "services", "confirmed_on", "email"]
    rows = [
        row(SIRET_A, labels="label-rouge"),
        row(SIRET_B, services="drone"),
        row(SIRET_C, confirmed_on="mars 2026"),
        row("90000000400011", email="pas une adresse"),
        row("90000000500018", name="Premier"),
        row("90000000500018", name="Doublon"),
    ]
    report = import_merchants(tree.site, csv_bytes(rows, header=header))

    reasons = {item.line: item.reason for item in report.rejected_rows}
    assert reasons[2] == "unknown label 'label-rouge'"
    assert reasons[3].startswith("unknown service 'drone'")
    assert "is not a date" in reasons[4]
    assert reasons[5].startswith("email:")
    assert reasons[7] == "same business as line 6 (siret:90000000500018)"
    assert report.created == 1


def test_a_short_row_reads_its_missing_cells_as_empty(tree):
    # Spreadsheets and hand-edited files leave out a row's trailing empty cells.
    data = b"name;category;siret;phone\nA;alimentation;90000000100017\nB;alimentation\n"

    report = import_merchants(tree.site, data)

    assert [(item.line, item.outcome) for item in report.rows] == [(2, "created"), (3, "rejected")]
    assert report.rows[1].reason == "no SIRET and no external_id: a row needs one to be found again"
    assert MerchantPage.objects.get().phone == ""


def test_line_numbers_count_multiline_cells(tree):
    header = ["siret", "name", "category", "description"]
    rows = [row(SIRET_A, description="Un.\n\nDeux.\nTrois."), row("1", "Faux")]
    report = import_merchants(tree.site, csv_bytes(rows, header=header))
    assert [(item.line, item.outcome) for item in report.rows] == [(2, "created"), (6, "rejected")]
    assert MerchantPage.objects.get().description == "<p>Un.</p><p>Deux.<br/>Trois.</p>"


def test_not_utf8_is_refused_clearly_or_read_as_windows_1252(tree, tmp_path):
    path = write(tmp_path, csv_bytes([row(name="Crémerie Éloïse")], encoding="cp1252"))

    with pytest.raises(CommandError, match=r"not UTF-8 \(byte 0xe9 on line 2\).*Windows-1252.*CSV UTF-8"):
        run(path)
    assert not MerchantPage.objects.exists()

    out, err = run(path, "--encoding", "cp1252")
    assert "1 created" in out and "read as Windows-1252" in err
    assert MerchantPage.objects.get().title == "Crémerie Éloïse"


def test_bom_comma_and_tab_are_read(tree):
    import_merchants(tree.site, csv_bytes([row(SIRET_A, "Avec BOM")], bom=True))
    import_merchants(tree.site, csv_bytes([row(SIRET_B, "Virgules", latitude="50.3", longitude="3.8")], delimiter=","))
    report = import_merchants(tree.site, csv_bytes([row(SIRET_C, "Tabulations")], delimiter="\t"))
    assert report.delimiter == "\t"
    assert MerchantPage.objects.count() == 3
    assert MerchantPage.objects.get(siret=SIRET_B).latitude is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (csv_bytes([row()], delimiter="|"), "header \\(first line\\) is not recognised"),
        (b"nom;siret\nFromagerie;90000000100017\n", "with at least name and siret / external_id, among: siret, "),
        (b"name;category\nFromagerie;alimentation\n", "siret / external_id"),
        (b"", "The file is empty"),
        ("\ufeffname;siret".encode("utf-16"), "UTF-16"),
        (b"name;siret;name\nA;90000000100017;B\n", "Columns appear twice in the header: name"),
    ],
)
def test_unreadable_file_gets_one_clear_error(tree, tmp_path, data, message):
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, data))
    assert not MerchantPage.objects.exists()


def test_unknown_columns_are_a_warning(tree, tmp_path):
    data = csv_bytes([{**row(), "adress": "1 rue"}], header=[*HEADER, "adress"])
    out, err = run(write(tmp_path, data))
    assert "Columns ignored (not part of the format): adress." in err
    assert "1 created" in out


def test_reimport_is_unchanged_and_makes_no_revision(tree, tmp_path):
    demo_references(tree)
    path = write(tmp_path, DEMO.read_bytes())
    run(path)
    before = counts()

    out, _ = run(path)

    assert counts() == before
    assert "12 rows: 0 created, 0 updated, 5 unchanged, 7 rejected" in out


def test_update_by_siret_keeps_slug_and_makes_one_revision(tree):
    import_merchants(tree.site, csv_bytes([row(opening_hours="Mo 09:00-12:00")]))
    page = MerchantPage.objects.get()
    revisions = page.revisions.count()

    report = import_merchants(
        tree.site,
        csv_bytes([row(siret="900 000 001 00017", name="Fromagerie du Val de Sambre", opening_hours="Mo 09:00-13:00")]),
    )

    assert (report.updated, report.rows[0].changes) == (1, ["name", "opening_hours"])
    page.refresh_from_db()
    assert (page.title, page.slug) == ("Fromagerie du Val de Sambre", "fromagerie-du-val")
    assert page.revisions.count() == revisions + 1
    assert page.hours.osm() == "Mo 09:00-13:00"
    assert HoursSlot.objects.filter(page=page, closes=13 * 60).exists()


def test_update_products_labels_and_services(tree):
    header = [*HEADER, "products", "labels", "services"]
    import_merchants(
        tree.site, csv_bytes([row(products="Pain|Brioche", labels="ab", services="delivery")], header=header)
    )

    report = import_merchants(
        tree.site, csv_bytes([row(products="Pain|Tartes", labels="aop-maroilles|ab", services="")], header=header)
    )

    assert report.rows[0].changes == ["delivery", "products", "labels"]
    page = MerchantPage.objects.get()
    assert sorted(tag.name for tag in page.tags.all()) == ["Pain", "Tartes"]
    assert set(page.labels.all()) == {tree.aop, tree.organic} and not page.delivery
    assert (
        import_merchants(
            tree.site, csv_bytes([row(products="Tartes|Pain", labels="ab|aop-maroilles")], header=header)
        ).unchanged
        == 1
    )


def test_a_failing_save_loses_only_its_row(tree, monkeypatch):
    from commerce.importer.rows import Importer

    original = Importer.create_published

    def fail_on_second(self, page):
        if page.title == "Deux":
            raise RuntimeError("disk full")
        return original(self, page)

    monkeypatch.setattr(Importer, "create_published", fail_on_second)
    report = import_merchants(tree.site, csv_bytes([row(SIRET_A, "Un"), row(SIRET_B, "Deux"), row(SIRET_C, "Trois")]))

    assert [item.outcome for item in report.rows] == ["created", "rejected", "created"]
    assert report.rows[1].reason == "not saved: disk full"
    assert set(MerchantPage.objects.values_list("title", flat=True)) == {"Un", "Trois"}


def test_update_by_external_id_and_siret_added_later(tree):
    header = ["siret", "external_id", "name", "category", "phone"]
    import_merchants(tree.site, csv_bytes([row(siret="", external_id="comptoir:7", phone="1")], header=header))

    report = import_merchants(tree.site, csv_bytes([row(external_id="comptoir:7", phone="2")], header=header))

    assert (report.created, report.updated) == (0, 1)
    page = MerchantPage.objects.get()
    assert (page.siret, page.external_id, page.phone) == (SIRET_A, "comptoir:7", "2")
    # The SIRET now finds it too, and a conflicting pair is refused.
    import_merchants(tree.site, csv_bytes([row(SIRET_B, "Autre", external_id="cci:1")], header=header))
    report = import_merchants(tree.site, csv_bytes([row(SIRET_B, external_id="comptoir:7")], header=header))
    assert "is page #" in report.rows[0].reason and MerchantPage.objects.count() == 2
    # One business on two lines, once by SIRET, once by external id.
    report = import_merchants(
        tree.site, csv_bytes([row(phone="3"), row(siret="", external_id="comptoir:7", phone="4")], header=header)
    )
    assert [item.outcome for item in report.rows] == ["updated", "rejected"]
    assert report.rows[1].reason == "same business as line 2"


def test_columns_absent_from_the_file_are_left_alone(tree):
    import_merchants(tree.site, csv_bytes([row(phone="03 27 00 00 00")], header=[*HEADER, "phone"]))
    report = import_merchants(tree.site, csv_bytes([row()], header=["siret", "name"]))
    assert report.unchanged == 1
    assert MerchantPage.objects.get().phone == "03 27 00 00 00"


def test_editors_seasons_and_exceptions_survive_new_hours(tree):
    import_merchants(tree.site, csv_bytes([row(opening_hours="Mo-Fr 09:00-18:00")]))
    page = MerchantPage.objects.get()
    season = period(([5, 6], "10:00", "19:00"), starts="2026-07-01", ends="2026-08-31", label="Été")
    page.opening_hours = list(page.opening_hours.raw_data) + [season, exception("2026-12-25")]
    page.save_revision().publish()

    assert import_merchants(tree.site, csv_bytes([row(opening_hours="Mo-Fr 09:00-18:00")])).unchanged == 1
    import_merchants(tree.site, csv_bytes([row(opening_hours="Mo-Sa 09:00-18:00")]))

    page = MerchantPage.objects.get()
    assert page.hours.osm() == "Mo-Sa 09:00-18:00"
    assert [block["type"] for block in page.opening_hours.raw_data] == ["period", "period", "exception"]
    assert page.hours.period_on(dt.date(2026, 7, 14)).label == "Été"


def test_import_never_deletes(tree):
    import_merchants(tree.site, csv_bytes([row(SIRET_A, "Un"), row(SIRET_B, "Deux")]))
    report = import_merchants(tree.site, csv_bytes([row(SIRET_C, "Trois")]))
    assert report.created == 1
    assert MerchantPage.objects.live().count() == 3


def test_dry_run_writes_nothing(tree, tmp_path):
    demo_references(tree)
    path = write(tmp_path, DEMO.read_bytes())
    before = counts()

    out, _ = run(path, "--dry-run")

    assert counts() == before
    assert not HoursSlot.objects.exists()
    assert out.strip().endswith("s)") and "Dry run, nothing saved." in out and "would be created" in out
    # Then for real: the dry run told the truth.
    real, _ = run(path)
    assert re.search(r"(\d+) rows: (\d+) created", real).groups() == re.search(r"(\d+) rows: (\d+) would", out).groups()


def demo_references(tree):
    """The categories, labels and communes the demo file names (the demo loader creates them)."""
    for slug, name in [
        ("artisans", "Artisans"),
        ("restaurants-cafes", "Restaurants et cafés"),
        ("services", "Services"),
    ]:
        category(slug, name)
    for slug, name in [
        ("artisan", "Artisan"),
        ("bienvenue-a-la-ferme", "Bienvenue à la ferme"),
        ("accueil-velo", "Accueil vélo"),
    ]:
        label(slug, name)
    for code, name, postcode in [
        ("59384", "Maroilles", "59550"),
        ("59331", "Landrecies", "59550"),
        ("59353", "Locquignol", "59530"),
    ]:
        Commune.objects.create(insee_code=code, name=name, slug=name.lower(), postcode=postcode, site=tree.site)


def test_demo_file_rejects_one_row_per_reason(tree, tmp_path):
    demo_references(tree)

    out, _ = run(write(tmp_path, DEMO.read_bytes()))

    assert "12 rows: 5 created, 0 updated, 0 unchanged, 7 rejected" in out
    rejected = dict(re.findall(r"line (\d+): rejected [^:]*: (.*)", out))
    assert sorted(map(int, rejected)) == [9, 10, 11, 12, 13, 14, 15]
    assert rejected["9"].startswith("bad SIRET '90000000500011'")
    assert rejected["10"].startswith("unknown commune 'Valenciennes'")
    assert rejected["11"].startswith("coordinates out of range")
    assert rejected["12"].startswith("unreadable opening hours")
    assert rejected["13"] == "missing name"
    assert rejected["14"].startswith("unknown category 'quincaillerie'")
    assert rejected["15"] == "same business as line 5 (id:comptoir:1042)"
    cafe = MerchantPage.objects.get(external_id="cci:7781")
    assert (cafe.siret, cafe.commune.name, cafe.hours.osm()) == (
        SIRET_C,
        "Landrecies",
        "Mo-Th 08:00-20:00; Fr-Sa 08:00-00:00; Su 09:00-13:00",
    )


def test_progress_output_and_quiet_mode(tree, tmp_path):
    path = write(tmp_path, csv_bytes([row(f"9000000{n:03d}", f"N{n}") for n in range(5)]))

    out, err = run(path, "--dry-run", "--progress-every", "2")
    assert "  2/5 rows (" in err and "  4/5 rows (" in err and "  5/5 rows (" in err
    assert "5 rejected" in out  # the made-up SIRETs have no valid key

    out, err = run(path, "--dry-run", "--verbosity", "0")
    assert err == "" and "rows:" not in out and out.count("rejected") == 5


def test_missing_file_unknown_site_and_no_directory(site, tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*missing.csv"):
        run(tmp_path / "missing.csv")
    path = write(tmp_path, csv_bytes([row()]))
    with pytest.raises(CommandError, match="No site with hostname or id 'nowhere.test'"):
        run(path, "--site", "nowhere.test")
    with pytest.raises(CommandError, match="has no merchants directory"):
        run(path)


def test_three_thousand_rows(tree):
    rows = [row(f"{n:013d}", f"Commerce {n}", opening_hours="Mo-Fr 09:00-12:00,14:00-18:00") for n in range(3000)]
    for item in rows:  # give each made-up SIRET its Luhn key
        item["siret"] = next(item["siret"] + str(d) for d in range(10) if _luhn(item["siret"] + str(d)))

    report = import_merchants(tree.site, csv_bytes(rows))

    assert (report.created, report.rejected) == (3000, 0)
    assert MerchantPage.objects.live().count() == 3000


def _luhn(digits):
    from commerce.validators import luhn_ok

    return luhn_ok(digits)


# -- the admin view -------------------------------------------------------------------------------


def editor(django_user_model, name, group=None):
    user = django_user_model.objects.create_user(username=name, password="x")  # noqa: S106
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin speaks the editor's language
    profile.save()
    if group:
        user.groups.add(group)
    return user


def merchant_editors(index):
    group = Group.objects.create(name="Merchant editors")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=index, permission=Permission.objects.get(codename=codename)
        )
    return group


def test_admin_import_is_restricted(tree, client, django_user_model):
    url = reverse("commerce_import")
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

    client.force_login(editor(django_user_model, "sans-droits"))
    assert client.get(url).status_code == 403
    assert client.post(url, {"token": "x"}).status_code == 403
    assert client.get(reverse("commerce_import_template")).status_code == 403
    assert "Import merchants" not in client.get(reverse("wagtailadmin_home")).content.decode()

    # Adding without publishing is not enough: the import publishes.
    group = Group.objects.create(name="Contributors")
    GroupPagePermission.objects.create(
        group=group, page=tree.index, permission=Permission.objects.get(codename="add_page")
    )
    client.force_login(editor(django_user_model, "contributeur", group))
    assert client.get(url).status_code == 403

    client.force_login(editor(django_user_model, "commerces", merchant_editors(tree.index)))
    assert client.get(url).status_code == 200
    assert "Import merchants" in client.get(reverse("wagtailadmin_home")).content.decode()
    template = client.get(reverse("commerce_import_template"))
    assert template.status_code == 200 and b"".join(template.streaming_content) == TEMPLATE.read_bytes()


def test_admin_upload_preview_confirm(tree, client, django_user_model):
    user = editor(django_user_model, "commerces", merchant_editors(tree.index))
    client.force_login(user)
    url = reverse("commerce_import")
    upload = io.BytesIO(csv_bytes([row(SIRET_A, "Fromagerie"), row("123", "Faux")]))
    upload.name = "commerces.csv"
    before = counts()

    preview = client.post(url, {"site": tree.site.pk, "encoding": "utf-8", "file": upload})

    assert preview.status_code == 200
    html = preview.content.decode()
    assert counts() == before
    assert 'data-line="2" data-outcome="created"' in html and 'data-line="3" data-outcome="rejected"' in html
    assert "bad SIRET &#x27;123&#x27;" in html
    token = preview.context["token"]

    done = client.post(url, {"token": token})

    assert done.status_code == 200
    page = MerchantPage.objects.get()
    assert page.live and page.title == "Fromagerie"
    assert PageLogEntry.objects.filter(page=page, action="commerce.import", user=user).exists()
    assert "1 created, 0 updated, 0 unchanged, 1 rejected" in done.content.decode()
    # The same token again changes nothing more.
    assert client.post(url, {"token": token}).context["report"].unchanged == 1


def test_admin_refuses_altered_or_foreign_tokens(tree, client, django_user_model):
    group = merchant_editors(tree.index)
    client.force_login(editor(django_user_model, "a", group))
    url = reverse("commerce_import")
    upload = io.BytesIO(csv_bytes([row()]))
    upload.name = "commerces.csv"
    token = client.post(url, {"site": tree.site.pk, "encoding": "utf-8", "file": upload}).context["token"]

    response = client.post(url, {"token": token[:-2] + "xx"})
    assert response.status_code == 302 and response["Location"] == url

    client.force_login(editor(django_user_model, "b", group))
    assert client.post(url, {"token": token}).status_code == 302
    assert not MerchantPage.objects.exists()


def test_admin_shows_file_errors_on_the_form(tree, client, django_user_model):
    client.force_login(editor(django_user_model, "commerces", merchant_editors(tree.index)))
    upload = io.BytesIO(csv_bytes([row(name="Crémerie")], encoding="cp1252"))
    upload.name = "excel.csv"

    response = client.post(reverse("commerce_import"), {"site": tree.site.pk, "encoding": "utf-8", "file": upload})

    assert response.status_code == 200
    assert "The file is not UTF-8" in response.context["form"].errors["file"][0]


def test_admin_refuses_a_file_whose_confirmation_would_be_too_large(tree, client, django_user_model, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 500
    client.force_login(editor(django_user_model, "commerces", merchant_editors(tree.index)))
    upload = io.BytesIO(csv_bytes([row(f"9000000{n:07d}", f"N{n}") for n in range(50)]))
    upload.name = "gros.csv"

    response = client.post(reverse("commerce_import"), {"site": tree.site.pk, "encoding": "utf-8", "file": upload})

    assert "import it with manage.py import_merchants" in response.context["form"].errors["file"][0]


def test_report_says_which_imported_merchants_have_no_english_version_yet(tree, tmp_path):
    import_merchants(tree.site, csv_bytes([row(), row(siret=SIRET_B, name="Boulangerie du Rempart")]))
    translated = MerchantPage.objects.get(siret=SIRET_A)
    translate(translated, tree.home_en.locale, title="Val cheese shop", slug="val-cheese-shop")

    report = import_merchants(
        tree.site, csv_bytes([row(), row(siret=SIRET_B, name="Boulangerie du Rempart")]), dry_run=True
    )
    assert [row.name for row in report.untranslated_rows] == ["Boulangerie du Rempart"]
    assert report.untranslated_rows[0].missing_languages == ["en"]
    assert report.untranslated_rows[0].notes == [
        "No English version yet: translate the page so that it shows on that site."
    ]
    assert report.summary().endswith(", 1 with no English version yet")

    out, _err = run(write(tmp_path, csv_bytes([row(), row(siret=SIRET_B, name="Boulangerie du Rempart")])))
    assert "Boulangerie du Rempart has no version in en yet" in out
    assert "Fromagerie du Val has no version" not in out


def test_a_french_only_directory_expects_no_english_version(site, tmp_path):
    french_only = directory(site, english=False)
    report = import_merchants(french_only.site, csv_bytes([row()]))
    assert report.created == 1 and report.untranslated_rows == []
