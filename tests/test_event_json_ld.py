"""schema.org Event JSON-LD of event pages: one-off, all-day, recurring, cancelled, postponed,
rescheduled and online events, each checked against what schema.org's Event expects
(tests/json_ld.py)."""

import datetime as dt

import pytest
import time_machine

from events.models import EventPage
from home.models import Commune, Organisation
from tests.event_builders import add_event, agenda, paris
from tests.json_ld import event_problems, json_ld_blocks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(paris(2026, 3, 1, 9, 0), tick=False):
        yield


@pytest.fixture
def index(site):
    return agenda(site, english=False)


@pytest.fixture
def bavay(site):
    return Commune.objects.create(insee_code="59053", name="Bavay", slug="bavay", postcode="59570", site=site.site)


def events_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    blocks = [block for block in json_ld_blocks(response.content.decode()) if block["@type"] == "Event"]
    for block in blocks:
        assert event_problems(block) == [], block
    return blocks


def test_one_off_event_has_place_organizer_offer_and_offset(client, index, bavay):
    organiser = Organisation.objects.create(
        name="Tiers-lieu de Bavay", slug="tiers-lieu", kind="association", locale=index.locale
    )
    page = add_event(
        index,
        "Atelier du passage à l'heure d'été",
        paris(2026, 3, 29, 10, 0),
        paris(2026, 3, 29, 12, 30),
        slug="atelier-ete",
        venue_name="Médiathèque",
        address="2 rue des Juifs",
        commune=bavay,
        latitude="50.296100",
        longitude="3.793300",
        organiser=organiser,
        price="5,50 € ; gratuit pour les enfants",
        booking_url="https://billetterie.example.org/atelier",
    )
    (event,) = events_of(client, page)
    assert event["startDate"] == "2026-03-29T10:00:00+02:00"  # summer time, that very morning
    assert event["endDate"] == "2026-03-29T12:30:00+02:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["inLanguage"] == "fr"
    assert event["url"] == "http://testserver/fr/agenda/atelier-ete/"
    assert event["location"] == {
        "@type": "Place",
        "name": "Médiathèque",
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "FR",
            "streetAddress": "2 rue des Juifs",
            "postalCode": "59570",
            "addressLocality": "Bavay",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": 50.2961, "longitude": 3.7933},
    }
    assert event["organizer"] == {"@type": "Organization", "name": "Tiers-lieu de Bavay"}
    assert event["offers"]["price"] == "5.50"
    assert event["offers"]["url"] == "https://billetterie.example.org/atelier"
    assert event["offers"]["availability"] == "https://schema.org/InStock"


def test_all_day_event_gives_dates_with_the_last_day_inclusive(client, index, bavay):
    page = add_event(
        index, "Fête du village", paris(2026, 8, 14), paris(2026, 8, 16), all_day=True, commune=bavay, is_free=True
    )
    (event,) = events_of(client, page)
    assert (event["startDate"], event["endDate"]) == ("2026-08-14", "2026-08-16")
    assert event["offers"]["price"] == "0"
    assert event["isAccessibleForFree"] is True
    assert event["location"]["address"]["addressLocality"] == "Bavay"


def test_recurring_event_is_one_event_per_upcoming_date_with_its_own_status(client, index, bavay):
    page = add_event(
        index,
        "Marché du mardi",
        paris(2026, 3, 17, 18, 0),
        paris(2026, 3, 17, 20, 0),
        frequency=EventPage.Frequency.WEEKLY,
        weekdays="TU",
        until=dt.date(2026, 4, 28),
        excluded_dates=[("date", dt.date(2026, 3, 31))],
        cancelled_dates=[("date", dt.date(2026, 4, 7))],
        commune=bavay,
    )
    events = events_of(client, page)
    assert [(event["startDate"], event["eventStatus"].split("/")[-1]) for event in events] == [
        ("2026-03-17T18:00:00+01:00", "EventScheduled"),
        ("2026-03-24T18:00:00+01:00", "EventScheduled"),
        # 31 March left out; clocks went forward on the 29th: still 18:00, now +02:00.
        ("2026-04-07T18:00:00+02:00", "EventCancelled"),
        ("2026-04-14T18:00:00+02:00", "EventScheduled"),
        ("2026-04-21T18:00:00+02:00", "EventScheduled"),
        ("2026-04-28T18:00:00+02:00", "EventScheduled"),
    ]
    assert len({event["@id"] for event in events}) == len(events)


