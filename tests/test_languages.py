import re

import pytest

from tests.builders import add_standard_page, translate

pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html lang="([a-z-]+)"', response.content.decode()).group(1)


def alternates(response):
    return dict(re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">', response.content.decode()))


def switcher_link(response, code):
    match = re.search(rf'<a href="([^"]+)" lang="{code}" hreflang="{code}"', response.content.decode())
    return match.group(1) if match else None


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-FR,fr;q=0.9,en;q=0.8", "/fr/"),
        ("de-DE,de;q=0.9,en;q=0.5", "/en/"),
        ("de-DE,es;q=0.8", "/fr/"),
        ("", "/fr/"),
    ],
)
def test_root_redirects_by_accept_language_and_falls_back_to_french(client, site, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    ("url", "lang", "title"), [("/fr/", "fr", "Accueil du territoire"), ("/en/", "en", "Territory home")]
)
def test_home_page_renders_in_each_language_with_its_lang(client, site, url, lang, title):
    response = client.get(url)
    assert response.status_code == 200
    assert html_lang(response) == lang
    assert f'<h1 class="hero__title">{title}</h1>' in response.content.decode()


def test_standard_page_links_to_its_translation_and_lists_both_versions(client, site):
    page = add_standard_page(site.home, "Le territoire", "le-territoire", introduction="Cinquante-deux communes.")
    translate(page, site.home_en.locale, title="The territory", slug="the-territory", introduction="52 communes.")

    french = client.get("/fr/le-territoire/")
    english = client.get("/en/the-territory/")

    assert html_lang(french) == "fr" and html_lang(english) == "en"
    assert switcher_link(french, "en") == "/en/the-territory/"
    assert switcher_link(english, "fr") == "/fr/le-territoire/"
    expected = {
        "fr": "http://testserver/fr/le-territoire/",
        "en": "http://testserver/en/the-territory/",
        "x-default": "http://testserver/fr/le-territoire/",
    }
    assert alternates(french) == expected
    assert alternates(english) == expected


def test_untranslated_page_switches_to_the_other_home_with_a_notice(client, site):
    add_standard_page(site.home, "Mentions légales", "mentions-legales")

    french = client.get("/fr/mentions-legales/")
    target = switcher_link(french, "en")
    assert target == "/en/?untranslated=1"
    # Only the existing version is announced to search engines.
    assert set(alternates(french)) == {"fr", "x-default"}

    landing = client.get(target)
    assert landing.status_code == 200
    assert html_lang(landing) == "en"
    assert "has not been translated into this language yet" in landing.content.decode()


def test_draft_translation_is_not_offered(client, site):
    page = add_standard_page(site.home, "Contact", "contact")
    draft = page.copy_for_translation(site.home_en.locale)
    draft.save_revision()  # never published
    response = client.get("/fr/contact/")
    assert switcher_link(response, "en") == "/en/?untranslated=1"


def test_english_menu_lists_english_pages_only(client, site):
    french = add_standard_page(site.home, "Le territoire", "le-territoire", show_in_menus=True)
    translate(french, site.home_en.locale, title="The territory", slug="the-territory")
    add_standard_page(site.home, "Seulement en français", "seulement-en-francais", show_in_menus=True)

    english = client.get("/en/").content.decode()
    assert "The territory" in english
    assert "Seulement en français" not in english
    assert "Le territoire" not in english


def test_search_view_switches_language_keeping_the_query(client, site):
    response = client.get("/fr/search/?q=mormal")
    assert html_lang(response) == "fr"
    assert switcher_link(response, "en") == "/en/search/?q=mormal"
