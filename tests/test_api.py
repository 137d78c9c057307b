"""The read-only JSON API at /api/v2/: pages of every type with their fields, in both
languages, only what is published and public on the request's site; the communes."""

import datetime as dt

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.event_builders import add_event
from tests.open_data_builders import Territory, other_territory, soon

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory(moderated):
    return Territory(moderated)


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:500])
    assert response["Content-Type"] == "application/json"
    assert not response.cookies
    return response.json()


def titles(data):
    return sorted(item["title"] for item in data["items"])


def test_events_with_their_fields(client, territory):
    fields = "start,end,status,commune,venue,categories,latitude,longitude,organiser,price,translation_key"
    data = get(client, f"/api/v2/pages/?type=events.EventPage&locale=fr&fields={fields}")
    assert titles(data) == ["Atelier numérique", "Repair café"]
    repair = next(item for item in data["items"] if item["title"] == "Repair café")
    assert dt.datetime.fromisoformat(repair["start"]) == soon(7)
    assert repair["start"].endswith(("+01:00", "+02:00"))  # Paris time with its offset
    assert repair["commune"] == {"insee_code": "59053", "name": "Bavay"}
    assert repair["categories"] == [{"slug": "atelier", "name": "Atelier"}]
    assert repair["venue"] == "Salle des fêtes" and repair["status"] == "scheduled"
    assert repair["latitude"] == 50.2961 and repair["longitude"] == 3.7939
    assert repair["translation_key"] == str(territory.repair.translation_key)
    assert repair["meta"]["locale"] == "fr" and "/fr/agenda/" in repair["meta"]["html_url"]


def test_private_fields_are_not_in_the_api(client, territory):
    error = get(client, "/api/v2/pages/?type=events.EventPage&fields=contact_email", status=400)
    assert "contact_email" in error["message"]
    everything = client.get("/api/v2/pages/?type=events.EventPage&fields=*").content.decode()
    assert "secret@example.org" not in everything and "0600000000" not in everything
    detail = client.get(f"/api/v2/pages/{territory.repair.pk}/").content.decode()
    assert "secret@example.org" not in detail


def test_both_language_trees_and_the_locale_filter(client, territory):
    every = titles(get(client, "/api/v2/pages/?type=events.EventPage"))
    assert every == ["Atelier numérique", "Repair café", "Repair café (EN)"]
    english = get(client, "/api/v2/pages/?type=events.EventPage&locale=en&fields=categories")
    assert titles(english) == ["Repair café (EN)"]
    assert english["items"][0]["categories"] == [{"slug": "atelier", "name": "Workshop"}]
    assert english["items"][0]["meta"]["locale"] == "en"
    places = get(client, "/api/v2/pages/?type=tourism.PlacePage&locale=en&fields=kind")
    assert [item["kind"] for item in places["items"]] == [{"slug": "musee", "name": "Museum"}]


EXPECTED_FIELDS = {
    "home.StandardPage": {"introduction", "body", "translation_key"},
    "home.StrategyPage": {"kind", "period_start", "period_end", "introduction"},
    "home.StrategySectionPage": {"level_label", "number", "introduction"},
    "home.ActionPage": {"code", "status", "themes", "communes", "tags", "lead", "start_date", "funding_sources"},
    "events.EventPage": {"start", "end", "status", "commune", "venue", "organiser", "categories", "booking_url"},
    "tourism.PlacePage": {"kind", "commune", "latitude", "longitude", "opening_hours_osm", "siret", "access_mobility"},
    "tourism.TrailPage": {"activity", "distance_km", "start_commune", "line"},
    "commerce.MerchantPage": {"category", "tags", "commune", "phone", "website", "siret", "opening_hours_osm"},
}


