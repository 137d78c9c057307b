"""Open data downloads (OD-01, OD-03, L10N-01, SEC-07, MOD-01) and the "Open data" page, read
back with real parsers."""

import csv
import datetime as dt
import io
import json

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from home.local_time import PARIS
from home.models import ActionPage, Commune
from home.opendata.datasets import datasets
from home.opendata.licence import LICENCE_URL
from tests.builders import publish
from tests.event_builders import add_event
from tests.open_data_builders import Territory, add_merchants, add_place, build_strategy, other_territory, soon

pytestmark = pytest.mark.django_db

DATASETS = ["actions", "budget", "events", "places", "merchants", "communes", "news"]
LOCATED = ["events", "places", "merchants", "communes"]


@pytest.fixture
def territory(moderated):
    return Territory(moderated)


def download(client, path, **params):
    response = client.get(f"/open-data/{path}", params)
    assert response.status_code == 200, (path, response.content[:500])
    return response


def read_csv(response):
    text = response.content.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def read_json(response):
    return json.loads(response.content.decode("utf-8"))


def ids(client, path, **params):
    if path.endswith(".csv"):
        return [row["id"] for row in read_csv(download(client, path, **params))]
    return [row["id"] for row in read_json(download(client, path, **params))["data"]]


def test_every_dataset_is_registered_through_the_hook():
    assert [dataset.slug for dataset in datasets()] == DATASETS


def test_every_csv_has_its_stable_columns_and_the_licence_header(client, territory):
    for dataset in datasets():
        response = download(client, f"{dataset.slug}.csv")
        assert response["Content-Type"].startswith("text/csv; charset=utf-8")
        assert response["Link"] == f'<{LICENCE_URL}>; rel="license"'
        assert response["Last-Modified"]
        assert not response.cookies
        reader = csv.reader(io.StringIO(response.content.decode("utf-8")))
        assert next(reader) == list(dataset.columns)
        rows = list(reader)
        assert rows and all(len(row) == len(dataset.columns) for row in rows), dataset.slug


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_json_wraps_its_rows_with_licence_producer_date_and_count(client, territory, language):
    for slug in DATASETS:
        data = read_json(download(client, f"{slug}.json", lang=language))
        assert data["dataset"] == slug
        assert data["language"] == language
        assert data["licence"] == "etalab-2.0"
        assert data["licence_url"] == LICENCE_URL
        assert data["producer"] == "Communauté de communes de test"
        assert dt.datetime.fromisoformat(data["last_update"]).tzinfo is not None, slug
        assert data["count"] == len(data["data"]) > 0, slug


def test_every_geojson_is_a_feature_collection_in_longitude_latitude_order(client, territory):
    for slug in LOCATED:
        response = download(client, f"{slug}.geojson")
        assert response["Content-Type"] == "application/geo+json"
        assert response["Link"] == f'<{LICENCE_URL}>; rel="license"'
        data = read_json(response)
        assert data["type"] == "FeatureCollection"
        assert data["licence"] == "etalab-2.0" and data["producer"] and data["last_update"]
        assert data["count"] == len(data["features"]) > 0, slug
        for feature in data["features"]:
            assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
            longitude, latitude = feature["geometry"]["coordinates"]
            assert 2 < longitude < 5 and 49 < latitude < 52  # the Avesnois, not swapped
            assert "latitude" not in feature["properties"] and feature["properties"]["url"].startswith("http")


def test_actions_have_no_geojson_and_unknown_names_are_plain_404s_never_redirected(client, territory):
    for path in ("actions.geojson", "nothing.csv", "events.xml", "", "events", "events.csv/"):
        response = client.get(f"/open-data/{path}")
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith("text/plain"), path


