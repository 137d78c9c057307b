"""Discover: tree rules, filters of the list and of its GeoJSON, structured data, GPX upload,
English pages and query counts."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import Commune, HomePage, StandardPage
from tests.builders import publish, translate
from tests.json_ld import own_json_ld
from tourism.gpx import GPXError, parse_gpx
from tourism.models import PlaceIndexPage, PlaceKind, PlacePage, TrailPage
from tourism.open_now import HOURS
from tourism.queries import places_in_commune

pytestmark = pytest.mark.django_db

DEMO_GPX = Path(__file__).resolve().parent.parent / "tourism" / "demo_data" / "demo-remparts-le-quesnoy.gpx"
OPEN_WEEKDAYS = [
    {
        "type": "period",
        "value": {
            "label": "",
            "starts": None,
            "ends": None,
            "every_year": False,
            "slots": [
                {
                    "type": "item",
                    "value": {"days": [str(d) for d in range(7)], "opens": "00:00:00", "closes": "23:59:00"},
                }
            ],
        },
    }
]


@pytest.fixture
def discover(site):
    """A Discover index in French and English, two kinds, two communes."""
    french, english = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="en")
    index = PlaceIndexPage(title="Découvrir", slug="decouvrir", locale=french)
    site.home.add_child(instance=index)
    publish(index)
    site.index = index
    site.index_en = translate(index, english, title="Discover", slug="discover")
    site.museum = PlaceKind.objects.create(
        name="Musée", slug="museum", datatourisme_class="Museum", schema_type="Museum", locale=french
    )
    site.museum_en = site.museum.copy_for_translation(english)
    site.museum_en.name = "Museum"
    site.museum_en.save()
    site.heritage = PlaceKind.objects.create(
        name="Patrimoine",
        slug="heritage",
        datatourisme_class="CulturalSite",
        schema_type="LandmarksOrHistoricalBuildings",
        locale=french,
    )
    site.bavay = Commune.objects.create(
        insee_code="59053", name="Bavay", slug="bavay", postcode="59570", site=site.site
    )
    site.quesnoy = Commune.objects.create(
        insee_code="59481", name="Le Quesnoy", slug="le-quesnoy", postcode="59530", site=site.site
    )
    return site


def add_place(index, title, kind, commune=None, latitude=None, longitude=None, tags=(), revision=True, **values):
    place = PlacePage(
        title=title,
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        locale=index.locale,
        kind=kind,
        commune=commune,
        latitude=latitude,
        longitude=longitude,
        **values,
    )
    index.add_child(instance=place)
    if tags:
        place.tags.set(list(tags))
        place.save()
    if revision:
        return publish(place)
    # Live without a revision (as the bench builds its tree): visitors are served the page
    # itself, and its "open now" rows are built as publishing would.
    HOURS.rebuild(place)
    return place


@pytest.fixture
def places(discover):
    index = discover.index
    return {
        "forum": add_place(
            index,
            "Forum antique",
            discover.museum,
            discover.bavay,
            Decimal("50.2986"),
            Decimal("3.7911"),
            tags=["Époque romaine"],
            access_mobility=True,
            opening_hours=OPEN_WEEKDAYS,
        ),
        "marbre": add_place(index, "Musée du marbre", discover.museum, discover.bavay, access_mobility=True),
        "remparts": add_place(
            index,
            "Remparts",
            discover.heritage,
            discover.quesnoy,
            Decimal("50.2497"),
            Decimal("3.6383"),
            tags=["Vauban"],
        ),
        "nz": add_place(
            index,
            "Musée néo-zélandais",
            discover.museum,
            discover.quesnoy,
            Decimal("50.2480"),
            Decimal("3.6400"),
            introduction="Les soldats ont escaladé les remparts.",
        ),
    }


def list_titles(client, url):
    html = client.get(url).content.decode()
    return set(re.findall(r'<h3 class="place-item__title"><a href="[^"]+">([^<]+)</a>', html))


def geojson_titles(client, url):
    response = client.get(url)
    assert response["Content-Type"] == "application/geo+json"
    return {feature["properties"]["name"] for feature in json.loads(response.content)["features"]}


# -- tree rules ---------------------------------------------------------------------------------


def test_tree_rules():
    assert PlaceIndexPage.allowed_parent_page_models() == [HomePage]
    assert set(PlaceIndexPage.allowed_subpage_models()) == {PlacePage, TrailPage}
    assert PlacePage.allowed_parent_page_models() == [PlaceIndexPage]
    assert TrailPage.allowed_parent_page_models() == [PlaceIndexPage]
    assert PlacePage.allowed_subpage_models() == []
    assert TrailPage.allowed_subpage_models() == []


def test_one_discover_index_per_home_and_nowhere_else(discover):
    assert not PlaceIndexPage.can_create_at(discover.home)
    page = StandardPage(title="À propos", slug="a-propos", locale=discover.home.locale)
    discover.home.add_child(instance=page)
    assert not PlaceIndexPage.can_create_at(page)
    assert not PlacePage.can_create_at(discover.home)
    assert PlacePage.can_create_at(discover.index)
    assert TrailPage.can_create_at(discover.index)


# -- coordinates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [("3.6383", "50.2497", "latitude"), ("50.2497", None, "longitude"), ("95", "3.6", "latitude")],
)
def test_coordinates_are_validated(discover, latitude, longitude, field):
    from django.core.exceptions import ValidationError

    place = PlacePage(
        title="Lieu",
        slug="lieu",
        kind=discover.museum,
        locale=discover.index.locale,
        latitude=Decimal(latitude) if latitude else None,
        longitude=Decimal(longitude) if longitude else None,
    )
    with pytest.raises(ValidationError) as error:
        place.full_clean(exclude=["path", "depth"])
    assert field in error.value.message_dict


# -- filters: the list and the GeoJSON show the same places -----------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"forum", "marbre", "remparts", "nz"}),
        ("kind=museum", {"forum", "marbre", "nz"}),
        ("commune=le-quesnoy", {"remparts", "nz"}),
        ("tag=vauban", {"remparts"}),
        ("access=mobility", {"forum", "marbre"}),
        ("open=1", {"forum"}),
        ("q=remparts", {"remparts", "nz"}),
        ("kind=museum&commune=le-quesnoy", {"nz"}),
        ("kind=museum&commune=bavay&access=mobility", {"forum", "marbre"}),
        ("kind=museum&commune=bavay&open=1", {"forum"}),
        ("kind=heritage&tag=epoque-romaine", set()),
        ("kind=unknown", {"forum", "marbre", "remparts", "nz"}),  # an unknown value is ignored
    ],
)
def test_filters_give_the_same_places_in_the_list_and_the_geojson(client, places, query, expected):
    titles = {key: place.title for key, place in places.items()}
    on_map = {key for key, place in places.items() if place.has_coordinates}
    assert list_titles(client, f"/fr/decouvrir/?{query}") == {titles[key] for key in expected}
    assert geojson_titles(client, f"/fr/decouvrir/geojson/?{query}") == {titles[key] for key in expected & on_map}


def test_list_shows_count_empty_state_and_places_off_the_map(client, places):
    html = client.get("/fr/decouvrir/").content.decode()
    assert re.search(r'<p class="result-count" role="status">4 [^<]+</p>', html)
    assert html.count("place-item__note") == 1  # the marble museum has no coordinates
    assert 'data-geojson-url="/fr/decouvrir/geojson/"' in html
    filtered = client.get("/fr/decouvrir/?kind=museum&commune=le-quesnoy").content.decode()
    assert 'data-geojson-url="/fr/decouvrir/geojson/?kind=museum&amp;commune=le-quesnoy"' in filtered
    empty = client.get("/fr/decouvrir/?kind=heritage&tag=epoque-romaine").content.decode()
    assert 'class="empty-state"' in empty


def test_list_is_paginated(client, discover):
    for number in range(25):
        add_place(discover.index, f"Lieu {number:02d}", discover.museum, discover.bavay)
    first = client.get("/fr/decouvrir/?kind=museum").content.decode()
    assert first.count('class="place-item"') == 20
    assert 'href="?kind=museum&amp;page=2"' in first
    second = client.get("/fr/decouvrir/?kind=museum&page=2").content.decode()
    assert second.count('class="place-item"') == 5


def test_geojson_is_valid(client, places):
    data = json.loads(client.get("/fr/decouvrir/geojson/").content)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 3
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        assert isinstance(longitude, float) and isinstance(latitude, float)
        assert 2 < longitude < 5 and 49 < latitude < 51  # [longitude, latitude], RFC 7946
        assert feature["properties"]["url"].startswith("/fr/decouvrir/")
        assert feature["properties"]["kind"] in {"Musée", "Patrimoine"}


# -- place pages ---------------------------------------------------------------------------------


def test_place_page_json_ld(client, places):
    html = client.get(places["forum"].url).content.decode()
    data = own_json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Museum"
    assert data["additionalType"] == "https://www.datatourisme.gouv.fr/ontology/core#Museum"
    assert data["name"] == "Forum antique"
    assert data["url"] == "http://testserver/fr/decouvrir/forum-antique/"
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "FR",
        "postalCode": "59570",
        "addressLocality": "Bavay",
    }
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 50.2986, "longitude": 3.7911}
    assert data["openingHoursSpecification"][0]["opens"] == "00:00:00"
    assert len(data["openingHoursSpecification"][0]["dayOfWeek"]) == 7
    assert data["amenityFeature"][0]["value"] is True
    assert data["keywords"] == "Époque romaine"


def test_json_ld_cannot_close_its_script_element(client, discover):
    place = add_place(discover.index, "Lieu", discover.museum, introduction="</script><script>alert(1)</script>")
    html = client.get(place.url).content.decode()
    assert "<script>alert(1)" not in html
    assert own_json_ld(html)["description"] == "</script><script>alert(1)</script>"


def test_place_page_shows_hours_and_nearby_places(client, places):
    html = client.get(places["remparts"].url).content.decode()
    nearby = html.split('id="nearby-title"')[1].split("</section>")[0]
    # Nearest first, with the distance: the museum is 0.2 km away, the forum about 11 km.
    assert nearby.index("Musée néo-zélandais") < nearby.index("Forum antique")
    assert "(0,2 km)" in nearby
    assert "Musée du marbre" not in nearby  # no coordinates: never placed by guess
    forum = client.get(places["forum"].url).content.decode()
    assert '<table class="table opening-hours">' in forum
    assert "Ouvert maintenant" in forum or "Open now" in forum


def test_nearby_places_at_the_same_spot_with_the_same_title_do_not_break_the_page(client, places, discover):
    # Regression: ties on distance and title made Python compare the pages themselves (500).
    for slug in ("lavoir", "lavoir-bis"):
        place = PlacePage(
            title="Lavoir",
            slug=slug,
            locale=discover.index.locale,
            kind=discover.heritage,
            commune=discover.quesnoy,
            latitude=Decimal("50.2490"),
            longitude=Decimal("3.6390"),
        )
        discover.index.add_child(instance=place)
        publish(place)
    response = client.get(places["remparts"].url)
    assert response.status_code == 200
    assert response.content.decode().split('id="nearby-title"')[1].count("Lavoir") == 2


def test_places_in_commune_for_the_agenda(places, discover):
    assert [place.title for place in places_in_commune(discover.quesnoy, "fr")] == ["Musée néo-zélandais", "Remparts"]


# -- English -------------------------------------------------------------------------------------


def test_english_pages_are_translations_with_english_kind_names(client, places, discover):
    english = Locale.objects.get(language_code="en")
    forum_en = translate(places["forum"], english, title="Roman Forum", slug="roman-forum")
    html = client.get("/en/discover/").content.decode()
    assert '<html lang="en"' in html
    assert "Roman Forum" in html
    assert "Museum" in html and "Musée<" not in html
    data = json.loads(client.get("/en/discover/geojson/?kind=museum").content)
    assert [feature["properties"]["name"] for feature in data["features"]] == ["Roman Forum"]
    assert data["features"][0]["properties"]["kind"] == "Museum"
    page = client.get(forum_en.url).content.decode()
    assert own_json_ld(page)["inLanguage"] == "en"
    assert "Open now" in page


# -- GPX -----------------------------------------------------------------------------------------


def test_parse_valid_gpx():
    trace = parse_gpx(DEMO_GPX.read_bytes())
    assert trace["geometry"]["type"] == "LineString"
    assert 2 < trace["length_km"] < 6
    assert trace["is_loop"] is True
    assert trace["elevation_gain_m"] is None
    assert all(len(pair) == 2 for pair in trace["geometry"]["coordinates"])


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<gpx><trk><trkseg><trkpt lat='50' lon=", "malformed"),
        (b"this is not xml", "malformed"),
        (
            b'<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"></gpx>',
            "no_track",
        ),
        (b"<gpx>" + b" " * (6 * 1024 * 1024) + b"</gpx>", "too_large"),
    ],
)
def test_bad_gpx_gives_a_clear_error(data, code):
    with pytest.raises(GPXError) as error:
        parse_gpx(data)
    assert error.value.code == code


def trail_form(index, upload, user):
    form_class = TrailPage.get_edit_handler().get_form_class()
    data = nested_form_data(
        {
            "title": "Boucle",
            "slug": "boucle",
            "introduction": "",
            "body": streamfield([]),
            "activity": "walk",
            "difficulty": "easy",
            "start_description": "",
            "comments": inline_formset([]),
        }
    )
    return form_class(
        data, {"gpx_file": upload}, instance=TrailPage(locale=index.locale), parent_page=index, for_user=user
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"<gpx><trk>", "not a readable GPX"),
        (b"<gpx>" + b" " * (6 * 1024 * 1024) + b"</gpx>", "too large"),
    ],
)
def test_trail_form_refuses_a_bad_gpx_and_saves_nothing(discover, admin_user, content, message):
    from django.utils import translation

    with translation.override("en"):
        form = trail_form(discover.index, SimpleUploadedFile("trace.gpx", content), admin_user)
        assert not form.is_valid()
        assert message in " ".join(form.errors["gpx_file"]) or (message == "empty" and form.errors["gpx_file"])
    assert not TrailPage.objects.exists()


def test_trail_form_reads_a_good_gpx(client, discover, admin_user):
    form = trail_form(discover.index, SimpleUploadedFile("trace.gpx", DEMO_GPX.read_bytes()), admin_user)
    assert form.is_valid(), form.errors
    trail = form.save(commit=False)
    discover.index.add_child(instance=trail)
    publish(trail)
    assert trail.line["type"] == "LineString"
    assert trail.is_loop and trail.distance_km > 2
    html = client.get(trail.url).content.decode()
    data = own_json_ld(html)
    assert data["@type"] == "TouristTrip"
    assert data["additionalType"].endswith("#WalkingTour")
    assert "GeoShape" in json.dumps(data)
    download = client.get(trail.url + "gpx/")
    assert download["Content-Type"] == "application/gpx+xml"
    assert "attachment" in download["Content-Disposition"]
    line = json.loads(client.get(trail.url + "geojson/").content)
    assert line["features"][0]["geometry"]["type"] == "LineString"


# -- query counts ------------------------------------------------------------------------------


def queries(client, url):
    client.get(url)  # warm the caches (site root paths, settings), as in production
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_many(discover, count):
    kinds = [discover.museum, discover.heritage]
    communes = [discover.bavay, discover.quesnoy]
    existing = PlacePage.objects.count()
    for number in range(existing, count):
        add_place(
            discover.index,
            f"Lieu {number:03d}",
            kinds[number % 2],
            communes[number % 2],
            Decimal("50.2") + Decimal(number) / 10000,
            Decimal("3.7"),
            opening_hours=OPEN_WEEKDAYS,
            tags=["Vauban"] if number % 3 == 0 else [],
            revision=False,
        )


@pytest.mark.parametrize("query", ["", "?kind=museum&commune=bavay&tag=vauban&open=1&q=lieu&access="])
def test_query_count_does_not_grow_with_the_number_of_places(client, discover, query):
    add_many(discover, 20)
    small = (queries(client, "/fr/decouvrir/" + query), queries(client, "/fr/decouvrir/geojson/" + query))
    add_many(discover, 200)
    large = (queries(client, "/fr/decouvrir/" + query), queries(client, "/fr/decouvrir/geojson/" + query))
    assert small == large
    assert Page.objects.type(PlacePage).count() == 200