def test_every_page_type_has_its_fields(client, territory):
    from tests.builders import add_standard_page, publish
    from tourism.models import TrailPage

    add_standard_page(territory.tree.home, "À propos", "a-propos", introduction="Le territoire.")
    trail = TrailPage(title="Boucle", slug="boucle", locale=territory.tree.home.locale, start_commune=territory.bavay)
    trail.line = {"type": "LineString", "coordinates": [[3.79, 50.29], [3.8, 50.3]]}
    territory.place_index.add_child(instance=trail)
    publish(trail)
    for page_type, fields in EXPECTED_FIELDS.items():
        data = get(client, f"/api/v2/pages/?type={page_type}&fields={','.join(sorted(fields))}")
        assert data["items"], page_type
        for item in data["items"]:
            assert fields <= set(item), (page_type, fields - set(item))
    action = get(client, "/api/v2/pages/?type=home.ActionPage&fields=communes,themes&code=1.1")["items"][0]
    assert action["communes"] == [{"insee_code": "59053", "name": "Bavay"}]
    assert action["themes"][0]["slug"] == "tiers-lieux"
    merchant = get(client, "/api/v2/pages/?type=commerce.MerchantPage&fields=*&title=Fromagerie du Bocage")
    merchant = merchant["items"][0]
    assert merchant["commune"]["insee_code"] == "59053" and merchant["opening_hours_osm"] == "Mo-Su 00:00-23:59"
    assert merchant["category"] == {"slug": "alimentation", "name": "Commerces alimentaires"}
    assert merchant["tags"] == ["beurre", "maroilles"] and merchant["labels"][0]["slug"] == "aop-maroilles"
    assert "email" not in merchant and "external_id" not in merchant
    trail_data = get(client, "/api/v2/pages/?type=tourism.TrailPage&fields=line,start_commune")["items"][0]
    assert trail_data["line"]["coordinates"][0] == [3.79, 50.29] and trail_data["start_commune"]["name"] == "Bavay"


def test_drafts_private_pages_and_pending_proposals_are_absent(client, territory, django_capture_on_commit_callbacks):
    draft = territory.draft_event()
    private = territory.private_event()
    with django_capture_on_commit_callbacks(execute=True):
        assert territory.moderated.propose(Client()).status_code == 302
    listing = titles(get(client, "/api/v2/pages/?type=events.EventPage&limit=50"))
    assert listing == ["Atelier numérique", "Repair café", "Repair café (EN)"]
    everything = client.get("/api/v2/pages/?limit=200").content.decode()
    assert "Brouillon secret" not in everything and "Repair café de printemps" not in everything
    for page in (draft, private):
        error = get(client, f"/api/v2/pages/{page.pk}/", status=404)  # JSON, never a redirect
        assert error == {"message": "No Page matches the given query."}


def test_write_methods_are_refused(territory):
    client = Client(enforce_csrf_checks=True)
    for url in ("/api/v2/pages/", f"/api/v2/pages/{territory.repair.pk}/", "/api/v2/communes/"):
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url, data="{}", content_type="application/json")
            assert response.status_code == 405, (method, url)
            assert not response.cookies


def test_communes_of_the_requests_site_only(client, territory):
    _home, other_commune, _event = other_territory()
    data = get(client, "/api/v2/communes/")
    assert [item["insee_code"] for item in data["items"]] == ["59053", "59481"]
    detail = get(client, f"/api/v2/communes/{territory.bavay.pk}/")
    assert detail["insee_code"] == "59053" and detail["latitude"] == 50.2961 and detail["population"] == 3200
    assert {"name", "slug", "postcode", "longitude", "website"} <= set(detail)
    get(client, f"/api/v2/communes/{other_commune.pk}/", status=404)
    other = Client(HTTP_HOST="autre.localhost")
    assert [item["name"] for item in get(other, "/api/v2/communes/")["items"]] == ["Autreville"]
    assert titles(get(other, "/api/v2/pages/?type=events.EventPage")) == ["Fête ailleurs"]
    assert "Fête ailleurs" not in titles(get(client, "/api/v2/pages/?type=events.EventPage"))


def listing_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        get(client, url)
    return len(captured.captured_queries)


def test_listing_query_count_does_not_grow_with_the_number_of_pages(client, territory):
    urls = [
        "/api/v2/pages/?type=events.EventPage&limit=50&fields=*",
        "/api/v2/pages/?limit=50",
        "/api/v2/pages/?type=home.ActionPage&limit=50&fields=themes,communes,tags,funding_sources",
    ]
    get(client, urls[0])  # caches filled once
    few = [listing_queries(client, url) for url in urls]
    for number in range(25):
        event = add_event(
            territory.agenda,
            f"Événement {number}",
            soon(10),
            commune=territory.bavay,
            categories=[territory.moderated.workshop],
            venue_name="Salle",
        )
        event.tags.add(f"tag-{number}")
        event.save()
    from tests.open_data_builders import build_strategy

    build_strategy(territory.tree, actions_count=30, slug="feuille-longue")
    assert [listing_queries(client, url) for url in urls] == few
