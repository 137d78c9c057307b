"""Site search through HTTP: every kind of page, in the visitor's language, accent and case
insensitive, grouped with counts, commune facet, promotions, suggestions and the terms report."""

import datetime as dt
import io
import re

import pytest

from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from home.models import ActionPage, Commune
from search.models import SearchTerm
from search.query import SearchRequest
from tests.builders import add_standard_page, publish, translate
from tests.event_builders import add_event, agenda
from tourism.models import PlaceIndexPage, PlaceKind, PlacePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory(site, search_index):
    """Standard pages, an agenda, places and a strategy action, spread over two communes."""
    tree = site
    tree.bavay = Commune.objects.create(
        insee_code="59053", name="Bavay", slug="bavay", postcode="59570", site=tree.site
    )
    tree.quesnoy = Commune.objects.create(
        insee_code="59481", name="Le Quesnoy", slug="le-quesnoy", postcode="59530", site=tree.site
    )
    tree.agenda = agenda(tree)
    soon = timezone.now() + dt.timedelta(days=10)
    tree.fete = add_event(
        tree.agenda, "Fête de la musique", soon, soon + dt.timedelta(hours=3), commune=tree.quesnoy, slug="fete"
    )
    past = timezone.now() - dt.timedelta(days=30)
    tree.old = add_event(
        tree.agenda, "Fête d'hiver passée", past, past + dt.timedelta(hours=2), commune=tree.bavay, slug="hiver"
    )
    french = tree.home.locale
    index = PlaceIndexPage(title="Découvrir", slug="decouvrir", locale=french)
    tree.home.add_child(instance=index)
    publish(index)
    translate(index, tree.home_en.locale, title="Discover", slug="discover")
    kind = PlaceKind.objects.create(name="Musée", slug="musee", schema_type="Museum", locale=french)
    tree.museum = PlacePage(
        title="Musée du verre", slug="musee-verre", locale=french, kind=kind, commune=tree.bavay, introduction=""
    )
    index.add_child(instance=tree.museum)
    publish(tree.museum)
    tree.page = add_standard_page(
        tree.home, "Les marchés du territoire", "marches", introduction="Où trouver les marchés chaque semaine."
    )
    return tree


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def result_titles(html):
    return [
        re.sub(r"<[^>]+>", "", title) for title in re.findall(r'class="search-result__title"><a [^>]*>(.*?)</a>', html)
    ]


@pytest.mark.parametrize("words", ["fete", "FÊTE", "fête de la MUSIQUE", "Fete musique"])
def test_accents_and_case_make_no_difference(client, territory, words):
    assert "Fête de la musique" in result_titles(html_of(client, "/fr/search/", q=words))


def test_two_words_naming_a_commune_find_it_in_any_case(client, territory):
    page = add_standard_page(territory.home, "Visiter Le Quesnoy", "visiter", introduction="Remparts.")
    assert page.title in result_titles(html_of(client, "/fr/search/", q="le quesnoy"))


def test_only_the_visitors_language_and_french_only_pages_marked_french(client, territory):
    translate(territory.page, territory.home_en.locale, title="Markets of the territory", slug="markets")
    english = html_of(client, "/en/search/", q="musee")
    french = html_of(client, "/fr/search/", q="marches")
    # The museum has no English version: found in English, in French and said to be.
    assert "Musée du verre" in result_titles(english)
    assert re.search(r'<a href="[^"]+" lang="fr"><mark>Musée</mark> du verre</a>', english)
    assert "Page in French" in english
    # The market page has one: only the English version is found in English.
    english_markets = html_of(client, "/en/search/", q="markets")
    assert "Markets of the territory" in result_titles(english_markets)
    assert "Les marchés du territoire" not in result_titles(html_of(client, "/en/search/", q="marches"))
    assert "Markets of the territory" not in result_titles(french)


def test_title_matches_come_before_body_matches(client, territory):
    add_standard_page(territory.home, "Guide pratique", "guide", introduction="On y parle aussi de la ludothèque.")
    add_standard_page(territory.home, "La ludothèque", "ludotheque", introduction="Des jeux pour tous.")
    html = html_of(client, "/fr/search/", q="ludotheque", type="pages")
    assert result_titles(html)[:2] == ["La ludothèque", "Guide pratique"]


