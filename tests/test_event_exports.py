"""Exports of the agenda for aggregators (open data): an OpenAgenda-style JSON export and a
schema.org JSON-LD listing of the upcoming events, parsed back and documented on the "Open
data" page."""

import datetime as dt
import json

import pytest

from django.utils import timezone

from home.opendata.models import OpenDataPage
from tests.builders import publish, translate
from tests.event_builders import add_event, paris

pytestmark = pytest.mark.django_db


def soon(days, hour=14):
    day = timezone.localdate() + dt.timedelta(days=days)
    return paris(day.year, day.month, day.day, hour)


@pytest.fixture
def agenda(moderated):
    m = moderated
    add_event(
        m.agenda,
        "Marché",
        soon(1, 8),
        soon(1, 12),
        frequency="weekly",
        count=3,
        commune=m.bavay,
        address="Place du marché",
        latitude="50.2981",
        longitude="3.7936",
        organiser=m.parasites,
        is_free=True,
        categories=[m.workshop],
        cancelled_dates=[("date", (soon(1) + dt.timedelta(weeks=1)).date())],
    )
    add_event(m.agenda, "Concert annulé", soon(4, 20), soon(4, 22), commune=m.quesnoy, status="cancelled")
    add_event(m.agenda, "Foire", soon(6, 0), soon(7, 0), all_day=True, price="2 €", slug="foire")
    add_event(m.agenda, "Passé", soon(-10), soon(-10, 16), slug="passe")
    return m


def fetch(client, path, **params):
    response = client.get(f"/open-data/{path}", {"lang": "fr", **params})
    assert response.status_code == 200, response.content[:300]
    return response, json.loads(response.content.decode())


def test_openagenda_style_export_has_each_upcoming_event_with_its_timings(client, agenda):
    response, data = fetch(client, "events.openagenda.json")

    assert response["Content-Type"] == "application/json"
    assert data["licence"] == "etalab-2.0" and data["total"] == len(data["events"]) == 3
    events = {event["title"]["fr"]: event for event in data["events"]}
    assert set(events) == {"Marché", "Concert annulé", "Foire"}  # the past event is not there
    market = events["Marché"]
    assert len(market["timings"]) == 2  # three Tuesdays, the second called off
    begin = dt.datetime.fromisoformat(market["firstTiming"]["begin"])
    assert begin == soon(1, 8) and begin.utcoffset() is not None
    assert market["status"] == 1 and market["attendanceMode"] == 1 and market["free"]
    assert market["location"]["insee"] == "59053" and market["location"]["latitude"] == pytest.approx(50.2981)
    assert market["keywords"] == {"fr": ["Atelier"]} and market["organizer"] == "Collectif Parasites"
    assert market["canonicalUrl"].startswith("http://testserver/fr/agenda/")
    assert events["Concert annulé"]["status"] == 6 and events["Concert annulé"]["timings"]
    assert events["Foire"]["conditions"] == {"fr": "2 €"}


def test_schema_org_listing_is_an_item_list_of_upcoming_events(client, agenda):
    response, data = fetch(client, "events.jsonld")

    assert response["Content-Type"] == "application/ld+json"
    assert data["@context"] == "https://schema.org" and data["@type"] == "ItemList"
    assert data["numberOfItems"] == len(data["itemListElement"]) == 5  # 3 market dates, concert, fair
    events = [element["item"] for element in data["itemListElement"]]
    assert [element["position"] for element in data["itemListElement"]] == [1, 2, 3, 4, 5]
    assert all(event["@type"] == "Event" and event["name"] and event["url"].startswith("http") for event in events)
    assert len({event["@id"] for event in events}) == 5
    market = [event for event in events if event["name"] == "Marché"]
    assert [event["eventStatus"].rsplit("/", 1)[1] for event in market] == [
        "EventScheduled",
        "EventCancelled",
        "EventScheduled",
    ]
    first = market[0]
    assert dt.datetime.fromisoformat(first["startDate"]) == soon(1, 8)
    assert first["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert first["location"]["address"]["addressLocality"] == "Bavay"
    assert first["location"]["geo"]["latitude"] == pytest.approx(50.2981)
    assert first["organizer"] == {"@type": "Organization", "name": "Collectif Parasites"}
    assert first["offers"]["price"] == 0 and first["inLanguage"] == "fr"
    fair = next(event for event in events if event["name"] == "Foire")
    # Two whole days: dates without a time, the last day included.
    assert fair["startDate"] == soon(6).date().isoformat() and fair["endDate"] == soon(7).date().isoformat()
    concert = next(event for event in events if event["name"] == "Concert annulé")
    assert concert["eventStatus"] == "https://schema.org/EventCancelled"


def test_exports_take_the_dataset_filters_and_english(client, agenda):
    _response, data = fetch(client, "events.jsonld", commune="59481")
    assert [element["item"]["name"] for element in data["itemListElement"]] == ["Concert annulé"]
    response = client.get("/open-data/events.openagenda.json", {"lang": "en"})
    assert response.status_code == 200 and json.loads(response.content)["total"] == 0  # no English version yet
    assert client.get("/open-data/events.jsonld", {"commune": "00000"}).status_code == 400


def test_exports_are_documented_on_the_open_data_page(client, agenda):
    page = OpenDataPage(title="Données ouvertes", slug="donnees-ouvertes", locale=agenda.tree.home.locale)
    agenda.tree.home.add_child(instance=page)
    publish(page)
    translate(page, agenda.tree.home_en.locale, title="Open data", slug="open-data")

    french = client.get("/fr/donnees-ouvertes/").content.decode()
    english = client.get("/en/open-data/").content.decode()

    assert 'href="/open-data/events.openagenda.json?lang=fr"' in french
    assert 'href="/open-data/events.jsonld?lang=fr" type="application/ld+json"' in french
    assert "Pour les agrégateurs" in french and "JSON à la manière d&#x27;OpenAgenda" in french
    assert "For aggregators" in english and "schema.org JSON-LD" in english
