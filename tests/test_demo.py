"""The demo loader, tested the guide's way: run it twice, then visit every live page."""

import io

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation

from home.models import Commune, HomePage, Organisation, StandardPage, TerritorySettings
from tests.json_ld import json_ld_blocks

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded_twice(django_db_setup, django_db_blocker):
    """The demo loaded twice, once for the module (a load takes a while): each test runs in a
    savepoint of this transaction, which is rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        first, second = io.StringIO(), io.StringIO()
        call_command("load_demo", "--without-strategy", stdout=first)
        revisions = Revision.objects.count()
        call_command("load_demo", "--without-strategy", stdout=second)
        yield first.getvalue(), second.getvalue(), revisions
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def loaded(loaded_twice):
    """The demo as a visitor finds it (a second run changes nothing: see below)."""


def test_every_live_page_answers_in_both_languages_after_two_runs(client, loaded_twice):
    pages = Page.objects.live().filter(depth__gt=1)
    languages = set(pages.values_list("locale__language_code", flat=True))
    assert languages == {"fr", "en"}
    assert pages.count() >= 12
    for page in pages:
        url = page.get_url()
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{page.locale.language_code}"' in response.content.decode(), url
        check_structured_data(response.content.decode(), page)


# The properties each schema.org type must have here (Google's required ones, and ours).
REQUIRED = {
    "GovernmentOrganization": {"name", "url"},
    "BreadcrumbList": {"itemListElement"},
    "Event": {"name", "startDate", "location"},
    "TouristTrip": {"name"},
    "NewsArticle": {"headline", "datePublished", "author", "publisher"},
}


def check_structured_data(html, page):
    """Every JSON-LD block of every page parses, has a type and that type's required properties;
    every page but the home pages has its breadcrumbs, the home pages the territory."""
    types = set()
    for data in json_ld_blocks(html):
        for item in data if isinstance(data, list) else [data]:
            assert item.get("@context") == "https://schema.org", page.url
            kind = item["@type"]
            types.add(kind)
            missing = REQUIRED.get(kind, {"name"}) - set(item)
            assert not missing, f"{page.url}: {kind} lacks {missing}"
    assert ("GovernmentOrganization" if page.depth == 2 else "BreadcrumbList") in types, page.url


def test_second_run_changes_nothing_and_says_so(loaded_twice):
    first, second, revisions = loaded_twice
    assert "Communes: 52 (52 created, 0 updated)" in first
    assert "Communes: 52 (0 created, 0 updated)" in second
    assert "Standard pages: 5 in French and English (0 published, 0 translations published)" in second
    assert "Open data page: unchanged in French and English" in second
    assert Revision.objects.count() == revisions
    assert Page.objects.filter(depth=2).count() == 2  # Wagtail's placeholder page is gone


def test_english_pages_are_translations_in_real_english(loaded):
    english = Locale.objects.get(language_code="en")
    for page in StandardPage.objects.filter(locale__language_code="fr"):
        translated = page.get_translation(english)
        assert translated.live
        assert translated.title != page.title
        assert translated.slug != page.slug or translated.slug == "contact"
        assert Translation.objects.filter(source__object_id=page.translation_key, target_locale=english).exists()
    home_en = HomePage.objects.get(locale=english)
    assert "digital" in home_en.title.lower()


def test_territory_and_reference_data_come_from_the_seed_facts(loaded):
    territory = TerritorySettings.objects.get()
    assert territory.siren == "200043321"
    assert territory.name == "Communauté de communes du Pays de Mormal"
    assert territory.accessibility_page.slug == "accessibilite"
    assert Commune.objects.count() == 52
    assert sum(Commune.objects.values_list("population", flat=True)) == 48048
    assert Commune.objects.get(insee_code="59006").name == "L'Orée de Mormal"
    french = Organisation.objects.filter(locale__language_code="fr")
    english = Organisation.objects.filter(locale__language_code="en")
    assert french.count() == english.count() >= 10
    parasites = english.get(slug="collectif-parasites")
    assert parasites.description and parasites.description != french.get(slug="collectif-parasites").description


def test_legal_pages_are_linked_from_the_footer_in_each_language(client, loaded):
    french = client.get("/fr/").content.decode()
    english = client.get("/en/").content.decode()
    assert 'href="/fr/accessibilite/">Accessibilité : non conforme</a>' in french
    assert 'href="/en/accessibility/">Accessibility: not compliant</a>' in english
    assert 'href="/en/legal-notice/"' in english and 'href="/fr/mentions-legales/"' in french


def test_the_open_data_page_is_published_in_both_languages_and_linked_from_the_footer(client, loaded):
    french = client.get("/fr/donnees-ouvertes/").content.decode()
    english = client.get("/en/open-data/").content.decode()
    assert "<h1>Données ouvertes</h1>" in french and "<h1>Open data</h1>" in english
    assert 'href="/open-data/communes.csv?lang=fr"' in french
    assert 'href="/en/open-data/">Open data</a>' in client.get("/en/").content.decode()


def test_demo_pages_of_every_type_show_a_credited_illustration_in_both_languages(client, loaded_twice):
    from wagtail.images import get_image_model

    from home.demo.images import FOLDER, ILLUSTRATIONS

    first, second, _ = loaded_twice
    assert "Illustrations: 6 images, 0 pages changed" in second
    assert get_image_model().objects.count() == len(ILLUSTRATIONS)
    english = Locale.objects.get(language_code="en")
    for item in ILLUSTRATIONS:
        assert (FOLDER / item["file"]).stat().st_size < 150_000
        for label in item["pages"]:
            if label == "home.ActionPage":
                continue  # loaded without the strategy documents here
            pages = [page for page in Page.objects.filter(image_pages(label)).specific() if page.image_id]
            assert pages, label
            page = pages[0]
            html = client.get(page.url).content.decode()
            assert item["alt"]["fr"].replace("'", "&#x27;") in html
            assert "Illustration\u00a0: projet Hub territorial" in html
            translated = page.get_translation(english).specific
            assert translated.image_id == page.image_id and translated.image_alt == item["alt"]["en"]
            assert translated.image_credit == "Illustration: Hub territorial project"
            assert item["alt"]["en"] in client.get(translated.url).content.decode().replace("&#x27;", "'")


def image_pages(label):
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    return Q(content_type=ContentType.objects.get_for_model(apps.get_model(label)), locale__language_code="fr")