def test_rows_carry_the_facts_in_the_csv_conventions(client, territory):
    events = read_csv(download(client, "events.csv"))
    repair = next(row for row in events if row["title"] == "Repair café")
    assert repair["id"] == str(territory.repair.translation_key)
    assert repair["start"] == soon(7).isoformat()  # ISO 8601 with the Paris offset
    assert repair["start"].endswith(("+01:00", "+02:00"))
    assert repair["commune_insee"] == "59053"
    assert (repair["latitude"], repair["longitude"]) == ("50.296100", "3.793900")
    assert repair["categories"] == "Atelier" and repair["status"] == "scheduled"
    assert repair["venue"] == "Salle des fêtes" and repair["url"].startswith("http://")
    assert "secret@example.org" not in download(client, "events.csv").content.decode()
    # A weekly series: one row per date, the same identifier.
    series = [row for row in events if row["title"] == "Atelier numérique"]
    assert len(series) == 3 and len({row["id"] for row in series}) == 1

    merchants = read_csv(download(client, "merchants.csv"))
    cheese = next(row for row in merchants if row["name"] == "Fromagerie du Bocage")
    assert cheese["products"] == "beurre;maroilles"  # several values, one cell, ";" between
    assert cheese["siret"] == "73282932000074" and cheese["phone"] == "+33327000000"
    assert cheese["opening_hours"] == "Mo-Su 00:00-23:59"
    assert cheese["category"] == "Commerces alimentaires" and cheese["category_slug"] == "alimentation"

    places = read_csv(download(client, "places.csv"))
    forum = next(row for row in places if row["name"] == "Forum antique")
    assert forum["accessibility"] == "mobility" and forum["kind"] == "Musée" and forum["free_entry"] == "false"

    communes = read_csv(download(client, "communes.csv"))
    assert [row["id"] for row in communes] == ["59053", "59481"]
    assert communes[0]["population"] == "3200"
    assert communes[0]["url"] == "http://testserver/fr/communes/bavay/"  # the address the client used

    actions = read_csv(download(client, "actions.csv"))
    assert len(actions) == 6
    assert actions[0]["document"] == "Feuille de route de test" and actions[0]["status"] == "done"
    assert actions[0]["communes"] == "59053"


def test_english_exports_have_english_texts_and_the_same_identifiers(client, territory):
    french = read_json(download(client, "places.json", lang="fr"))["data"]
    english = read_json(download(client, "places.json", lang="en"))["data"]
    assert [row["name"] for row in english] == ["Roman forum"]  # an untranslated place is left out
    assert english[0]["id"] == next(row["id"] for row in french if row["name"] == "Forum antique")
    assert english[0]["kind"] == "Museum" and english[0]["url"].startswith("http://testserver/en/")
    events_en = read_json(download(client, "events.json", lang="en"))["data"]
    assert [row["title"] for row in events_en] == ["Repair café (EN)"]
    assert events_en[0]["id"] == str(territory.repair.translation_key)
    actions_fr, actions_en = ids(client, "actions.csv", lang="fr"), ids(client, "actions.csv", lang="en")
    assert actions_fr == actions_en and len(actions_en) == 6
    status = read_csv(download(client, "actions.csv", lang="en"))[1]["status_label"]
    assert status == "In progress"


def test_identifiers_survive_an_edit_and_a_new_publication(client, territory):
    before = ids(client, "merchants.csv")
    merchant = territory.fromagerie
    merchant.title = "Fromagerie du Bocage (nouveau nom)"
    merchant.slug = "fromagerie-renommee"
    publish(merchant)
    after = read_csv(download(client, "merchants.csv"))
    assert sorted(row["id"] for row in after) == sorted(before)
    assert "Fromagerie du Bocage (nouveau nom)" in [row["name"] for row in after]


FILTERS = [
    ("events.csv", {"commune": "59481"}, ["Atelier numérique"] * 3),
    ("events.csv", {"category": "atelier"}, ["Repair café"]),
    ("places.csv", {"commune": "59053"}, ["Forum antique"]),
    ("places.csv", {"kind": "patrimoine"}, ["Remparts"]),
    ("merchants.csv", {"commune": "59481"}, ["Ferme des Saules"]),
    ("merchants.csv", {"category": "alimentation"}, ["Fromagerie du Bocage"]),
]


def test_filters_select_rows(client, territory):
    for path, params, expected in FILTERS:
        rows = read_csv(download(client, path, **params))
        assert [row.get("title") or row.get("name") for row in rows] == expected, (path, params)


def test_action_filters_on_commune_and_status(client, territory):
    in_bavay = read_csv(download(client, "actions.csv", commune="59053"))
    assert in_bavay and all("59053" in row["communes"].split(";") for row in in_bavay)
    planned = read_csv(download(client, "actions.csv", status="planned"))
    assert planned and {row["status"] for row in planned} == {"planned"}


