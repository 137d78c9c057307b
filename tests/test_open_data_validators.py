"""Open data validators that never go back (a deletion is a change: a client holding the
previous copy gets the new one, not a 304) and example links on the "Open data" page that all
answer 200, whatever the slugs and communes of the territory."""

import datetime as dt
import re

import pytest
import time_machine

from django.utils import timezone
from django.utils.http import parse_http_date

from tests.open_data_builders import Territory

pytestmark = pytest.mark.django_db

URLS = ["/open-data/events.csv?lang=fr", "/open-data/places.json?lang=fr", "/open-data/communes.geojson?lang=en"]


@pytest.fixture
def territory(moderated):
    return Territory(moderated)


def later(seconds):
    return time_machine.travel(timezone.now() + dt.timedelta(seconds=seconds))


@pytest.mark.parametrize("url", URLS)
def test_deleting_the_newest_row_never_moves_last_modified_back(client, territory, url):
    with later(60):
        # The newest row of every dataset: an event, a place and a commune changed last.
        territory.series.save_revision().publish()
        territory.forum.save_revision().publish()
        territory.quesnoy.save()
        before = client.get(url)
    assert before.status_code == 200
    with later(120):
        territory.series.delete()
        territory.forum.delete()
        territory.quesnoy.events.clear()
        territory.quesnoy.delete()
        after = client.get(url)
        by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
        by_tag = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
        unchanged = client.get(url, HTTP_IF_NONE_MATCH=after["ETag"])
    assert parse_http_date(after["Last-Modified"]) > parse_http_date(before["Last-Modified"])
    assert (by_date.status_code, by_tag.status_code, unchanged.status_code) == (200, 200, 304)
    assert by_date.content == after.content != before.content


def test_a_change_within_the_second_of_a_download_changes_the_etag(client, territory):
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=60), tick=False):
        before = client.get(URLS[0])
        territory.repair.delete()
        again = client.get(URLS[0], HTTP_IF_NONE_MATCH=before["ETag"], HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert again.status_code == 200
    assert again["ETag"] != before["ETag"]
    assert parse_http_date(again["Last-Modified"]) >= parse_http_date(before["Last-Modified"])


def test_etag_ignores_the_order_of_parameters(client, territory):
    first = client.get("/open-data/events.csv?lang=fr&commune=59053")
    second = client.get("/open-data/events.csv?commune=59053&lang=fr")
    assert first.status_code == second.status_code == 200
    assert first["ETag"] == second["ETag"] != client.get("/open-data/events.csv?lang=en")["ETag"]


@pytest.mark.parametrize("page_url", ["/fr/donnees-ouvertes/", "/en/open-data/"])
def test_every_example_link_of_the_open_data_page_answers_200(client, territory, page_url):
    # Slugs and a commune other than the ones the examples used to name: as in the demo, where
    # the workshop category is "ateliers-numeriques", and on territories without Bavay.
    for item, slug in ((territory.moderated.workshop, "ateliers-numeriques"), (territory.heritage, "monuments")):
        item.slug = slug
        item.save()
    territory.moderated.tree.farm.slug = "fermes"
    territory.moderated.tree.farm.save()
    territory.bavay.insee_code = "59001"
    territory.bavay.save()
    territory.open_data_page()
    html = client.get(page_url).content.decode()
    links = {
        link.replace("&amp;", "&") for link in re.findall(r'href="((?:/open-data/|http://testserver/api/)[^"]*)"', html)
    }
    examples = [link for link in links if "=" in link.split("lang=", 1)[-1] or "/api/" in link]
    assert len(examples) >= 10  # the filters of five datasets and the API's examples
    for link in sorted(links):
        response = client.get(link)
        assert response.status_code == 200, (link, response.content[:300])
