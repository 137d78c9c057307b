"""The iCal feeds of many events are assembled from each event's cached VEVENT text
(events/feeds/ical.py, ``render_from_fragments``): the bytes must be those the whole calendar
rendered at once gives (``render_calendar``), with the fragments missing, present, and after an
edit, a rename or an unpublish, which renew the blocks concerned and no other.
"""

import datetime as dt

import pytest

from django.core.cache import cache as django_cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.feeds import cache as feed_cache
from events.feeds import context, ical
from events.models import EventPage
from tests import feed_validation
from tests.test_feeds import EN, FR, Agenda, dates, many_events, paris, uid
from tests.test_feeds import fixed_today as fixed_today  # noqa: F401 (autouse fixture)
from tests.test_feeds import programme as programme  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

URLS = [
    FR,
    EN,
    "/feeds/fr/communes/bavay.ics",
    "/feeds/fr/categories/marche.ics",
    "/feeds/en/categories/marche.ics",
    "/feeds/fr/organisers/tiers-lieu-bavay.ics",
    "/feeds/fr/events.ics?from=2026-04-01&to=2026-04-30",
    "/feeds/en/events.ics?from=2026-03-01&to=2026-06-30",
]


@pytest.fixture
def agenda(site):
    return Agenda(site)


@pytest.fixture
def events(agenda, programme):  # noqa: F811
    """The programme of tests/test_feeds.py (one-off, all-day, a weekly series with an excluded
    and a cancelled date, English translations), plus a cancelled event and an event given by
    dates without a rule."""
    french, english = programme
    french["cancelled"] = agenda.event(
        "Concert annulé",
        paris(2026, 5, 9, 20, 0),
        paris(2026, 5, 9, 22, 0),
        status=EventPage.Status.CANCELLED,
        commune=agenda.bavay,
    )
    french["dated"] = agenda.event(
        "Visites du moulin",
        paris(2026, 4, 4, 15, 0),
        paris(2026, 4, 4, 16, 0),
        extra_dates=dates(dt.date(2026, 4, 18), dt.date(2026, 5, 2)),
        cancelled_dates=dates(dt.date(2026, 4, 18)),
        categories=[agenda.market],
    )
    return french, english


def whole_calendar(ctx, events, title_suffix, subject_key, period=None):
    """The reference: every event loaded with its relations and rendered in one calendar."""
    return ical.render_calendar(
        ctx, list(events.select_related("commune", "organiser", "venue").prefetch_related("categories")),
        title_suffix, subject_key, period,
    )  # fmt: skip


def reference(client, monkeypatch, url):
    with monkeypatch.context() as patch:
        patch.setattr(ical, "render_from_fragments", whole_calendar)
        django_cache.clear()
        body = client.get(url).content
    django_cache.clear()
    return body


@pytest.fixture
def built(monkeypatch):
    """The keys of the fragments rendered (not found in the cache), in order."""
    keys = []
    store = feed_cache.set_fragments

    def record(fragments):
        keys.extend(fragments)
        store(fragments)

    monkeypatch.setattr(feed_cache, "set_fragments", record)
    return keys


def test_fragments_give_the_bytes_of_the_whole_calendar(client, monkeypatch, events, built):
    """Every kind of feed (whole calendar, commune, category, organiser, a period, English):
    the same bytes cold, with the fragments warm, and from the body cache; valid for icalendar,
    ical and vobject."""
    for url in URLS:
        expected = reference(client, monkeypatch, url)
        assert expected.count(b"BEGIN:VEVENT") >= 1, url
        assert feed_validation.validate(expected) == [], url
        built.clear()
        assert client.get(url).content == expected, url  # no fragment
        assert built, url
        built.clear()
        feed_cache.invalidate()  # the body is gone, the fragments stay (as after any publish)
        assert client.get(url).content == expected, url
        assert built == [], url
        assert client.get(url).content == expected, url  # the body cache


def test_an_edit_renews_that_event_s_block_only(client, monkeypatch, agenda, events, built):
    french, _english = events
    before = client.get(FR).content
    count = before.count(b"BEGIN:VEVENT")
    built.clear()
    agenda.republish(french["market"], title="Marché du mardi soir", sequence=1)
    after = client.get(FR).content
    assert len(built) == 1
    assert after == reference(client, monkeypatch, FR)
    assert "Marché du mardi soir" in after.decode()
    # The other events' blocks are unchanged, byte for byte.
    old = [block for block in before.split(b"BEGIN:VEVENT") if uid(french["market"]).encode() not in block]
    new = [block for block in after.split(b"BEGIN:VEVENT") if uid(french["market"]).encode() not in block]
    assert old[1:-1] == new[1:-1]
    assert after.count(b"BEGIN:VEVENT") == count
    assert feed_validation.validate(after) == []


