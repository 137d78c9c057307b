""" "Open now" in the database (commerce/open_now.py): the rows rebuilt on publish and the query
agree with ``OpeningHours.is_open`` across midnight, closed days, exceptions, seasons (every
year, across the new year) and the two daylight-saving changes."""

import datetime as dt

import pytest

from commerce.models import HoursPeriod, HoursSlot, MerchantPage
from commerce.open_now import open_now_q
from home.directory.opening_hours import OpeningHours
from tests.builders import publish
from tests.commerce_builders import add_merchant, directory
from tests.hours_builders import paris, period
from tests.hours_samples import SAMPLES

pytestmark = pytest.mark.django_db

UTC = dt.UTC


@pytest.fixture
def merchants(site):
    tree = directory(site, english=False)
    return {
        name: add_merchant(tree.index, name.title(), tree.food, opening_hours=hours) for name, hours in SAMPLES.items()
    } | {"none": add_merchant(tree.index, "No hours", tree.food)}


def open_names(now):
    return set(MerchantPage.objects.filter(open_now_q(now)).values_list("slug", flat=True))


def python_names(merchants, now):
    return {name for name, hours in SAMPLES.items() if OpeningHours.from_raw(hours).is_open(now)}


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (paris(2026, 11, 17, 11, 0), {"bar", "bakery"}),  # Tuesday morning
        (paris(2026, 11, 17, 23, 30), {"bar", "night"}),  # Tuesday night
        (paris(2026, 11, 18, 0, 30), {"bar", "night"}),  # after midnight, Tuesday's hours
        (paris(2026, 11, 18, 1, 0), {"night"}),  # the bar closes at 01:00
        (paris(2026, 11, 21, 1, 30), {"bar", "night"}),  # Friday night runs to 02:00
        (paris(2026, 11, 22, 1, 30), {"bar", "night"}),  # Saturday night, on a (closed) Sunday
        (paris(2026, 11, 22, 23, 30), {"night"}),  # Sunday: bar closed, night shop 20:00–00:00
        (paris(2026, 11, 23, 0, 30), set()),  # 20:00–00:00 spills nothing
        (paris(2026, 11, 23, 11, 0), set()),  # Monday: bar and bakery closed
        (paris(2026, 12, 25, 12, 0), {"bakery"}),  # Christmas: the bar's exception
        (paris(2027, 1, 1, 3, 0), {"bar", "night"}),  # New Year's Eve exception past midnight
        (paris(2026, 7, 13, 17, 0), {"farm"}),  # summer season: farm open on Monday, bakery not
        (paris(2026, 7, 22, 15, 0), {"farm"}),  # bakery's one-off summer period: mornings only
        (paris(2026, 8, 5, 20, 0), {"bar"}),  # overlapping dated periods: the first listed wins
        (paris(2026, 8, 20, 22, 30), {"bar", "bakery", "night"}),  # only the second dated period now
        (paris(2026, 12, 16, 10, 0), {"bakery"}),  # winter break (every year, wraps): farm closed
        (paris(2027, 1, 13, 10, 0), {"bakery"}),  # still the winter break after the new year
        (paris(2027, 1, 16, 10, 0), {"farm", "bakery"}),  # Saturday 16 January: usual week, farm open
        (paris(2027, 3, 3, 10, 0), {"bakery"}),  # works on the farm (exception range)
        (paris(2027, 3, 6, 10, 0), {"farm", "bakery"}),  # day after the works
    ],
)
def test_open_now_query(merchants, moment, expected):
    assert (python_names(merchants, moment), open_names(moment)) == (
        expected,
        {merchants[name].slug for name in expected},
    )


@pytest.mark.parametrize(
    ("utc", "paris_time"),
    [
        # Last Sunday of March 2026 (29 March): 01:59 → 03:00 Paris.
        (dt.datetime(2026, 3, 29, 0, 59, tzinfo=UTC), "01:59"),
        (dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "03:00"),
        # Last Sunday of October 2026 (25 October): 02:00–03:00 Paris happens twice.
        (dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "02:30"),
        (dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "02:30"),
        (dt.datetime(2026, 10, 25, 2, 30, tzinfo=UTC), "03:30"),
    ],
)
def test_daylight_saving_changes_use_paris_wall_clock(merchants, utc, paris_time):
    # The night shop opens Saturday 22:00 until Sunday 06:00; the bar until 02:00.
    local = utc.astimezone(paris(2026, 1, 1).tzinfo)
    assert local.strftime("%H:%M") == paris_time
    expected = python_names(merchants, utc)
    assert "night" in expected
    assert ("bar" in expected) == (paris_time < "02:00")
    assert open_names(utc) == {merchants[name].slug for name in expected}


def test_database_agrees_with_python_on_a_grid_of_instants(merchants):
    """Every 6 h 37 min over 400 days from June 2026, in UTC: the stride drifts across every
    weekday and hour, and the span crosses both daylight-saving changes, the new year and every
    season of the samples."""
    start = dt.datetime(2026, 6, 1, 0, 7, tzinfo=UTC)
    moment, checked, mismatches = start, 0, []
    while moment < start + dt.timedelta(days=400):
        moment += dt.timedelta(minutes=6 * 60 + 37)
        expected = {merchants[name].slug for name in python_names(merchants, moment)}
        if open_names(moment) != expected:
            mismatches.append(moment)
        checked += 1
    assert checked > 1400
    assert mismatches == []


def test_rows_are_rebuilt_on_publish_and_removed_on_unpublish(merchants):
    bar = merchants["bar"]
    periods = HoursPeriod.objects.filter(page=bar)
    assert periods.count() == 3
    # Overnight slots are split: 5 days × (2 ranges + 1 spill) + 1 exception × 2.
    assert HoursSlot.objects.filter(page=bar).count() == 15 + 2
    bar.opening_hours = [period(([0], "09:00", "10:00"))]
    publish(bar)
    assert HoursSlot.objects.filter(page=bar).count() == 1
    bar.unpublish()
    assert not HoursPeriod.objects.filter(page=bar).exists()
    assert bar.slug not in open_names(paris(2026, 11, 16, 9, 30))


def test_merchant_without_hours_is_never_open_now(merchants):
    assert merchants["none"].slug not in open_names(paris(2026, 11, 17, 11, 0))
    assert not HoursPeriod.objects.filter(page=merchants["none"]).exists()


def test_open_now_is_one_query(merchants, django_assert_num_queries):
    with django_assert_num_queries(1):
        open_names(paris(2026, 11, 17, 11, 0))


@pytest.mark.django_db(transaction=True)
def test_deleting_a_live_merchant_with_hours_commits():
    """Wagtail unpublishes a live page before deleting it, with a copy that still says "live":
    the hours rows must not be written back then (the commit failed on a foreign key)."""
    from wagtail.models import Page

    from tests.builders import build_site, ensure_root

    ensure_root()

    class Tree:
        pass

    tree = Tree()
    tree.site, tree.home, tree.home_en = build_site(english=False)
    directory(tree, english=False)
    shop = add_merchant(
        tree.index, "Boulangerie (fictive)", tree.food, opening_hours=[period(([0, 1], "08:00", "12:00"))]
    )
    assert HoursPeriod.objects.filter(page=shop).exists()
    Page.objects.get(pk=shop.pk).delete()
    assert not MerchantPage.objects.filter(pk=shop.pk).exists()
    assert not HoursPeriod.objects.exists()
