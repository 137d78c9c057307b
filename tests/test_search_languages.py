"""Search in the visitor's language, on the demo: English and French stemming, accents ignored,
the editors' bilingual synonyms, kinds and categories by their names, and French results
rather than an empty page (issue 17, item 3). Run on SQLite and on PostgreSQL."""

import re
from html import unescape

import pytest

from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from search.models import SynonymGroup
from search.synonyms import normal
from tests.demo_snapshot import load_demo
from tests.test_search import html_of, result_titles

pytestmark = pytest.mark.django_db

INDEXED = {"default": {"BACKEND": "search.backend"}}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo territory, indexed as its pages are published, once for the module."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(WAGTAILSEARCH_BACKENDS=INDEXED):
        load_demo("--without-strategy")
        yield
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def indexed(demo, settings):
    settings.WAGTAILSEARCH_BACKENDS = INDEXED


def first_page(client, language, words):
    """The titles the all-results page shows: the top three of each kind of result."""
    return [unescape(title) for title in result_titles(html_of(client, f"/{language}/search/", q=words))]


# What a tourist types, and the page they mean.
ENGLISH = [
    ("hiking", "Mormal Forest loop (demo trace)"),
    ("walk", "Around the ramparts of Le Quesnoy (demo trace)"),
    ("trail", "Mormal Forest loop (demo trace)"),
    ("bike", "Along the Sambre–Oise canal (demo trace)"),
    ("cycling", "Along the Sambre–Oise canal (demo trace)"),
    ("castle", "Potelle Castle"),
    ("castles", "Rametz Castle"),
    ("museum", "Bellignies Marble Museum"),
    ("cheese", "Sambre Cheese Shop (fictional)"),
    ("beer", "Two Rivers Craft Brewery (fictional)"),
    ("bakery", "Rampart Bakery (fictional)"),
    ("forest", "Mormal State Forest"),
    ("lake", "Pont Rouge pond and Lac Vauban"),
    ("farm", "Three Limes Farm (fictional)"),
    ("abbey", "Former Maroilles Abbey (mill and tithe barn)"),
    ("honey", "Little Wood Honey Farm (fictional)"),
    ("ramparts", "Le Quesnoy ramparts and fortifications"),
    ("bikes", "Mormal Bikes (fictional)"),
]
FRENCH = [
    ("randonnée", "Boucle en forêt de Mormal (tracé de démonstration)"),
    ("balade", "Tour des remparts du Quesnoy (tracé de démonstration)"),
    ("sentier", "Boucle en forêt de Mormal (tracé de démonstration)"),
    ("vélo", "Le long du canal de la Sambre à l'Oise (tracé de démonstration)"),
    ("chateau", "Château de Potelle"),
    ("châteaux", "Château de Rametz"),
    ("musées", "Musée du marbre de Bellignies"),
    ("fromage", "Fromagerie de la Sambre (fictive)"),
    ("bière", "Brasserie artisanale des Deux Rivières (fictive)"),
    ("boulangerie", "Boulangerie du Rempart (fictive)"),
    ("foret", "Forêt domaniale de Mormal"),
    ("étang", "Étang du Pont Rouge et lac Vauban"),
    ("ferme", "Ferme des Trois Tilleuls (fictive)"),
    ("abbaye", "Ancienne abbaye de Maroilles (moulin et grange dîmière)"),
    ("miel", "Miellerie du Petit Bois (fictive)"),
    ("remparts", "Remparts et fortifications du Quesnoy"),
]


@pytest.mark.parametrize(("words", "meant"), ENGLISH)
def test_an_english_tourist_finds_what_they_mean_in_the_first_page(client, indexed, words, meant):
    assert meant in first_page(client, "en", words)


@pytest.mark.parametrize(("words", "meant"), FRENCH)
def test_the_french_words_find_the_same_in_the_first_page(client, indexed, words, meant):
    assert meant in first_page(client, "fr", words)


def test_kinds_categories_and_activities_are_found_by_their_names_in_each_language(client, indexed):
    # Neither castle's text says "heritage" nor the canal's "cycling": their kind and activity do.
    assert "Potelle Castle" in result_titles(html_of(client, "/en/search/", q="heritage", type="places"))
    assert "Château de Potelle" in result_titles(html_of(client, "/fr/search/", q="patrimoine", type="places"))
    assert "High Fields Pottery (fictional)" in result_titles(
        html_of(client, "/en/search/", q="craftspeople", type="merchants")
    )


def test_an_editor_adds_synonyms_and_the_search_uses_them(client, indexed):
    assert "Écaillon Threads (fictional)" not in first_page(client, "en", "sewing")
    editor = User.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    add = "/admin/snippets/search/synonymgroup/add/"
    refused = client.post(add, {"words": "sewing"})
    # The admin speaks the site's first language to an editor without a preference.
    assert refused.status_code == 200 and "Indiquez au moins deux mots" in refused.content.decode()
    assert client.post(add, {"words": "sewing,  Mercerie\nhaberdashery"}).status_code == 302
    assert SynonymGroup.objects.filter(words="sewing, Mercerie, haberdashery").exists()
    client.logout()
    assert "Écaillon Threads (fictional)" in first_page(client, "en", "sewing")
    assert "Au Fil de l'Écaillon (fictif)" in first_page(client, "fr", "Sewing")


def test_the_synonyms_found_are_marked_in_the_results(client, indexed):
    html = html_of(client, "/en/search/", q="castle", type="places")
    assert "<mark>Castle</mark>" in html
    french = html_of(client, "/fr/search/", q="castle", type="places")
    assert "<mark>Château</mark> de Potelle" in french


def test_english_words_found_only_in_french_give_the_french_results_marked_french(client, indexed):
    html = html_of(client, "/en/search/", q="tilleuls")
    assert "No page in your language contains these words: here are the results in French." in html
    assert "Ferme des Trois Tilleuls (fictive)" in result_titles(html)
    assert re.search(r'<a href="/fr/[^"]*" lang="fr">Ferme des Trois <mark>Tilleuls</mark> \(fictive\)</a>', html)
    assert "Page in French" in html


def test_words_found_in_no_language_still_say_nothing_was_found(client, indexed):
    html = html_of(client, "/en/search/", q="zzqxw")
    assert "Nothing found" in html and "results in French" not in html
    french = html_of(client, "/fr/search/", q="zzqxw")
    assert "Aucun résultat" in french


@pytest.mark.parametrize(
    ("typed", "same"), [("Châteaux", "chateau"), ("Markets", "market"), ("ÉGLISE", "eglise"), ("class", "class")]
)
def test_synonyms_are_looked_up_without_case_accents_or_plural(typed, same):
    assert normal(typed) == same