@pytest.mark.parametrize("change", ["category", "commune", "organiser", "unpublish", "place"])
def test_renames_and_unpublishing_renew_the_blocks_that_show_them(client, monkeypatch, agenda, events, change):
    french, _english = events
    client.get(FR)
    client.get(EN)
    if change == "category":
        agenda.market.name = "Marchés et brocantes"
        agenda.market.save()
        shown = "Marchés et brocantes"
    elif change == "commune":
        agenda.bavay.name = "Bavay-la-Romaine"
        agenda.bavay.save()
        shown = "59570 Bavay-la-Romaine"
    elif change == "organiser":
        agenda.tiers_lieu.name = "Tiers-lieu du Bavaisis"
        agenda.tiers_lieu.save()
        shown = "Tiers-lieu du Bavaisis"
    elif change == "place":
        agenda.republish(french["fete"], venue_name="Salle des fêtes")
        shown = "Salle des fêtes"
    else:
        french["market"].unpublish()
        shown = None
    for url in (FR, EN):
        body = client.get(url).content
        assert body == reference(client, monkeypatch, url), url
        # Fill the fragments again before the next check.
        assert client.get(url).content == body
    body = client.get(FR).content.replace(b"\r\n ", b"").decode()
    if shown:
        assert shown in body
    else:
        assert uid(french["market"]) not in body


def test_query_count_with_warm_fragments_does_not_grow_and_nothing_is_written(client, agenda):
    """With the fragments cached and the body not (after any publish), the whole calendar costs
    the same queries with 50 and 500 events, none of them a write."""

    def warm_fragment_queries():
        django_cache.clear()  # the events were saved without publishing: nothing invalidated
        client.get(FR)
        feed_cache.invalidate()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(FR)
        assert response.status_code == 200
        sql = [query["sql"].split()[0].upper() for query in queries.captured_queries]
        assert set(sql) <= {"SELECT", "SAVEPOINT", "RELEASE"}, sql
        return len(sql), response.content.count(b"BEGIN:VEVENT")

    many_events(agenda, 50)
    fifty, fifty_events = warm_fragment_queries()
    many_events(agenda, 500, start=50)
    five_hundred, five_hundred_events = warm_fragment_queries()
    assert five_hundred_events > 5 * fifty_events
    assert fifty == five_hundred


def test_a_change_written_without_publishing_renews_the_block(client, monkeypatch, events, built):
    """The key is made of the event's fields, not of a revision: a row updated in SQL (an import,
    a data migration) gets a new block once the body is rebuilt, and dates stored without block
    ids (bulk inserts) still find their block the next time."""
    french, _english = events
    client.get(FR)
    EventPage.objects.filter(pk=french["market"].pk).update(
        cancelled_dates=[{"type": "date", "value": "2026-04-14"}], sequence=3
    )
    feed_cache.invalidate()
    built.clear()
    body = client.get(FR).content
    assert len(built) == 1
    assert body == reference(client, monkeypatch, FR)
    assert b"RECURRENCE-ID;TZID=Europe/Paris:20260414T180000" in body
    client.get(FR)  # the reference emptied the cache
    built.clear()
    feed_cache.invalidate()
    assert client.get(FR).content == body
    assert built == []


def test_the_next_day_renews_only_the_blocks_that_move_with_the_day(client, monkeypatch, events, built):
    """Only an event given by dates without a rule has its dates chosen by the day (the window
    of the whole calendar): its block is rendered again the next day, the others' blocks are
    taken from the cache, and the bytes are those of the whole calendar rendered that day."""
    french, _english = events
    dated = str(french["dated"].translation_key).encode()
    for url in (FR, "/feeds/fr/events.ics?from=2026-04-01&to=2026-04-30"):
        monkeypatch.setattr(context, "today", lambda: dt.date(2026, 3, 1))
        django_cache.clear()
        client.get(url)
        monkeypatch.setattr(context, "today", lambda: dt.date(2026, 3, 2))
        built.clear()
        body = client.get(url).content  # a new day: a new body, from the fragments
        rebuilt = [django_cache.get(key) for key in built]
        assert body == reference(client, monkeypatch, url), url
        if url == FR:
            assert len(rebuilt) == 1, url
            assert dated in rebuilt[0]
        else:
            assert rebuilt == [], url  # a period's blocks do not depend on the day
