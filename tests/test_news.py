"""News (issue 20, item 3): index and item pages in both languages, RSS and Atom feeds read
back with an XML parser and with feedparser (what feed readers are built on), NewsArticle
JSON-LD, search, the commune page, sitemap and open data."""

import datetime as dt
import email.utils
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from django.utils import timezone

from home.models import Commune
from tests.builders import translate
from tests.json_ld import own_json_ld
from tests.news_builders import add_news, news_index


@pytest.fixture
def news(site):
    commune = Commune.objects.create(name="Bavay", slug="bavay", insee_code="59053", postcode="59570", site=site.site)
    index, index_en = news_index(site)
    today = timezone.localdate()
    works = add_news(
        index,
        "Travaux rue des Juifs",
        date=today - dt.timedelta(days=1),
        tags=["Travaux"],
        commune=commune,
        introduction="Circulation alternée pendant deux semaines.",
    )
    call = add_news(index, "Appel à projets tiers-lieux", date=today - dt.timedelta(days=10))
    works_en = translate(works, site.home_en.locale, title="Roadworks in the rue des Juifs", slug="roadworks")
    site.index, site.index_en, site.works, site.works_en, site.call, site.commune = (
        index,
        index_en,
        works,
        works_en,
        call,
        commune,
    )
    return site


def test_news_index_lists_the_newest_first_in_each_language(client, news):
    french = client.get("/fr/actualites/").content.decode()
    assert french.index("Travaux rue des Juifs") < french.index("Appel à projets tiers-lieux")
    assert 'type="application/rss+xml"' in french and "http://testserver/feeds/fr/news.rss" in french
    english = client.get("/en/news/").content.decode()
    assert "Roadworks in the rue des Juifs" in english
    assert "Travaux rue des Juifs" not in english


def test_an_impossible_page_number_is_no_error(client, news):
    assert client.get("/fr/actualites/?page=abc").status_code == 200
    assert client.get("/fr/actualites/?page=999").status_code == 200


ATOM = "{http://www.w3.org/2005/Atom}"


def rss(raw):
    channel = ET.fromstring(raw).find("channel")  # noqa: S314 (our own output)
    return channel, channel.findall("item")


def test_rss_feed_is_valid_and_links_to_the_host_asked_for(client, news):
    response = client.get("/feeds/fr/news.rss", HTTP_HOST="hub.example.org")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel, items = rss(response.content)
    assert channel.findtext("title") == "Actualités – Test"
    assert channel.findtext("link") == "http://hub.example.org/fr/actualites/"
    assert channel.findtext("language") == "fr"
    own = channel.find(f"{ATOM}link")
    assert own.get("href") == "http://hub.example.org/feeds/fr/news.rss" and own.get("type") == "application/rss+xml"
    assert [item.findtext("title") for item in items] == ["Travaux rue des Juifs", "Appel à projets tiers-lieux"]
    first = items[0]
    assert first.findtext("link") == "http://hub.example.org/fr/actualites/travaux-rue-des-juifs/"
    assert first.findtext("description") == "Circulation alternée pendant deux semaines."
    assert [category.text for category in first.findall("category")] == ["Travaux"]
    assert first.find("guid").get("isPermaLink") == "false"
    published = email.utils.parsedate_to_datetime(first.findtext("pubDate"))
    assert published.date() == news.works.date


def test_atom_feed_is_valid_and_links_to_the_host_asked_for(client, news):
    response = client.get("/feeds/fr/news.atom", HTTP_HOST="hub.example.org")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}updated")
    assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Test"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Travaux rue des Juifs",
        "Appel à projets tiers-lieux",
    ]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").startswith("http://hub.example.org/fr/actualites/")


@pytest.mark.parametrize("language, kind, titles", [
    ("fr", "rss", ["Travaux rue des Juifs", "Appel à projets tiers-lieux"]),
    ("fr", "atom", ["Travaux rue des Juifs", "Appel à projets tiers-lieux"]),
    ("en", "rss", ["Roadworks in the rue des Juifs"]),
    ("en", "atom", ["Roadworks in the rue des Juifs"]),
])  # fmt: skip
def test_feedparser_reads_both_feeds_without_complaint(client, news, language, kind, titles):
    response = client.get(f"/feeds/{language}/news.{kind}", HTTP_HOST="hub.example.org")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")
    assert parsed.feed.language == language
    assert [entry.title for entry in parsed.entries] == titles
    for entry in parsed.entries:
        assert entry.link.startswith(f"http://hub.example.org/{language}/")
        assert entry.published_parsed or entry.updated_parsed


def test_english_feed_has_english_items_and_titles(client, news):
    channel, items = rss(client.get("/feeds/en/news.rss").content)
    assert [item.findtext("title") for item in items] == ["Roadworks in the rue des Juifs"]
    assert channel.findtext("title") == "News – Test"
    assert items[0].findtext("guid") == f"urn:uuid:{news.works.translation_key}"


def test_feed_of_an_unknown_language_or_site_without_news_is_not_found(client, site):
    assert client.get("/feeds/de/news.rss").status_code == 404
    assert client.get("/feeds/fr/news.rss").status_code == 404


def test_news_page_has_news_article_json_ld(client, news):
    html = client.get("/fr/actualites/travaux-rue-des-juifs/", HTTP_HOST="hub.example.org").content.decode()
    data = own_json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Travaux rue des Juifs"
    assert data["url"] == "http://hub.example.org/fr/actualites/travaux-rue-des-juifs/"
    assert data["inLanguage"] == "fr"
    assert data["datePublished"].startswith(news.works.date.isoformat())
    assert data["publisher"] == {"@type": "GovernmentOrganization", "name": "Communauté de communes de test"}
    assert data["contentLocation"]["name"] == "Bavay"
    assert data["keywords"] == "Travaux"
    english = own_json_ld(client.get("/en/news/roadworks/").content.decode())
    assert english["inLanguage"] == "en" and english["headline"] == "Roadworks in the rue des Juifs"


def test_commune_page_lists_its_news(client, news):
    from home.models import CommuneIndexPage
    from tests.builders import publish

    communes = CommuneIndexPage(title="Communes", slug="communes", locale=news.home.locale)
    news.home.add_child(instance=communes)
    publish(communes)
    html = client.get("/fr/communes/bavay/").content.decode()
    assert 'id="commune-news"' in html and "Travaux rue des Juifs" in html
    assert "Appel à projets tiers-lieux" not in html


def test_news_is_found_by_search_as_news(client, news, search_index):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    html = client.get("/fr/search/", {"q": "travaux"}).content.decode()
    assert 'id="section-news"' in html
    titles = [
        re.sub(r"<[^>]+>", "", title) for title in re.findall(r'class="search-result__title"><a [^>]*>(.*?)</a>', html)
    ]
    assert titles == ["Travaux rue des Juifs"]
    by_commune = client.get("/fr/search/", {"q": "travaux", "commune": "bavay"}).content.decode()
    assert "section-news" in by_commune


def test_news_are_in_the_sitemap_and_the_open_data(client, news):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/fr/actualites/travaux-rue-des-juifs/" in sitemap and "/en/news/roadworks/" in sitemap
    csv_text = client.get("/open-data/news.csv?lang=fr").content.decode()
    assert csv_text.splitlines()[0] == "id,title,date,summary,commune_insee,commune_name,tags,url,last_update"
    assert "Travaux rue des Juifs" in csv_text and "59053" in csv_text
    filtered = client.get("/open-data/news.csv?lang=fr&commune=59053").content.decode()
    assert "Appel à projets tiers-lieux" not in filtered
