"""Search in the visitor's language, on the demo: English and French stemming, accents ignored,
the editors' bilingual synonyms, kinds and categories by their names, and French results
rather than an empty page (issue 17, item 3). Run on SQLite and on PostgreSQL."""

import io

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tests.builders import ensure_root
from tests.test_search import html_of, result_titles

pytestmark = pytest.mark.django_db

INDEXED = {"default": {"BACKEND": "search.backend"}}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo territory, indexed as its pages are published, once for the module."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(WAGTAILSEARCH_BACKENDS=INDEXED):
        ensure_root()
        call_command("load_demo", "--without-strategy", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def indexed(demo, settings):
    settings.WAGTAILSEARCH_BACKENDS = INDEXED


def first_page(client, language, words):
    """The titles the all-results page shows: the top three of each kind of result."""
    return result_titles(html_of(client, f"/{language}/search/", q=words))


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