def test_results_are_grouped_by_kind_with_counts_and_past_events_left_out(client, territory):
    html = html_of(client, "/fr/search/", q="fete")
    assert re.search(r'<h2 id="section-events">Événements à venir <span class="search-kinds__count">\(1\)</span>', html)
    assert "Fête d&#x27;hiver passée" not in html and "Fête d'hiver passée" not in html
    links = dict(
        re.findall(
            r'<a href="\?q=fete[^"]*"(?: aria-current="page")?>([^<]+) <span class="search-kinds__count">\((\d+)\)',
            html,
        )
    )
    assert links["Tous les résultats"] == "1" and links["Événements à venir"] == "1" and links["Pages"] == "0"


def test_commune_facet_counts_and_filters(client, territory):
    add_event(
        territory.agenda, "Fête du verre", timezone.now() + dt.timedelta(days=3), commune=territory.bavay, slug="verre"
    )
    add_standard_page(territory.home, "Fête des voisins", "voisins", introduction="Partout.")
    html = html_of(client, "/fr/search/", q="fete")
    options = dict(re.findall(r'<option value="([a-z-]+)"[^>]*>[^<]+\((\d+)\)</option>', html))
    assert options == {"bavay": "1", "le-quesnoy": "1"}
    filtered = html_of(client, "/fr/search/", q="fete", commune="bavay")
    assert result_titles(filtered) == ["Fête du verre"]
    # The kind counts follow the commune chosen.
    assert re.search(r"Pages <span class=\"search-kinds__count\">\(0\)", filtered)


def test_a_kind_lists_its_results_with_pagination(client, territory):
    for number in range(12):
        add_standard_page(territory.home, f"Bibliothèque numéro {number}", f"bib-{number}")
    first = html_of(client, "/fr/search/", q="bibliotheque", type="pages")
    second = html_of(client, "/fr/search/", q="bibliotheque", type="pages", page=2)
    assert len(result_titles(first)) == 10 and len(result_titles(second)) == 2
    assert 'href="?q=bibliotheque&amp;type=pages&amp;page=2"' in first
    assert not set(result_titles(first)) & set(result_titles(second))
    # The pages list the backend's own ranking (on PostgreSQL ranked in the statement that counts).
    with translation.override("fr"):
        ranked = [page.title for page in SearchRequest(territory.site, "bibliotheque", "pages").results()]
    assert result_titles(first) + result_titles(second) == ranked
    assert result_titles(html_of(client, "/fr/search/", q="bibliotheque", type="pages", page=9)) == result_titles(first)
    overview = html_of(client, "/fr/search/", q="bibliotheque")
    assert len(result_titles(overview)) == 3 and "Voir les 12 résultats dans « Pages »" in overview


def test_snippets_mark_the_words_found_and_escape_the_rest(client, territory):
    add_standard_page(
        territory.home, "Atelier", "atelier", introduction="Un <script>alert(1)</script> atelier de Réparation ouvert."
    )
    html = html_of(client, "/fr/search/", q="reparation")
    assert "<mark>Réparation</mark>" in html
    assert "<script>alert(1)</script>" not in html


def test_nothing_found_suggests_where_to_go(client, territory):
    territory.page.show_in_menus = True
    publish(territory.page)
    html = html_of(client, "/fr/search/", q="zzqxw")
    assert "0 résultat pour « zzqxw »" in html
    assert "Parcourir le site" in html and ">Les marchés du territoire</a>" in html


def test_words_not_all_found_fall_back_to_any_of_them(client, territory):
    html = html_of(client, "/fr/search/", q="musique zzqxw")
    assert "Fête de la musique" in result_titles(html)
    assert "Aucune page ne contient tous ces mots" in html


def test_promoted_results_come_first_in_the_visitors_language(client, territory):
    museum_en = translate(territory.museum, territory.home_en.locale, title="Glass museum", slug="glass-museum")
    query = Query.get("Fête")
    SearchPromotion.objects.create(query=query, page=territory.museum, description="Le musée ouvre pour la fête.")
    fr = html_of(client, "/fr/search/", q="fete")
    assert 'id="promoted-title"' in fr and "Le musée ouvre pour la fête." in fr
    assert fr.index("Musée du verre") < fr.index("</mark> de la musique")
    en = html_of(client, "/en/search/", q="FÊTE")
    assert museum_en.title in en
    # A promotion of a page that is no longer live is not shown.
    territory.museum.unpublish()
    museum_en.unpublish()
    assert 'id="promoted-title"' not in html_of(client, "/fr/search/", q="fete")


