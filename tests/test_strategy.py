import csv
import io
import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page, Site

from home.demo.loader import DemoLoader
from home.models import ActionPage, Commune, HomePage, StrategyIndexPage, StrategyPage, StrategySectionPage
from home.strategy.demo import StrategyLoader, read_json
from tests import strategy_data

pytestmark = pytest.mark.django_db


def strategy_loader(tree, translate=True):
    loader = DemoLoader()
    loader.french = Locale.objects.get(language_code="fr")
    loader.english = Locale.objects.get(language_code="en")
    strategy = StrategyLoader(loader, tree.site, tree.home, translate=translate)
    strategy.load_themes(read_json("themes.json"))
    return strategy


@pytest.fixture
def bavay(site):
    return Commune.objects.create(insee_code="59053", name="Bavay", slug="bavay", postcode="59570", site=site.site)


# -- every seed document, transcribed ---------------------------------------------------------

# Numbers of sections and actions (all depths) each data file transcribes, and where they come
# from in the seed text.
DOCUMENTS = [
    # 000, CCPM SDUS (2018): 4 axes (L776-796; chapter 4 headings L810, L1099, L1156, L1623) and
    # 21 actions (chapter 4 tables and chapter 5 sheets; priority list L1805-1817).
    ("000-pays-de-mormal-sdus.json", 4, 21),
    # 001, CCPM Feuille de route numérique 2023-2025: 5 axes (sommaire L31-57, body L136-523) and
    # 7 sous-thèmes (1.A-1.D L136-253, 3.A-3.C L320-449); 39 actions and 13 sub-bullets.
    ("001-pays-de-mormal-feuille-de-route-2023.json", 12, 52),
    # 002, CA Porte du Hainaut: 5 orientations (table L400-508), 8 fiches action FA 1-8
    # (§3.1-3.2.7, L509-1130) and their 17 numbered sub-actions.
    ("002-porte-du-hainaut-strategie.json", 5, 25),
    # 003, CC Sud Avesnois: 6 piliers, 7 axes, 18 champs d'action and 28 objectifs as sections,
    # one action per row of the 29-row table (L77-107).
    ("003-sud-avesnois-sdus.json", 59, 29),
    # 004, CC du Haut-Pays du Montreuillois, version n°2: 3 "ACTION" blocks (L112, L156, L240),
    # 23 unnumbered domains, 70 "leviers d'action" bullets (9+1+1 / 1+1+10+1+4+5 / 7+1+3+5+3+…).
    ("004-haut-pays-montreuillois-feuille-de-route.json", 26, 70),
]


@pytest.mark.parametrize(("name", "sections", "actions"), DOCUMENTS)
def test_loader_publishes_every_section_and_action_of_the_document(site, name, sections, actions):
    strategy = strategy_loader(site, translate=False)
    document = strategy.load_document(read_json(name))
    assert StrategySectionPage.objects.descendant_of(document).live().count() == sections
    assert ActionPage.objects.descendant_of(document).live().count() == actions


def test_loading_a_document_again_publishes_nothing(site):
    from wagtail.models import Revision

    strategy_loader(site).load_document(strategy_data.document(bilingual=True))
    revisions = Revision.objects.count()
    strategy = strategy_loader(site)
    strategy.load_document(strategy_data.document(bilingual=True))
    assert Revision.objects.count() == revisions
    assert strategy.stats["translated"] == 0


@pytest.mark.parametrize(
    ("name", "count"),
    [("000-pays-de-mormal-sdus.json", 1 + 4 + 21), ("001-pays-de-mormal-feuille-de-route-2023.json", 1 + 12 + 52)],
)
def test_mormal_documents_render_every_page_in_both_languages(client, site, name, count):
    document = strategy_loader(site).load_document(read_json(name))
    english = Locale.objects.get(language_code="en")
    pages = list(Page.objects.descendant_of(document, inclusive=True).live().specific())
    assert len(pages) == count
    for page in pages:
        translated = page.get_translation(english)
        assert translated.live
        assert translated.title != page.title or page.title.startswith(("1.", "2."))
        for version, language in ((page, "fr"), (translated, "en")):
            response = client.get(version.url)
            assert response.status_code == 200, version.url
            assert f'<html lang="{language}"' in response.content.decode()
    assert client.get("/en/strategy/").status_code == 200


def test_statuses_and_codes_are_the_same_in_both_languages(site):
    document = strategy_loader(site).load_document(strategy_data.document(bilingual=True))
    english = Locale.objects.get(language_code="en")
    for action in ActionPage.objects.descendant_of(document):
        translated = action.get_translation(english)
        assert (translated.code, translated.status) == (action.code, action.status)
        assert translated.title.endswith("in English")


def test_french_only_document_is_never_shown_as_english(client, site):
    strategy_loader(site).load_document(strategy_data.document())
    html = client.get("/fr/strategie/feuille-test/").content.decode()
    assert 'href="/en/?untranslated=1" lang="en" hreflang="en" rel="nofollow"' in html
    assert 'hreflang="en"' not in html.split("</head>")[0]
    assert client.get("/en/strategie/feuille-test/").status_code == 404


def test_action_page_shows_filled_attributes_only(client, site):
    strategy_loader(site).load_document(strategy_data.document())
    html = client.get("/fr/strategie/feuille-test/axe-1/1-1/").content.decode()
    assert "10 000 € HT" in html
    assert "Budget et moyens" in html
    assert "Indicateurs" not in html
    assert "Jalons" not in html
    assert 'href="/fr/strategie/feuille-test/axe-2/2-1/"' in html  # related action


# -- reading experience -------------------------------------------------------------------------


