"""What residents read on the four demo sites is clean and complete: no trace of the
transcription (source files, line numbers, editors' notes), whole titles, plain-text exports,
every official commune, and on every site the pages a public body owes its visitors (contact,
legal notice, accessibility statement, personal data, open data), linked from the footer.

The demo is loaded once for the module (four territories, five strategy documents).
"""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from wagtail.models import Locale, Page, Revision, Site

from home.demo.loader import DATA as DEMO_DATA
from home.models import Commune, TerritorySettings
from home.strategy.demo import DATA as STRATEGY_DATA
from home.strategy.models import ActionPage, StrategyPage, StrategySectionPage
from home.text import plain_text
from tests.demo_snapshot import load_demo

SEEDS = Path("/work/shared/seeds")
SEED_FILES = sorted(STRATEGY_DATA.glob("0*.json"))
# "L110", "L54-56", "(L385-393)": a line of the source file.
LINE_REFERENCE = re.compile(r"\bL\d+(?:[-–]\d+)?\b")
EDITOR_NOTES = ("What the source text does not contain", "Ce que le texte source ne contient pas", "seeds/")
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
pytestmark = pytest.mark.django_db
FOOTER_PAGES = {
    "accessibility": "accessibility_page",
    "legal": "legal_notice_page",
    "privacy": "privacy_page",
    "contact": "contact_page",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The four demo territories with their strategies, loaded once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = load_demo("--all")
        yield {"sites": list(Site.objects.order_by("pk")), "output": output}
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def loaded(demo):
    return demo


def path(page):
    """A page's address on its own site (the test client is given the site's host)."""
    return page.get_url_parts()[2]


def site_pages(site):
    return Page.objects.live().public().descendant_of(site.root_page, inclusive=True).specific()


def visible_text(html):
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup
    return plain_text(str(main))


def test_no_transcription_artefact_on_any_public_page_of_the_four_sites(client, loaded):
    findings, crawled = [], 0
    for site in loaded["sites"]:
        for page in site_pages(site):
            for translation in [page, *page.get_translations().live()]:
                url = path(translation)
                response = client.get(url, HTTP_HOST=site.hostname, follow=False)
                assert response.status_code == 200, (site.hostname, url, response.status_code)
                crawled += 1
                html = response.content.decode()
                text = visible_text(html)
                findings += [(url, note) for note in EDITOR_NOTES if note in html]
                findings += [(url, match) for match in LINE_REFERENCE.findall(text)]
    assert crawled > 400
    assert findings == []


def test_every_site_footer_links_its_legal_accessibility_privacy_contact_and_open_data_pages(client, loaded):
    for site in loaded["sites"]:
        home = site.root_page.specific
        languages = ["fr", "en"] if home.get_translations().live().exists() else ["fr"]
        for language in languages:
            page = home if language == "fr" else home.get_translations().live().get()
            response = client.get(path(page), HTTP_HOST=site.hostname)
            footer = BeautifulSoup(response.content, "html.parser").find("footer", class_="site-footer")
            links = [a["href"] for a in footer.select(".site-footer__legal a")]
            titles = " | ".join(a.get_text() for a in footer.select(".site-footer__legal a"))
            assert len(links) >= 6, (site.hostname, language, titles)
            for href in links:
                if href.startswith("/"):
                    answer = client.get(href, HTTP_HOST=site.hostname)
                    assert answer.status_code == 200, (site.hostname, href)
            territory = TerritorySettings.for_site(site)
            for field in FOOTER_PAGES.values():
                target = getattr(territory, field)
                assert target is not None and target.live, (site.hostname, field)
                localized = target.get_translation_or_none(page.locale) or target
                assert path(localized) in links, (site.hostname, language, field)
            open_data = [href for href in links if "donnees-ouvertes" in href or "open-data" in href]
            assert open_data, (site.hostname, language, titles)


def test_the_territories_pages_say_their_own_name_and_state_the_accessibility_and_recourse(client, loaded):
    for site in loaded["sites"]:
        territory = TerritorySettings.for_site(site)
        legal = client.get(path(territory.legal_notice_page), HTTP_HOST=site.hostname)
        legal_text = visible_text(legal.content.decode())
        assert territory.name in legal_text
        if territory.siren:
            assert f"{territory.siren[:3]} {territory.siren[3:6]} {territory.siren[6:]}" in legal_text
        statement = visible_text(
            client.get(path(territory.accessibility_page), HTTP_HOST=site.hostname).content.decode()
        )
        assert "non conforme" in statement or "partiellement conforme" in statement
        assert "Défenseur des droits" in statement
        others = {t.name for t in TerritorySettings.objects.exclude(pk=territory.pk)}
        assert not [name for name in others if name in legal_text], site.hostname


def headings(document):
    """(code, heading) of every section and action of a demo data file."""
    for key in ("sections", "actions"):
        for item in document.get(key, []):
            yield item.get("code") or item["number"], item["title"]["fr"]
            yield from headings(item)


def normalised(value):
    return re.sub(r"\s+", " ", value.replace("**", "").replace("’", "'")).strip()


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: path.stem)
def test_every_title_of_a_seed_document_is_its_whole_source_heading(loaded, path):
    data = json.loads(path.read_text(encoding="utf-8"))
    source = normalised((SEEDS / data["source_file"]).read_text(encoding="utf-8")) if SEEDS.exists() else None
    document = StrategyPage.objects.get(slug=data["slug"]["fr"], locale__language_code="fr")
    pages = {
        **{p.number: p.title for p in StrategySectionPage.objects.descendant_of(document)},
        **{p.code: p.heading for p in ActionPage.objects.descendant_of(document)},
    }
    shortened, cut = [], []
    for code, heading in headings(data):
        shown = pages[code]
        if shown != heading:
            shortened.append((code, shown, heading))
        if shown.endswith("…") and not heading.endswith("…"):
            cut.append(code)
        if source is not None and shown.rstrip(". …") and shown.endswith("…"):
            # An ellipsis is only kept where the source itself has one.
            assert normalised(shown) in source, code
    assert shortened == []
    assert cut == []
    for page in ActionPage.objects.descendant_of(document):
        assert len(page.title) <= 255
        assert not page.title.endswith("…") or page.title == page.heading, page.code
        assert page.heading.startswith(page.title.rstrip(" .,;:")), page.code


