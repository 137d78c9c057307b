"""The feed of a period (``?when=weekend``, ``?from=…&to=…``) holds exactly that period's dates,
as single events every client reads alike, and names the period; an event given by a list of
dates without a rule reads the same in icalendar, recurring-ical-events, Home Assistant's
ical and vobject."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
import time_machine
import vobject

from django.core.cache import cache

from events.filters import AgendaFilters
from events.models import EventPage
from tests import feed_validation
from tests.event_builders import add_event, agenda, paris

pytestmark = pytest.mark.django_db

# Wednesday of the week whose Sunday (29 March 2026) is the spring clock change.
NOW = paris(2026, 3, 25, 10, 0)
FAR = (paris(2025, 1, 1), paris(2028, 1, 1))


@pytest.fixture(autouse=True)
def frozen_clock():
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield


def dates(*days):
    return [("date", day) for day in days]


@pytest.fixture
def programme(site):
    index = agenda(site)
    add_event(
        index,
        "Marché",
        paris(2026, 3, 7, 9, 0),
        paris(2026, 3, 7, 12, 0),
        frequency=EventPage.Frequency.WEEKLY,
        until=dt.date(2026, 6, 27),
    )
    add_event(
        index,
        "Randonnée",
        paris(2026, 3, 20, 8, 0),
        paris(2026, 3, 20, 10, 0),
        frequency=EventPage.Frequency.DAILY,
        count=30,
        excluded_dates=dates(dt.date(2026, 3, 29)),
        cancelled_dates=dates(dt.date(2026, 3, 28)),
    )
    add_event(index, "Fête", paris(2026, 3, 27), paris(2026, 3, 28), all_day=True)
    add_event(index, "Concert", paris(2026, 3, 29, 20, 0))
    add_event(index, "Loto", paris(2026, 4, 4, 20, 0))
    add_event(
        index, "Brocante", paris(2026, 3, 21, 10, 0), extra_dates=dates(dt.date(2026, 3, 29), dt.date(2026, 4, 12))
    )
    return index


def feed(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert feed_validation.validate(response.content) == []
    return response.content


def read_by_icalendar(raw):
    """(title, start, status) of every date, as recurring-ical-events expands the feed."""
    return {
        (str(item["SUMMARY"]).split("– ")[-1], item.start, str(item["STATUS"]))
        for item in feed_validation.recurring_ical_events.of(feed_validation.parse_icalendar(raw)).between(*FAR)
    }


def read_by_ical(raw):
    """The same, as Home Assistant's ical expands it."""
    return {
        (item.summary.split("– ")[-1], item.dtstart, item.status.value)
        for item in feed_validation.parse_ical(raw).timeline_tz(feed_validation.PARIS).included(*FAR)
    }


def read_by_vobject(raw):
    found = set()
    for event in vobject.readOne(raw.decode()).vevent_list:
        starts = event.getrruleset(addRDate=True) or [event.dtstart.value]
        for start in starts:
            found.add((event.summary.value.split("– ")[-1], start, event.status.value))
    return found


def as_paris(found):
    def moment(value):
        if isinstance(value, dt.datetime):
            return value.astimezone(feed_validation.PARIS)
        return value

    return {(title, moment(start), status) for title, start, status in found}


def test_weekend_feed_holds_exactly_the_weekends_dates(client, programme):
    raw = feed(client, "/feeds/fr/events.ics", when="weekend")
    expected = {
        ("Marché", paris(2026, 3, 28, 9, 0), "CONFIRMED"),
        ("Randonnée", paris(2026, 3, 28, 8, 0), "CANCELLED"),  # the 29th is left out
        ("Fête", dt.date(2026, 3, 27), "CONFIRMED"),  # Friday to Saturday: overlaps
        ("Concert", paris(2026, 3, 29, 20, 0), "CONFIRMED"),  # summer time since 02:00
        ("Brocante", paris(2026, 3, 29, 10, 0), "CONFIRMED"),
    }
    assert as_paris(read_by_icalendar(raw)) == expected
    assert as_paris(read_by_ical(raw)) == expected
    cal = feed_validation.parse_icalendar(raw)
    assert not [item for item in cal.walk("VEVENT") if {"RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"} & set(item)]
    name = cal["X-WR-CALNAME"].to_ical().decode()
    assert name.endswith(" – du 28 mars 2026 au 29 mars 2026")
    assert "\\" not in name and str(cal["NAME"]) == name
    rss = client.get("/feeds/fr/events.rss", {"when": "weekend"}).content
    channel = ET.fromstring(rss).find("channel")  # noqa: S314 (our own output)
    assert channel.findtext("title").endswith(" – du 28 mars 2026 au 29 mars 2026")
    assert len(channel.findall("item")) == len(expected)


