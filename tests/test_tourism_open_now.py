""" "Open now" of places in the database (tourism/open_now.py, through the directory kit's
home/directory/open_now.py): the rows rebuilt on publish, filled for places published before
they existed, the query agreeing with ``OpeningHours.is_open``, and the Discover list's "open
now" filter making as many queries with many places as with few."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

from home.directory.opening_hours import OpeningHours
from tests.builders import publish
from tests.hours_builders import paris, period
from tests.hours_samples import SAMPLES
from tourism.models import PlaceHoursPeriod, PlaceHoursSlot, PlaceIndexPage, PlaceKind, PlacePage
from tourism.open_now import HOURS
from tourism.queries import filter_places

pytestmark = pytest.mark.django_db

UTC = dt.UTC


@pytest.fixture
def discover(site):
    french = Locale.objects.get(language_code="fr")
    site.index = PlaceIndexPage(title="Découvrir", slug="decouvrir", locale=french)
    site.home.add_child(instance=site.index)
    publish(site.index)
    site.kind = PlaceKind.objects.create(name="Musée", slug="museum", datatourisme_class="Museum", locale=french)
    return site


def add_place(tree, title, opening_hours=(), revision=True, **values):
    place = PlacePage(
        title=title, slug=title.lower().replace(" ", "-"), locale=tree.index.locale, kind=tree.kind, **values
    )
    place.opening_hours = list(opening_hours)
    tree.index.add_child(instance=place)
    if revision:
        return publish(place)
    HOURS.rebuild(place)  # live without a revision, as the bench builds its tree
    return place


@pytest.fixture
def places(discover):
    return {name: add_place(discover, name.title(), hours) for name, hours in SAMPLES.items()} | {
        "none": add_place(discover, "No hours")
    }


def open_slugs(tree, now):
    return set(filter_places(tree.index, {"open": "1"}, now).values_list("slug", flat=True))


def python_slugs(places, now):
    return {places[name].slug for name, hours in SAMPLES.items() if OpeningHours.from_raw(hours).is_open(now)}


def test_database_agrees_with_python_on_a_grid_of_instants(discover, places):
    """Every 9 h 53 min over 400 days from June 2026, in UTC: the stride drifts across every
    weekday and hour, and the span crosses both daylight-saving changes, the new year and every
    season of the samples."""
    start = dt.datetime(2026, 6, 1, 0, 7, tzinfo=UTC)
    moment, checked, mismatches, seen_open = start, 0, [], set()
    while moment < start + dt.timedelta(days=400):
        moment += dt.timedelta(minutes=9 * 60 + 53)
        expected = python_slugs(places, moment)
        seen_open |= expected
        if open_slugs(discover, moment) != expected:
            mismatches.append(moment)
        checked += 1
    assert checked > 900
    assert mismatches == []
    assert seen_open == {places[name].slug for name in SAMPLES}  # every sample is open at some point


def test_rows_are_rebuilt_on_publish_and_removed_on_unpublish(discover, places):
    bar = places["bar"]
    assert PlaceHoursPeriod.objects.filter(page=bar).count() == 3
    # Overnight slots are split: 5 days × (2 ranges + 1 spill) + 1 exception × 2.
    assert PlaceHoursSlot.objects.filter(page=bar).count() == 15 + 2
    bar.opening_hours = [period(([0], "09:00", "10:00"))]
    publish(bar)
    assert PlaceHoursSlot.objects.filter(page=bar).count() == 1
    assert bar.slug in open_slugs(discover, paris(2026, 11, 16, 9, 30))
    bar.unpublish()
    assert not PlaceHoursPeriod.objects.filter(page=bar).exists()
    assert bar.slug not in open_slugs(discover, paris(2026, 11, 16, 9, 30))
    assert not PlaceHoursPeriod.objects.filter(page=places["none"]).exists()


def test_migration_fills_the_rows_of_places_published_before(discover, places):
    fill = importlib.import_module("tourism.migrations.0005_fill_place_hours_rows").fill
    expected = set(PlaceHoursSlot.objects.values_list("page_id", "weekday", "opens", "closes", "spill"))
    PlaceHoursPeriod.objects.all().delete()
    places["farm"].unpublish()
    fill(apps, None)
    farm = places["farm"].pk
    assert set(PlaceHoursSlot.objects.values_list("page_id", "weekday", "opens", "closes", "spill")) == {
        row for row in expected if row[0] != farm
    }


def test_open_now_list_makes_as_many_queries_with_many_places(client, discover):
    always = [period((range(7), "00:00", "23:59"))]
    monday = [period(([0], "09:00", "10:00"))]

    def add(count):
        for number in range(PlacePage.objects.count(), count):
            add_place(
                discover,
                f"Lieu {number:03d}",
                always if number % 2 == 0 else monday,
                revision=False,
                latitude=Decimal("50.2") + Decimal(number) / 10000,
                longitude=Decimal("3.7"),
            )

    def measure():
        counts = []
        for url in ("/fr/decouvrir/?open=1", "/fr/decouvrir/geojson/?open=1"):
            client.get(url)  # warm the chrome's cache
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200
            counts.append(len(captured))
        return counts, client.get("/fr/decouvrir/geojson/?open=1").json()["features"]

    add(6)
    small, features = measure()
    add(120)
    large, features = measure()
    assert large == small
    now = dt.datetime.now(tz=UTC)
    open_titles = {
        place.title
        for place in PlacePage.objects.all()
        if OpeningHours.from_raw(place.opening_hours.raw_data).is_open(now)
    }
    assert len(open_titles) >= 60  # the half open round the clock, and the other on Monday at 9
    assert {feature["properties"]["name"] for feature in features} == open_titles