def test_event_date_filters(client, territory):
    week = soon(7).date()
    only_repair = read_csv(download(client, "events.csv", **{"from": week.isoformat(), "to": week.isoformat()}))
    assert [row["title"] for row in only_repair] == ["Repair café"]
    later = read_csv(download(client, "events.csv", **{"from": (week + dt.timedelta(days=30)).isoformat()}))
    assert later == []


BAD_VALUES = [
    ("events.csv", {"commune": "Bavay"}, "INSEE"),
    ("places.csv", {"commune": "62001"}, "62001 is not a municipality of this territory"),
    ("actions.json", {"status": "finished"}, "finished"),
    ("actions.csv", {"commune": "2B"}, "INSEE"),
    ("events.csv", {"from": "14/07/2026"}, "YYYY-MM-DD"),
    ("events.json", {"to": "2026-02-30"}, "YYYY-MM-DD"),
    ("events.csv", {"from": "2026-07-14", "to": "2026-07-01"}, "end date"),
    ("events.geojson", {"category": "nope"}, "atelier"),
    ("places.csv", {"kind": "nope"}, "musee, patrimoine"),
    ("merchants.csv", {"category": "nope"}, "producteurs"),
    ("communes.csv", {"lang": "de"}, "fr, en"),
]


def test_bad_filter_values_are_400_with_a_message(client, territory):
    other_territory()  # its commune exists, but not in this territory
    for path, params, message in BAD_VALUES:
        # The message is in the language asked for (English here), French by default.
        response = client.get(f"/open-data/{path}", {"lang": "en", **params})
        assert response.status_code == 400, (path, params)
        assert response["Content-Type"].startswith("text/plain")
        assert message in response.content.decode(), response.content.decode()
    french = client.get("/open-data/places.csv", {"commune": "62001"}).content.decode()
    assert french == "commune : 62001 n'est pas une commune de ce territoire.\n"
    french = client.get("/open-data/events.csv", {"from": "14/07/2026"}).content.decode()
    assert french == "from : indiquez une date au format AAAA-MM-JJ, par exemple 2026-07-14.\n"


def test_only_the_requested_sites_content(client, territory):
    other_home, other_commune, other_event = other_territory()
    assert "Autreville" not in download(client, "communes.csv").content.decode()
    assert "Fête ailleurs" not in download(client, "events.csv").content.decode()
    other = Client(HTTP_HOST="autre.localhost")
    assert ids(other, "communes.csv") == ["62001"]
    assert [row["title"] for row in read_csv(download(other, "events.csv"))] == ["Fête ailleurs"]
    assert ids(other, "merchants.csv") == [] and ids(other, "places.json") == []
    assert read_json(download(other, "events.json", lang="en"))["data"] == []  # French only


def test_drafts_private_pages_and_pending_proposals_never_appear(client, territory, django_capture_on_commit_callbacks):
    territory.draft_event()
    territory.private_event()
    with django_capture_on_commit_callbacks(execute=True):
        assert territory.moderated.propose(Client()).status_code == 302
    body = download(client, "events.csv").content.decode() + download(client, "events.geojson").content.decode()
    assert "Brouillon secret" not in body and "Réunion privée" not in body
    assert "Repair café de printemps" not in body  # the proposal waits for a moderator
    assert "Repair café" in body


def test_read_only_without_cookie_or_csrf(territory):
    client = Client(enforce_csrf_checks=True)
    for method in ("post", "put", "delete", "patch"):
        response = getattr(client, method)("/open-data/events.csv")
        assert response.status_code == 405, method
    response = client.get("/open-data/events.json")
    assert not response.cookies and "Set-Cookie" not in response
    assert client.head("/open-data/events.csv").status_code == 200


