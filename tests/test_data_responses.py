"""HTTP side of the data answers: gzip for calendars, RSS, JSON, GeoJSON and CSV (not for HTML)
with strong ETags and working 304s, decoded by a real client; the feeds' Content-Language from
their path; RSS's atom:link rel="self" from the request."""

import datetime as dt
import gzip
import xml.etree.ElementTree as ET

import pytest
import requests
import time_machine

from django.core.cache import cache
from django.utils import timezone

from tests.builders import build_site
from tests.event_builders import add_event, agenda, paris

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
DATA = [
    "/feeds/fr/events.ics",
    "/feeds/fr/events.rss",
    "/open-data/events.csv?lang=fr",
    "/open-data/events.json?lang=fr",
    "/open-data/events.geojson?lang=fr",
    "/api/v2/pages/?type=events.EventPage&fields=start",
]


@pytest.fixture
def events(site):
    cache.clear()
    with time_machine.travel(paris(2026, 3, 1, 9, 0), tick=False):
        index = agenda(site)
        for number in range(1, 6):
            add_event(
                index,
                f"Atelier numérique {number}",
                paris(2026, 3, number + 1, 14, 0),
                slug=f"atelier-{number}",
                latitude="50.296100",
                longitude="3.793300",
            )
        yield index


@pytest.mark.parametrize("url", DATA)
def test_data_answers_are_compressed_with_a_strong_etag_of_their_own(client, events, url):
    plain = client.get(url)
    packed = client.get(url, **GZIP)
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
    for response in (plain, packed):
        assert "Accept-Encoding" in response["Vary"]
    # The same bytes every time (no random padding), so the ETag can stay strong.
    assert client.get(url, **GZIP).content == packed.content
    if "ETag" in plain:
        assert not packed["ETag"].startswith("W/")
        assert packed["ETag"] == plain["ETag"][:-1] + '-gzip"'
        again = client.get(url, HTTP_IF_NONE_MATCH=packed["ETag"], **GZIP)
        assert again.status_code == 304
        assert again["ETag"] == packed["ETag"]
        identity = client.get(url, HTTP_IF_NONE_MATCH=plain["ETag"])
        assert identity.status_code == 304
        assert identity["ETag"] == plain["ETag"]


def test_html_pages_are_not_compressed(client, events):
    response = client.get("/fr/agenda/", **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"<html" in response.content


def test_small_answers_stay_as_they_are(client, events):
    response = client.get("/feeds/fr/nothing.ics", **GZIP)
    assert response.status_code == 404
    assert "Content-Encoding" not in response


@pytest.mark.django_db(transaction=True)
def test_a_real_client_decodes_the_compressed_feed(live_server):
    site, home, _home_en = build_site()
    site.hostname, site.port = "localhost", live_server.thread.port
    site.save()
    cache.clear()
    tree = type("Tree", (), {"home": home, "home_en": _home_en})
    soon = timezone.now() + dt.timedelta(days=10)  # in the feed's window whatever the day
    add_event(agenda(tree, english=False), "Atelier numérique", soon, slug="atelier")
    response = requests.get(f"{live_server.url}/feeds/fr/events.ics", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"  # requests asks for gzip by default
    assert response.text.startswith("BEGIN:VCALENDAR\r\n")  # …and decodes it
    assert "SUMMARY:Atelier numérique" in response.text


@pytest.mark.parametrize(("path", "browser", "expected"), [("fr", "en", "fr"), ("en", "fr-FR,fr;q=0.9", "en")])
def test_feeds_content_language_is_the_one_of_their_path(client, events, path, browser, expected):
    for fmt in ("ics", "rss"):
        response = client.get(f"/feeds/{path}/events.{fmt}", HTTP_ACCEPT_LANGUAGE=browser)
        assert response.status_code == 200
        assert response["Content-Language"] == expected
        again = client.get(
            f"/feeds/{path}/events.{fmt}", HTTP_ACCEPT_LANGUAGE=browser, HTTP_IF_NONE_MATCH=response["ETag"]
        )
        assert (again.status_code, again["Content-Language"]) == (304, expected)


@pytest.mark.parametrize("secure", [False, True])
def test_rss_names_its_own_address_from_the_request(client, events, secure):
    response = client.get("/feeds/fr/events.rss", {"when": "month", "utm_source": "x"}, secure=secure)
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own output)
    (link,) = channel.findall("{http://www.w3.org/2005/Atom}link")
    scheme = "https" if secure else "http"
    assert link.attrib == {
        "rel": "self",
        "type": "application/rss+xml",
        "href": f"{scheme}://testserver/feeds/fr/events.rss?when=month",
    }
