"""The sitemap lists both languages with their hreflang alternates, and nothing unpublished
(L10N-03, MOD-01); robots.txt lets crawlers read the feeds."""

import xml.etree.ElementTree as ET

import pytest

from django.core.cache import cache

from home.models import StandardPage
from tests.builders import add_standard_page, translate
from tests.contribution_builders import Moderated

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own sitemap)
    return {
        url.find("s:loc", NS).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        for url in root.findall("s:url", NS)
    }


def test_both_languages_with_alternates_and_no_drafts(client, site):
    cache.clear()
    about = add_standard_page(site.home, "À propos", "a-propos")
    about_en = translate(about, site.home_en.locale, title="About", slug="about")
    french_only = add_standard_page(site.home, "Marchés publics", "marches-publics")
    draft = StandardPage(title="Brouillon", slug="brouillon", locale=site.home.locale, live=False)
    site.home.add_child(instance=draft)
    moderated = Moderated(site)
    assert moderated.propose(client).status_code == 302  # a proposal waiting for moderation

    urls = sitemap(client)
    base = "http://testserver"  # the request's origin, not the Site record's
    assert urls[base + about.url] == {
        "en": base + about_en.url,
        "fr": base + about.url,
        "x-default": base + about.url,
    }
    assert urls[base + about_en.url] == urls[base + about.url]
    assert base + "/en/" in urls and base + "/fr/" in urls
    assert urls[base + french_only.url] == {}  # one language: no alternates
    listed = " ".join(urls)
    assert "brouillon" not in listed and "repair-cafe" not in listed


def test_the_sitemap_makes_as_many_queries_for_many_pages(client, site, django_assert_max_num_queries):
    for number in range(3):
        translate(add_standard_page(site.home, f"Page {number}", f"page-{number}"), site.home_en.locale)
    with django_assert_max_num_queries(40) as few:
        client.get("/sitemap.xml")
    for number in range(3, 30):
        translate(add_standard_page(site.home, f"Page {number}", f"page-{number}"), site.home_en.locale)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/sitemap.xml")


def test_robots_allows_the_feeds_and_points_to_the_sitemap(client, site):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Allow: /feeds/" in text and "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