def outline_codes(html):
    return [code for code in strategy_data_codes() if f'<span class="outline__code">{code}</span>' in html]


def strategy_data_codes():
    return [f"{axis}.{index}" for axis in (1, 2) for index in range(1, 20)]


def test_document_shows_counts_by_status_in_text(client, site, bavay):
    strategy_loader(site).load_document(strategy_data.document())
    html = client.get("/fr/strategie/feuille-test/").content.decode()
    assert "6 actions" in html
    assert "Réalisé&nbsp;: 2 (33&nbsp;%)" in html
    assert "Prévu&nbsp;: 1 (17&nbsp;%)" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]),
        ("?status=done", ["1.1", "2.3"]),
        ("?theme=tiers-lieux", ["1.1", "1.3", "2.2"]),
        ("?tag=dematerialisation", ["1.1", "2.1"]),
        ("?commune=bavay", ["1.1", "2.2"]),
        ("?theme=tiers-lieux&tag=dematerialisation", ["1.1"]),
        ("?theme=tiers-lieux&status=done&commune=bavay", ["1.1"]),
        ("?status=nonsense", ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]),
    ],
)
def test_filters_work_alone_and_combined(client, site, bavay, query, expected):
    strategy_loader(site).load_document(strategy_data.document())
    html = client.get("/fr/strategie/feuille-test/" + query).content.decode()
    assert outline_codes(html) == expected


def test_filters_that_match_nothing_say_so(client, site, bavay):
    strategy_loader(site).load_document(strategy_data.document())
    html = client.get("/fr/strategie/feuille-test/?status=done&theme=mobilite&commune=bavay").content.decode()
    assert "Aucune action ne correspond à ces filtres." in html


def test_outline_query_count_does_not_grow_with_the_number_of_actions(client, site, bavay):
    strategy = strategy_loader(site, translate=False)
    strategy.load_document(strategy_data.document(20, slug="petit"))
    strategy.load_document(strategy_data.document(200, slug="grand"))
    counts = []
    for slug in ("petit", "grand"):
        client.get(f"/fr/strategie/{slug}/")  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/fr/strategie/{slug}/?theme=tiers-lieux")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_overview_compares_documents_by_theme(client, site):
    strategy = strategy_loader(site, translate=False)
    strategy.load_document(strategy_data.document(6, slug="ancienne"))
    strategy.load_document(strategy_data.document(10, slug="nouvelle"))
    html = client.get("/fr/strategie/").content.decode()
    assert "Tiers-lieux et coworking" in html
    assert "<td>3</td><td>5</td>" in html  # tiers-lieux actions in each document


# -- open data ----------------------------------------------------------------------------------


def test_csv_and_json_exports_hold_the_same_rows(client, site, bavay):
    document = strategy_loader(site).load_document(strategy_data.document(bilingual=True))
    csv_response = client.get(document.url + "export/csv/")
    json_response = client.get(document.url + "export/json/")
    assert csv_response["Content-Disposition"].endswith('-actions.csv"')
    assert "licence-ouverte" in csv_response["Link"]
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode())))
    data = json.loads(json_response.content)
    assert data["licence"] == "Licence Ouverte / Open Licence 2.0"
    assert len(rows) == len(data["actions"]) == 6
    for row, item in zip(rows, data["actions"], strict=True):
        assert row == {key: "" if value is None else str(value) for key, value in item.items()}
    first = data["actions"][0]
    assert first["code"] == "1.1" and first["status"] == "done" and first["budget"] == "10 000 € HT"
    assert first["communes"] == "59053" and first["related_actions"] == "2.1"
    # Stable ids: the same action has the same id in English.
    english = json.loads(client.get("/en/strategy/feuille-test-en/export/json/").content)
    assert [item["id"] for item in english["actions"]] == [item["id"] for item in data["actions"]]


# -- tree, territories, admin -------------------------------------------------------------------


def test_strategy_pages_only_go_where_they_belong():
    assert set(StrategyIndexPage.allowed_parent_page_models()) == {HomePage}
    assert set(StrategyPage.allowed_parent_page_models()) == {StrategyIndexPage}
    assert set(StrategySectionPage.allowed_subpage_models()) == {StrategySectionPage, ActionPage}
    assert set(ActionPage.allowed_subpage_models()) == {ActionPage}


def test_each_territory_answers_on_its_own_hostname(client, site):
    DemoLoader(territories=["porte-du-hainaut", "sud-avesnois"], strategy=False).run()
    porte = client.get("/fr/", HTTP_HOST="porte-du-hainaut.localhost")
    sud = client.get("/fr/", HTTP_HOST="sud-avesnois.localhost:8000")
    default = client.get("/fr/", HTTP_HOST="localhost")
    assert "Communauté d&#x27;Agglomération de la Porte du Hainaut" in porte.content.decode()
    assert "Sud Avesnois" in sud.content.decode()
    assert "Accueil du territoire" in default.content.decode()
    assert Commune.objects.filter(site__hostname="porte-du-hainaut.localhost").count() == 47
    # French-only territory: no English link, and /en/ goes back to French.
    assert 'hreflang="en"' not in porte.content.decode()
    assert client.get("/en/", HTTP_HOST="porte-du-hainaut.localhost")["Location"] == "/fr/"
    assert Site.objects.count() == 3


def test_admin_search_finds_actions_by_code_and_title(client, site, django_user_model, search_index):
    strategy_loader(site, translate=False).load_document(strategy_data.document())
    admin = django_user_model.objects.create_superuser("officer", "officer@example.org", "password")
    client.force_login(admin)
    html = client.get("/admin/pages/search/", {"q": "2.3"}).content.decode()
    assert "Action 2.3" in html