def test_dated_feed_is_the_agenda_page_of_the_same_dates(client, programme):
    params = {"from": "2026-04-01", "to": "2026-04-30"}
    raw = feed(client, "/feeds/fr/events.ics", **params)
    found = as_paris(read_by_icalendar(raw))
    assert found == as_paris(read_by_ical(raw))
    page = AgendaFilters(params, locale=programme.locale).occurrences()
    assert {(title, start) for title, start, _status in found} == {
        (item.event.title, item.start.astimezone(feed_validation.PARIS)) for item in page
    }
    assert len(found) == 4 + 18 + 1 + 1  # Saturdays, walks until the 18th, the loto, the fair
    assert "du 1 avril 2026 au 30 avril 2026" in str(feed_validation.parse_icalendar(raw)["X-WR-CALNAME"])


def test_dates_of_a_series_keep_distinct_stable_uids(client, programme):
    first = feed_validation.parse_icalendar(feed(client, "/feeds/fr/events.ics", when="month"))
    uids = [str(item["UID"]) for item in first.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    cache.clear()
    again = feed_validation.parse_icalendar(feed(client, "/feeds/fr/events.ics", when="month"))
    assert [str(item["UID"]) for item in again.walk("VEVENT")] == uids


def test_english_period_feed_names_the_period_in_english(client, programme):
    raw = feed(client, "/feeds/en/events.ics", when="today")
    name = str(feed_validation.parse_icalendar(raw)["X-WR-CALNAME"])
    assert name.endswith(" – 25 March 2026")


def test_event_given_by_dates_reads_the_same_in_every_parser(client, programme):
    raw = feed(client, "/feeds/fr/events.ics")
    brocante = {
        ("Brocante", paris(2026, 3, 21, 10, 0), "CONFIRMED"),
        ("Brocante", paris(2026, 3, 29, 10, 0), "CONFIRMED"),
        ("Brocante", paris(2026, 4, 12, 10, 0), "CONFIRMED"),
    }
    for reader in (read_by_icalendar, read_by_ical, read_by_vobject):
        found = {item for item in as_paris(reader(raw)) if item[0] == "Brocante"}
        assert found == brocante, reader.__name__
    by_icalendar, by_ical = feed_validation.expansions(raw, *FAR)
    assert by_icalendar == by_ical


def test_calendar_name_with_commas_reads_the_same_in_every_parser(client, programme, site):
    from home.models import TerritorySettings

    territory = TerritorySettings.for_site(site.site)
    territory.name = "Communes du Bavaisis, de Mormal; et \\ d'ailleurs"
    territory.save()
    raw = feed(client, "/feeds/fr/events.ics", when="weekend")
    expected = "Agenda – Communes du Bavaisis / de Mormal / et / d'ailleurs – du 28 mars 2026 au 29 mars 2026"
    cal = feed_validation.parse_icalendar(raw)
    assert str(cal["X-WR-CALNAME"]) == str(cal["NAME"]) == expected
    assert vobject.readOne(raw.decode()).x_wr_calname.value == expected
    extras = {prop.name: prop.value for prop in feed_validation.parse_ical(raw).extras}
    assert extras["x-wr-calname"] == expected
    assert "\\" not in str(cal["X-WR-CALDESC"])
