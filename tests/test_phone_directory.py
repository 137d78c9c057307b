"""Issue 20 on the server side: places without coordinates listed under the map, trails near a
place, "opens next" on a place's page, filters that say how many are active, and the service
worker that keeps opened pages readable offline."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.local_time import PARIS
from tests import test_tourism
from tests.builders import publish
from tests.test_tourism import DEMO_GPX, add_place
from tests.test_tourism_opening_hours import period
from tourism.gpx import parse_gpx
from tourism.models import TrailPage

pytestmark = pytest.mark.django_db

# The Discover index and its places, as the tourism tests build them.
discover = test_tourism.discover
places = test_tourism.places

OFF_MAP = re.compile(r'<section class="off-map".*?</section>', re.S)


def off_map_titles(html):
    section = OFF_MAP.search(html)
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section.group(0)) if section else []


def test_places_without_coordinates_are_listed_under_the_map_never_dropped(client, places):
    html = client.get("/fr/decouvrir/").content.decode()
    assert off_map_titles(html) == ["Musée du marbre"]
    assert "Absent de la carte (1)" in html
    geojson = client.get("/fr/decouvrir/geojson/").json()
    assert "Musée du marbre" not in [feature["properties"]["name"] for feature in geojson["features"]]
    # The list follows the filters: every place either has a marker or is named under the map.
    filtered = client.get("/fr/decouvrir/?commune=le-quesnoy").content.decode()
    assert off_map_titles(filtered) == []
    assert 'class="off-map"' not in filtered
    english = client.get("/en/discover/").content.decode()
    assert "Not on the map" not in english  # no English place yet: nothing to list


def test_off_map_list_costs_no_query_per_place(client, discover):
    def queries():
        client.get("/fr/decouvrir/")
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/fr/decouvrir/").content.decode()
        return len(captured), len(off_map_titles(html))

    for number in range(3):
        add_place(discover.index, f"Lieu {number}", discover.museum, discover.bavay, revision=False)
    small = queries()
    for number in range(3, 30):
        add_place(discover.index, f"Lieu {number}", discover.museum, discover.bavay, revision=False)
    large = queries()
    assert (small[1], large[1]) == (3, 30)
    assert small[0] == large[0]


def add_trail(discover, commune=None):
    trail = TrailPage(
        title="Tour des remparts", slug="tour-des-remparts", locale=discover.index.locale, start_commune=commune
    )
    trail.apply_trace(parse_gpx(DEMO_GPX.read_bytes()))
    discover.index.add_child(instance=trail)
    return publish(trail)


def test_place_page_lists_the_trails_nearby(client, discover):
    trail = add_trail(discover, discover.quesnoy)
    longitude, latitude = trail.start_point
    near = add_place(
        discover.index, "Porte", discover.heritage, discover.quesnoy, Decimal(str(latitude)), Decimal(str(longitude))
    )
    far = add_place(discover.index, "Forum", discover.museum, discover.bavay, Decimal("50.2986"), Decimal("3.7911"))
    unplaced = add_place(discover.index, "Étangs", discover.heritage, discover.quesnoy)
    html = client.get(near.url).content.decode()
    assert "Sentiers à proximité" in html
    assert re.search(rf'<a href="{trail.url}">Tour des remparts</a> <span class="muted">\(0(,0)? km\)', html)
    assert "Sentiers à proximité" not in client.get(far.url).content.decode()
    # Without coordinates: the trails that start in its commune, and a word about the map.
    html = client.get(unplaced.url).content.decode()
    assert "Sentiers au départ de la commune" in html and trail.url in html
    assert "Absent de la carte" in html


@time_machine.travel(dt.datetime(2026, 6, 1, 20, 0, tzinfo=PARIS), tick=False)  # a Monday evening
def test_place_page_and_list_say_when_it_opens_next(client, discover):
    hours = [period(([1], "09:00:00", "12:00:00"))]  # Tuesday mornings
    place = add_place(discover.index, "Moulin", discover.heritage, discover.bavay, opening_hours=hours)
    assert "Fermé en ce moment, ouvre demain à 09:00" in client.get(place.url).content.decode()
    assert "Fermé en ce moment, ouvre demain à 09:00" in client.get("/fr/decouvrir/").content.decode()


def test_filters_come_after_the_results_and_say_how_many_are_active(client, places):
    html = client.get("/fr/decouvrir/").content.decode()
    assert html.index('class="discover__list"') < html.index('id="filters"')
    assert re.search(r'<details class="filter-panel" id="filters">', html)  # folded: none active
    assert "Filtrer la liste" in html
    html = client.get("/fr/decouvrir/?kind=museum&open=1").content.decode()
    assert '<details class="filter-panel" id="filters" open>' in html
    assert "Filtres (2 actifs)" in html and "(2 actifs)" in html
    assert "Filter the list" in client.get("/en/discover/").content.decode()


def test_service_worker_is_served_from_the_root_for_the_whole_site(client, site):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert '"/static/css/hub.css"' in body and '"/static/js/offline.js"' in body
    assert "Vous êtes hors connexion" in body and "You are offline" in body
    assert "https://" not in body  # nothing from another server
    assert client.post("/sw.js").status_code == 405
    page = client.get("/fr/")
    assert "worker-src 'self'" in page["Content-Security-Policy"]
    assert 'src="/static/js/offline.js" data-service-worker="/sw.js"' in page.content.decode()