def test_long_series_lists_a_bounded_number_of_dates(client, index, bavay):
    page = add_event(
        index, "Marché quotidien", paris(2026, 3, 2, 8, 0), paris(2026, 3, 2, 12, 0), frequency="daily", commune=bavay
    )
    assert len(events_of(client, page)) == 12


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (EventPage.Status.CANCELLED, "EventCancelled"),
        (EventPage.Status.POSTPONED, "EventPostponed"),
        (EventPage.Status.RESCHEDULED, "EventRescheduled"),
        (EventPage.Status.FULL, "EventScheduled"),
    ],
)
def test_status_of_the_event(client, index, bavay, status, expected):
    page = add_event(index, "Concert", paris(2026, 5, 2, 20, 0), commune=bavay, status=status, price="10 €")
    (event,) = events_of(client, page)
    assert event["eventStatus"] == f"https://schema.org/{expected}"
    assert event["endDate"] == "2026-05-02T22:00:00+02:00"  # two hours when no end is given
    sold_out = status == EventPage.Status.FULL
    assert event["offers"]["availability"].endswith("SoldOut" if sold_out else "InStock")


def test_cancelled_date_of_a_one_off_event_cancels_it(client, index, bavay):
    page = add_event(
        index, "Loto", paris(2026, 5, 2, 20, 0), commune=bavay, cancelled_dates=[("date", dt.date(2026, 5, 2))]
    )
    (event,) = events_of(client, page)
    assert event["eventStatus"] == "https://schema.org/EventCancelled"


def test_online_event_has_a_virtual_location(client, index):
    page = add_event(
        index, "Webinaire France Services", paris(2026, 4, 2, 14, 0), online_url="https://visio.example.org/fs"
    )
    (event,) = events_of(client, page)
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {"@type": "VirtualLocation", "url": "https://visio.example.org/fs"}
    page_html = client.get(page.url).content.decode()
    assert 'href="https://visio.example.org/fs"' in page_html


def test_event_both_in_a_place_and_online_is_mixed(client, index, bavay):
    page = add_event(
        index,
        "Conseil communautaire",
        paris(2026, 4, 9, 18, 30),
        venue_name="Salle des fêtes",
        commune=bavay,
        online_url="https://live.example.org/conseil",
    )
    (event,) = events_of(client, page)
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in event["location"]] == ["Place", "VirtualLocation"]


def test_english_page_says_its_language(client, site, index, bavay):
    from tests.builders import translate

    page = add_event(index, "Concert", paris(2026, 5, 2, 20, 0), commune=bavay)
    english_index = translate(index, site.home_en.locale, title="What's on", slug="whats-on")
    assert english_index.live
    english = translate(page, site.home_en.locale, title="Concert in Bavay", slug="concert-en")
    (event,) = events_of(client, english)
    assert (event["inLanguage"], event["name"]) == ("en", "Concert in Bavay")
    assert event["url"].startswith("http://testserver/en/")


def test_venue_is_linked_to_its_place_page_in_the_events_language(client, site, index, bavay):
    from types import SimpleNamespace

    from tests.open_data_builders import add_place, build_places

    places, _places_en, museum, _heritage = build_places(SimpleNamespace(tree=site))
    forum = add_place(places, "Forum antique", museum, bavay, slug="forum")
    page = add_event(index, "Visite guidée", paris(2026, 4, 5, 15, 0), venue=forum, commune=bavay)
    (event,) = events_of(client, page)
    assert event["location"]["name"] == "Forum antique"
    assert event["location"]["url"] == "http://testserver/fr/decouvrir/forum/"
