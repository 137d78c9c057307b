import re

import pytest

from django.test import Client, override_settings

from tests.builders import add_standard_page, translate

pytestmark = pytest.mark.django_db


def test_public_pages_set_no_cookie(client, site):
    """So a shared cache can serve first visits too (DESIGN: performance)."""
    for url in ("/fr/", "/en/", "/fr/search/?q=territoire", "/fr/nulle-part/"):
        response = client.get(url)
        assert response.cookies == {}, url


def test_public_pages_send_security_headers(client, site):
    response = client.get("/fr/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_standard_page_shows_its_blocks(client, site):
    body = [
        {"type": "heading", "value": {"text": "Nos communes", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Cinquante-deux communes.</p>"},
        {
            "type": "key_figures",
            "value": {"title": "En chiffres", "figures": [{"value": "52", "label": "communes", "source": "INSEE"}]},
        },
        {
            "type": "accordion",
            "value": {"title": "", "items": [{"question": "Pourquoi ?", "answer": "<p>Parce que.</p>"}]},
        },
        {"type": "quote", "value": {"quote": "Le numérique pour tous.", "attribution": "Feuille de route"}},
        {
            "type": "call_to_action",
            "value": {"text": "Aller plus loin", "page": None, "external_url": "https://example.org/"},
        },
    ]
    add_standard_page(site.home, "Le territoire", "le-territoire", body=body)
    html = Client().get("/fr/le-territoire/").content.decode()
    assert "<h2>Nos communes</h2>" in html
    assert '<span class="key-figure__value">52</span>' in html
    assert "<summary>Pourquoi ?</summary>" in html
    assert "<blockquote><p>Le numérique pour tous.</p></blockquote>" in html
    assert '<a class="button" href="https://example.org/">Aller plus loin</a>' in html
    assert '<nav class="breadcrumbs container"' in html


def test_call_to_action_points_at_the_page_in_the_visitors_language(client, site):
    target = add_standard_page(site.home, "Contact", "contact")
    translate(target, site.home_en.locale, title="Contact us", slug="contact-us")
    body = [{"type": "call_to_action", "value": {"text": "Écrire", "page": target.pk, "external_url": ""}}]
    page = add_standard_page(site.home, "Aide", "aide", body=body)
    translate(page, site.home_en.locale, title="Help", slug="help")
    assert 'href="/en/contact-us/"' in client.get("/en/help/").content.decode()
    assert 'href="/fr/contact/"' in client.get("/fr/aide/").content.decode()


def test_unknown_address_gives_a_404_in_the_visitors_language_with_the_other_language(client, site):
    french = client.get("/fr/nulle-part/")
    english = client.get("/en/nowhere/")
    assert french.status_code == english.status_code == 404
    assert "<h1>Page introuvable</h1>" in french.content.decode()
    assert "<h1>Page not found</h1>" in english.content.decode()
    assert '<html lang="fr"' in french.content.decode() and '<p lang="en">Page not found.' in french.content.decode()
    assert (
        '<html lang="en"' in english.content.decode() and '<p lang="fr">Page introuvable.' in english.content.decode()
    )


@override_settings(DEBUG=False)
def test_server_error_page_is_bilingual(site):
    from home.views import server_error

    response = server_error(None)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Une erreur est survenue" in html and '<div lang="en">' in html and "Something went wrong" in html


def test_search_finds_pages_of_the_visitors_language_only(client, site, search_index):
    french = add_standard_page(site.home, "Randonnée en forêt de Mormal", "randonnee")
    translate(french, site.home_en.locale, title="Hiking in the Mormal forest", slug="hiking")

    # Titles come with the searched word marked: compare the text.
    fr_html = re.sub(r"</?mark>", "", client.get("/fr/search/?q=Mormal").content.decode())
    en_html = re.sub(r"</?mark>", "", client.get("/en/search/?q=Mormal").content.decode())

    assert "Randonnée en forêt de Mormal" in fr_html and "Hiking in the Mormal forest" not in fr_html
    assert "Hiking in the Mormal forest" in en_html and "Randonnée en forêt de Mormal" not in en_html


def test_search_without_results_says_so_in_the_visitors_language(client, site):
    html = client.get("/en/search/?q=zzzzqx").content.decode()
    assert "0 results for “zzzzqx”" in html
    assert "Nothing found" in html and "Check the spelling" in html