def test_suggestions_endpoint_completes_titles_in_the_visitors_language(client, territory):
    response = client.get("/fr/search/suggest/", {"q": "fet"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    titles = [item["title"] for item in response.json()["suggestions"]]
    assert titles == ["Fête de la musique"]
    assert response.json()["suggestions"][0]["url"] == territory.fete.get_url()
    assert client.get("/fr/search/suggest/", {"q": "f"}).json()["suggestions"] == []
    assert client.get("/en/search/suggest/", {"q": "musee"}).json()["suggestions"][0]["title"] == "Musée du verre"
    assert "Set-Cookie" not in response


def test_search_terms_are_counted_for_editors_without_who_searched(client, territory):
    client.get("/fr/search/", {"q": "Fête"})
    client.get("/fr/search/", {"q": "fête "})
    client.get("/fr/search/", {"q": "fete", "page": 2})
    client.get("/en/search/", {"q": "zzqxw"})
    fete = SearchTerm.objects.get(query_string="fête", language="fr")
    assert (fete.searches, fete.zero_result_searches, fete.last_results) == (2, 0, 1)
    nothing = SearchTerm.objects.get(query_string="zzqxw", language="en")
    assert nothing.zero_result_searches == 1


def test_search_terms_report_is_for_editors_only(client, territory):
    SearchTerm.record("fête", "fr", 3)
    SearchTerm.record("zzqxw", "fr", 0)
    visitor = User.objects.create_user("visitor", password="x")
    visitor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(visitor)
    assert client.get("/admin/reports/site-search-terms/").status_code in (302, 403)
    editor = User.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    html = html_of(client, "/admin/reports/site-search-terms/")
    assert "fête" in html and "zzqxw" in html
    zero = html_of(client, "/admin/reports/site-search-terms/", zero_results="true")
    assert "zzqxw" in zero and "fête" not in zero


def test_query_count_does_not_grow_with_the_number_of_results(client, territory):
    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    few = count("/fr/search/?q=concert")
    for number in range(8):
        add_event(
            territory.agenda,
            f"Concert {number}",
            timezone.now() + dt.timedelta(days=number + 1),
            commune=territory.bavay,
            slug=f"concert-{number}",
        )
        add_standard_page(territory.home, f"Concert au kiosque {number}", f"kiosque-{number}")
    many_overview = count("/fr/search/?q=concert")
    many_events = count("/fr/search/?q=concert&type=events")
    # A word found nowhere costs a few queries for the suggestions; found, the kinds, counts,
    # facet and first results take a constant number (fewer on PostgreSQL: one statement).
    assert few <= MAX_SEARCH_QUERIES and many_overview <= MAX_SEARCH_QUERIES
    add_event(territory.agenda, "Concert final", timezone.now() + dt.timedelta(days=20), slug="concert-final")
    assert count("/fr/search/?q=concert") == many_overview
    assert count("/fr/search/?q=concert&type=events") == many_events


def test_action_pages_are_found_with_their_communes(client, territory):
    strategy_actions = ActionPage.objects.count()
    assert strategy_actions == 0  # the fixture has no strategy: build one action by hand
    from home.models import StrategyIndexPage, StrategyPage, StrategySectionPage

    french = Locale.objects.get(language_code="fr")
    index = StrategyIndexPage(title="Stratégie", slug="strategie", locale=french)
    territory.home.add_child(instance=index)
    publish(index)
    document = StrategyPage(title="Feuille de route", slug="feuille", locale=french, kind="feuille_de_route")
    index.add_child(instance=document)
    publish(document)
    axis = StrategySectionPage(title="Axe 1", slug="axe-1", locale=french, number="1", level_label="Axe")
    document.add_child(instance=axis)
    publish(axis)
    action = ActionPage(title="Ouvrir un tiers-lieu numérique", slug="tiers-lieu", locale=french, code="1.1")
    axis.add_child(instance=action)
    action.communes = [territory.quesnoy]
    publish(action)
    html = html_of(client, "/fr/search/", q="tiers-lieu numerique")
    assert re.search(r'<h2 id="section-actions">Actions de la feuille de route', html)
    assert "Ouvrir un tiers-lieu numérique" in result_titles(html)
    filtered = html_of(client, "/fr/search/", q="tiers-lieu", commune="le-quesnoy")
    assert "Ouvrir un tiers-lieu numérique" in result_titles(filtered)


def test_demo_promotions_point_at_the_sections_and_load_once(client, territory):
    from search import demo

    class Loader:
        home = territory.home
        messages = []

        def say(self, message):
            self.messages.append(message)

    demo.load(Loader())
    demo.load(Loader())
    promoted = SearchPromotion.objects.select_related("query", "page")
    places = territory.museum.get_parent()
    assert {(p.query.query_string, p.page_id) for p in promoted} == {
        ("agenda", territory.agenda.pk),
        ("randonnée", places.pk),
    }
    html = html_of(client, "/fr/search/", q="zzqxw")
    assert "Recherches fréquentes" in html and 'href="?q=agenda"' in html
    assert Loader.messages[-1].endswith("(0 added)")


@pytest.mark.parametrize(
    "words", ["!!!", "'", "a", "le", "&|!", "fête:*", '"fête', "x" * 300, "<script>", "fête\n\tmusique", "日本"]
)
def test_odd_words_get_a_page_not_an_error(client, territory, words):
    for url in ("/fr/search/", "/en/search/", "/fr/search/suggest/"):
        assert client.get(url, {"q": words}).status_code == 200
    assert (
        client.get("/fr/search/", {"q": "fete", "type": "nope", "commune": "nowhere", "page": "x"}).status_code == 200
    )


def test_a_null_character_in_the_words_gets_a_clear_400(client, territory):
    response = client.get("/fr/search/", {"q": "fête\x00musique"})
    assert response.status_code == 400
    assert "caractère nul" in response.content.decode()


def test_old_search_terms_are_purged_and_recent_ones_kept(db, settings):
    SearchTerm.record("voisin dupont", "fr", 0)
    SearchTerm.record("fête", "fr", 3)
    SearchTerm.objects.filter(query_string="voisin dupont").update(
        last_searched_at=timezone.now() - dt.timedelta(days=400)
    )
    out = io.StringIO()
    call_command("purge_search_terms", "--dry-run", stdout=out)
    assert "1 search wording(s)" in out.getvalue() and SearchTerm.objects.count() == 2
    call_command("purge_search_terms", stdout=io.StringIO())
    assert list(SearchTerm.objects.values_list("query_string", flat=True)) == ["fête"]
    # The retention comes from the settings when --days is not given.
    settings.HUB_SEARCH_TERM_RETENTION_DAYS = 0
    call_command("purge_search_terms", stdout=io.StringIO())
    assert not SearchTerm.objects.exists()


MAX_SEARCH_QUERIES = 10  # issue 16: results, facets and counts in one or two passes


def test_a_results_page_with_facets_takes_ten_queries_at_most_however_many_pages(client, territory):
    """Events, places and pages found in two communes: kinds with counts, the commune facet,
    each kind's first results with their communes and dates. The statistics' write, made once
    the response is sent, is counted too."""

    def queries(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return captured.captured_queries

    def add_markets(first, last):
        soon = timezone.now() + dt.timedelta(days=5)
        places = PlacePage.objects.get(pk=territory.museum.pk).get_parent()
        for number in range(first, last):
            commune = (territory.bavay, territory.quesnoy)[number % 2]
            add_event(territory.agenda, f"Marché {number}", soon, commune=commune, slug=f"marche-{number}")
            place = PlacePage(title=f"Halle du marché {number}", slug=f"halle-{number}", commune=commune)
            place.locale, place.kind, place.introduction = territory.home.locale, territory.museum.kind, ""
            places.add_child(instance=place)
            publish(place)
            add_standard_page(territory.home, f"Marché du dimanche {number}", f"dimanche-{number}")

    add_markets(0, 2)
    few = queries("/fr/search/?q=marche")
    html = html_of(client, "/fr/search/?q=marche")
    assert 'id="search-commune"' in html and 'id="section-events"' in html and 'id="section-places"' in html
    add_markets(2, 12)
    many = queries("/fr/search/?q=marche")
    assert len(many) == len(few) <= MAX_SEARCH_QUERIES, "\n".join(query["sql"][:120] for query in many)
    writes = [query["sql"] for query in many if not query["sql"].startswith("SELECT")]
    assert len(writes) <= 1 and all("search_searchterm" in sql for sql in writes)
    assert len(queries("/fr/search/?q=marche&type=places&commune=bavay")) <= MAX_SEARCH_QUERIES