def test_the_strategy_exports_are_plain_text_without_html_entities(client, loaded):
    for document in StrategyPage.objects.live().filter(locale__language_code__in=["fr", "en"]):
        site = document.get_site()
        base = path(document)
        as_csv = client.get(f"{base}export/csv/", HTTP_HOST=site.hostname).content.decode()
        as_json = client.get(f"{base}export/json/", HTTP_HOST=site.hostname)
        rows = list(csv.DictReader(io.StringIO(as_csv)))
        assert rows, document.title
        values = [value for row in rows for value in row.values()]
        values += [str(value) for row in as_json.json()["actions"] for value in row.values()]
        assert [value for value in values if ENTITY.search(value or "")] == []
        assert [value for value in values if "<p>" in (value or "") or "seeds/" in (value or "")] == []
        assert "source_ref" not in rows[0]


def test_every_official_commune_of_each_territory_is_present(loaded):
    with (DEMO_DATA / "communes-pays-de-mormal.csv").open(encoding="utf-8", newline="") as handle:
        mormal = {row["insee"] for row in csv.DictReader(handle)}
    official = {
        epci["siren"]: {member["code"] for member in epci["membres"]}
        for epci in json.loads((DEMO_DATA / "decoupage" / "communes-epci.json").read_text(encoding="utf-8"))["epci"]
    }
    shared = Path("/work/shared/data/communes-pays-de-mormal.csv")
    if shared.exists():
        with shared.open(encoding="utf-8", newline="") as handle:
            assert {row["insee"] for row in csv.DictReader(handle)} == mormal
    for site in loaded["sites"]:
        territory = TerritorySettings.for_site(site)
        present = set(Commune.objects.filter(site=site).values_list("insee_code", flat=True))
        assert present == official[territory.siren], site.hostname
    assert official["200043321"] == mormal
    # Every commune an action names is found among its territory's communes.
    assert [line for line in loaded["output"].splitlines() if "is not in this territory" in line] == []


def test_each_plan_page_cites_its_source(client, loaded):
    for document in StrategyPage.objects.live().filter(locale__language_code="fr"):
        site = document.get_site()
        html = client.get(path(document), HTTP_HOST=site.hostname).content.decode()
        box = BeautifulSoup(html, "html.parser").find(id="source-title").parent
        text = box.get_text(" ", strip=True)
        assert document.title in text
        assert document.source_author and document.source_author in text
        assert (document.date_label or "Document non daté") in text
        assert "Adoption" in text


def test_mormal_actions_link_the_places_and_events_they_lead_to_in_both_languages(client, loaded):
    """Issue 18: an action shows the tiers-lieux, repair cafés and France Services bus it led to;
    its English page links their English pages."""
    site = Site.objects.get(is_default_site=True)
    expected = {
        ("schema-developpement-usages-services-numeriques-2018", "2.1"): [
            "tiers-lieu-landrecies",
            "bag-numerique-bavay",
            "atelier-numerique-le-quesnoy",
        ],
        ("feuille-de-route-numerique-2023-2025", "1.A.1"): [
            "repair-cafe-du-tiers-lieu-de-landrecies",
            "repair-cafe-du-bag-numerique",
        ],
        ("feuille-de-route-numerique-2023-2025", "3.1"): [
            "bus-france-services-camion-bleu",
            "bus-france-services-a-bousies",
        ],
    }
    english = Locale.objects.get(language_code="en")
    for (document_slug, code), slugs in expected.items():
        document = StrategyPage.objects.descendant_of(site.root_page).get(slug=document_slug)
        action = ActionPage.objects.live().descendant_of(document).get(code=code)
        for page in (action, action.get_translation(english)):
            html = client.get(path(page), HTTP_HOST=site.hostname).content.decode()
            links = {a["href"] for a in BeautifulSoup(html, "html.parser").find(id="main").find_all("a", href=True)}
            for slug in slugs:
                target = Page.objects.live().descendant_of(site.root_page).get(slug=slug, locale=action.locale)
                shown = target.get_translation_or_none(page.locale) or target
                assert shown.locale == page.locale, slug
                assert path(shown) in links, (code, page.locale.language_code, slug)


def test_a_second_load_of_the_four_territories_changes_nothing(loaded):
    revisions = Revision.objects.count()
    with transaction.atomic():
        output = io.StringIO()
        call_command("load_demo", "--all", stdout=output)
        assert Revision.objects.count() == revisions
        assert "Open data page of Le Sud Avesnois numérique: unchanged in French" in output.getvalue()
        transaction.set_rollback(True)