def test_last_modified_answers_conditional_gets(client, territory):
    response = download(client, "communes.csv")
    again = client.get("/open-data/communes.csv", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304
    Commune.objects.filter(insee_code="59053").update(name="Bavay")  # no change of updated_at…
    commune = Commune.objects.get(insee_code="59053")
    commune.population = 3300
    commune.save()  # …a save is a change
    changed = client.get("/open-data/communes.csv", HTTP_IF_MODIFIED_SINCE=http_date(0))
    assert changed.status_code == 200


def count_queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        download(client, path)
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_the_number_of_rows(client, territory):
    paths = [f"{slug}.{fmt}" for slug in DATASETS for fmt in ("csv", "json")] + ["events.geojson"]
    download(client, "communes.csv")  # caches filled once (site root paths)
    few = {path: count_queries(client, path) for path in paths}
    add_merchants(territory.tree, 25)
    for number in range(25):
        add_event(
            territory.agenda,
            f"Événement {number}",
            soon(10 + number % 5),
            commune=territory.bavay,
            categories=[territory.moderated.workshop],
        )
        Commune.objects.create(
            insee_code=f"59{number + 600:03d}",
            name=f"Commune {number}",
            slug=f"c{number}",
            postcode="59000",
            site=territory.tree.site,
        )
        add_place(territory.place_index, f"Lieu {number}", territory.museum, territory.bavay, slug=f"lieu-{number}")
    build_strategy(territory.tree, actions_count=30, slug="feuille-longue")
    assert ActionPage.objects.live().count() >= 36
    many = {path: count_queries(client, path) for path in paths}
    assert many == few


# -- the "Open data" page -------------------------------------------------------------------


def test_open_data_page_lists_every_dataset_in_french_and_english(client, territory):
    territory.open_data_page()
    french = client.get("/fr/donnees-ouvertes/")
    assert french.status_code == 200
    html = french.content.decode()
    assert "<h1>Données ouvertes</h1>" in html
    for slug in DATASETS:
        assert f'href="/open-data/{slug}.csv?lang=fr"' in html and f'href="/open-data/{slug}.csv?lang=en"' in html
        assert f'id="dataset-{slug}"' in html
    assert 'href="/open-data/events.geojson?lang=fr"' in html and "actions.geojson" not in html
    assert f'href="{LICENCE_URL}"' in html and "etalab-2.0" in html
    assert html.count("<time datetime=") >= 2 * len(DATASETS)  # an update date per dataset
    assert "/api/v2/pages/?type=events.EventPage" in html
    # The example of a date filter is a day to come, whatever the day the page is read.
    next_week = (dt.datetime.now(PARIS).date() + dt.timedelta(days=7)).isoformat()
    assert f'href="/open-data/events.csv?lang=fr&amp;from={next_week}"' in html
    english = client.get("/en/open-data/").content.decode()
    assert '<html lang="en"' in english and "<h1>Open data</h1>" in english
    assert "Download Events of the agenda (CSV, English)" in english
    assert english.count("<time datetime=") >= 2 * len(DATASETS)


def test_footer_links_to_the_open_data_page_in_one_query(client, territory):
    with CaptureQueriesContext(connection) as without:
        assert "donnees-ouvertes" not in client.get("/fr/").content.decode()
    territory.open_data_page()
    with CaptureQueriesContext(connection) as with_page:
        french = client.get("/fr/").content.decode()
    assert 'href="/fr/donnees-ouvertes/">Données ouvertes</a>' in french
    assert 'href="/en/open-data/">Open data</a>' in client.get("/en/").content.decode()
    assert len(with_page.captured_queries) == len(without.captured_queries)


def test_open_data_page_is_in_the_sitemap_only_when_live(client, territory):
    page = territory.open_data_page(english=False)
    assert "/fr/donnees-ouvertes/" in client.get("/sitemap.xml").content.decode()
    page.unpublish()
    assert "/fr/donnees-ouvertes/" not in client.get("/sitemap.xml").content.decode()


def test_open_data_page_lives_once_under_a_home_page(site):
    from home.models import HomePage, OpenDataPage, StandardPage

    assert set(OpenDataPage.allowed_parent_page_models()) == {HomePage}
    assert OpenDataPage.allowed_subpage_models() == []
    assert OpenDataPage.can_create_at(site.home) and not OpenDataPage.can_create_at(site.home_en.get_parent())
    page = OpenDataPage(title="Données ouvertes", slug="donnees-ouvertes", locale=site.home.locale)
    site.home.add_child(instance=page)
    assert not OpenDataPage.can_create_at(site.home)
    assert not StandardPage.can_create_at(page)
