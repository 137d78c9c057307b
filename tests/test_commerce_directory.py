"""The merchants directory: tree rules, filters of the list and of its GeoJSON, count,
pagination and empty state, structured data, English pages, the commune page section, SIRET
checks and query counts."""

import re
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils

from commerce.models import MerchantIndexPage, MerchantPage
from commerce.validators import siret_ok, validate_siret
from home.models import HomePage, StandardPage
from tests.builders import translate
from tests.commerce_builders import ALWAYS, add_merchant, directory
from tests.directory_pages import geojson_titles, list_titles
from tests.hours_builders import exception, period
from tests.json_ld import own_json_ld

pytestmark = pytest.mark.django_db

NEVER = [period(([0], "03:00", "03:01"))]


@pytest.fixture
def shops(site):
    tree = directory(site)
    tree.merchants = {
        "fromagerie": add_merchant(
            tree.index,
            "Fromagerie du Bocage",
            tree.food,
            tree.bavay,
            tags=["Maroilles", "Beurre"],
            labels=[tree.aop],
            latitude=Decimal("50.2986"),
            longitude=Decimal("3.7911"),
            click_and_collect=True,
            card_payment=True,
            opening_hours=ALWAYS,
            introduction="Fromages affinés en cave.",
            phone="03 27 00 00 01",
            website="https://fromagerie.example",
            social_links=[{"type": "link", "value": "https://www.facebook.com/fromagerie.example"}],
            street_address="2 rue des Fromages",
        ),
        "ferme": add_merchant(
            tree.index,
            "Ferme des Trois Chênes",
            tree.farm,
            tree.quesnoy,
            tags=["Cidre", "Maroilles"],
            labels=[tree.organic],
            latitude=Decimal("50.2480"),
            longitude=Decimal("3.6400"),
            farm_sales=True,
            markets=[{"type": "market", "value": {"place": "Le Quesnoy, place du marché", "days": ["4"], "note": ""}}],
            opening_hours=NEVER,
        ),
        "epicerie": add_merchant(
            tree.index, "Épicerie de la Place", tree.food, tree.quesnoy, delivery=True, opening_hours=ALWAYS
        ),
    }
    return tree


def test_tree_rules():
    utils = WagtailTestUtils()
    assert set(MerchantIndexPage.parent_page_types) == {"home.HomePage"}
    assert MerchantPage.parent_page_types == ["commerce.MerchantIndexPage"]
    assert MerchantPage.subpage_types == []
    assert MerchantIndexPage.can_create_at(HomePage())
    assert not MerchantIndexPage.can_create_at(StandardPage())
    assert not MerchantPage.can_create_at(HomePage())
    del utils


FROMAGERIE, FERME, EPICERIE = "Fromagerie du Bocage", "Ferme des Trois Chênes", "Épicerie de la Place"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {FROMAGERIE, FERME, EPICERIE}),
        ("?commune=le-quesnoy", {FERME, EPICERIE}),
        ("?category=alimentation", {FROMAGERIE, EPICERIE}),
        ("?product=maroilles", {FROMAGERIE, FERME}),
        ("?label=ab", {FERME}),
        ("?service=farm_sales", {FERME}),
        ("?service=at_markets", {FERME}),
        ("?service=click_and_collect&service=card_payment", {FROMAGERIE}),
        ("?service=click_and_collect&service=delivery", set()),
        ("?open=1", {FROMAGERIE, EPICERIE}),
        ("?q=cidre", {FERME}),  # a product's name
        ("?q=affinés", {FROMAGERIE}),  # the summary
        ("?q=quesnoy", {FERME, EPICERIE}),  # the commune
        ("?commune=le-quesnoy&product=maroilles", {FERME}),
        ("?commune=le-quesnoy&open=1&category=alimentation", {EPICERIE}),
        ("?category=alimentation&product=maroilles&label=aop-maroilles&open=1&q=bocage", {FROMAGERIE}),
        ("?category=nonexistent&commune=nowhere&service=teleportation", {FROMAGERIE, FERME, EPICERIE}),
    ],
)
def test_filters_alone_and_combined_in_the_list_and_the_geojson(client, shops, query, expected):
    assert list_titles(client, "/fr/commerces/" + query) == expected
    located = expected - {EPICERIE}
    assert geojson_titles(client, "/fr/commerces/geojson/" + query) == located


def test_result_count_empty_state_and_form_without_javascript(client, shops):
    html = client.get("/fr/commerces/").content.decode()
    assert "3 commerces trouvés" in html or "3 businesses found" in html
    assert '<form class="filters merchant-filters" method="get"' in html
    assert "<legend>" in html  # the services are a fieldset of checkboxes
    assert 'name="service" value="farm_sales"' in html
    assert 'data-geojson-url="/fr/commerces/geojson/"' in html
    empty = client.get("/fr/commerces/?q=introuvable").content.decode()
    assert 'class="empty-state"' in empty
    assert 'data-geojson-url="/fr/commerces/geojson/?q=introuvable"' in empty


def test_directory_is_paginated(client, shops):
    for number in range(25):
        add_merchant(shops.index, f"Commerce {number:02d}", shops.food, revision=False)
    first = client.get("/fr/commerces/?category=alimentation").content.decode()
    second = client.get("/fr/commerces/?category=alimentation&page=2").content.decode()
    assert len(re.findall(r'class="place-item merchant-item"', first)) == 20
    assert len(re.findall(r'class="place-item merchant-item"', second)) == 7
    assert 'href="?category=alimentation&amp;page=2"' in first
    assert "Commerce 00" in first and "Épicerie de la Place" in second


def test_merchant_page_json_ld(client, shops):
    html = client.get("/fr/commerces/fromagerie-du-bocage/").content.decode()
    data = own_json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GroceryStore"  # the category's schema.org type
    assert data["name"] == FROMAGERIE
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "FR",
        "streetAddress": "2 rue des Fromages",
        "postalCode": "59570",
        "addressLocality": "Bavay",
    }
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 50.2986, "longitude": 3.7911}
    assert data["openingHoursSpecification"][0]["@type"] == "OpeningHoursSpecification"
    assert data["telephone"] == "03 27 00 00 01"
    assert data["url"].endswith("/fr/commerces/fromagerie-du-bocage/")
    assert data["sameAs"] == ["https://fromagerie.example", "https://www.facebook.com/fromagerie.example"]
    assert data["award"] == ["AOP Maroilles"]
    assert "Maroilles" in data["keywords"]
    assert "Ouvert maintenant" in html or "Open now" in html
    assert "Facebook" in html


def test_merchant_schema_type_overrides_the_category(client, shops):
    shops.merchants["epicerie"].schema_type = "Bakery"
    shops.merchants["epicerie"].save_revision().publish()
    data = own_json_ld(client.get("/fr/commerces/epicerie-de-la-place/").content.decode())
    assert data["@type"] == "Bakery"
    assert "geo" not in data  # no coordinates, no geo


def test_json_ld_cannot_close_its_script_element(client, shops):
    add_merchant(shops.index, "Piège", shops.food, introduction="</script><script>alert(1)</script>")
    html = client.get("/fr/commerces/piege/").content.decode()
    assert "<script>alert(1)" not in html
    assert own_json_ld(html)["description"] == "</script><script>alert(1)</script>"


def test_english_directory_lists_english_pages_with_english_names(client, shops):
    english = shops.index_en.locale
    ferme_en = translate(shops.merchants["ferme"], english, title="Three Oaks Farm", slug="three-oaks-farm")
    assert ferme_en.category_id == shops.farm.pk
    html = client.get("/en/shops/").content.decode()
    assert list_titles(client, "/en/shops/") == {"Three Oaks Farm"}
    assert "Producers" in html and "Producteurs" not in html
    assert 'href="/en/shops/three-oaks-farm/"' in html
    assert list_titles(client, "/en/shops/?label=ab&product=cidre") == {"Three Oaks Farm"}
    assert geojson_titles(client, "/en/shops/geojson/") == {"Three Oaks Farm"}
    page = client.get("/en/shops/three-oaks-farm/").content.decode()
    assert own_json_ld(page)["inLanguage"] == "en"
    assert "Organic farming (AB)" in page
    assert "Friday" in page  # the market day, in English


def test_commune_page_lists_its_merchants(client, shops):
    from home.models import CommuneIndexPage

    communes = CommuneIndexPage(title="Communes", slug="communes", locale=shops.home.locale)
    shops.home.add_child(instance=communes)
    communes.save_revision().publish()
    html = client.get("/fr/communes/le-quesnoy/").content.decode()
    assert 'id="commune-merchants"' in html
    assert FERME in html and EPICERIE in html and FROMAGERIE not in html
    assert "/fr/commerces/?commune=le-quesnoy" in html
    assert (
        'id="commune-merchants"' not in client.get("/fr/communes/bavay/").content.decode().replace(FROMAGERIE, "")
        or FROMAGERIE in client.get("/fr/communes/bavay/").content.decode()
    )


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("73282932000074", True),  # a real SIRET (INSEE's own establishment)
        ("73282932000075", False),
        ("35600000000048", True),  # La Poste's head office
        ("35600000012345", False),
        ("1234567890123", False),
        ("7328293200007A", False),
    ],
)
def test_siret_is_checked_with_the_luhn_key(value, valid):
    assert siret_ok(value) is valid
    if valid:
        validate_siret(value)
    else:
        with pytest.raises(ValidationError):
            validate_siret(value)


def test_external_id_is_unique_per_language(shops):
    first = shops.merchants["ferme"]
    first.external_id = "comptoir:1"
    first.save()
    other = shops.merchants["epicerie"]
    other.external_id = "comptoir:1"
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "external_id" in error.value.message_dict


def test_exceptions_show_on_the_merchant_page(client, shops):
    merchant = shops.merchants["epicerie"]
    merchant.opening_hours = ALWAYS + [exception("2099-12-25", note="Noël")]
    merchant.save_revision().publish()
    html = client.get("/fr/commerces/epicerie-de-la-place/").content.decode()
    assert "Noël" in html


# -- query counts ------------------------------------------------------------------------------


def queries(client, url):
    client.get(url)  # warm the caches (site root paths, settings), as in production
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_many(tree, count):
    categories, communes = [tree.food, tree.farm], [tree.bavay, tree.quesnoy]
    existing = MerchantPage.objects.count()
    for number in range(existing, count):
        add_merchant(
            tree.index,
            f"Commerce {number:03d}",
            categories[number % 2],
            communes[number % 2],
            latitude=Decimal("50.2") + Decimal(number) / 10000,
            longitude=Decimal("3.7"),
            opening_hours=ALWAYS if number % 2 else NEVER,
            tags=["Maroilles"] if number % 3 == 0 else [],
            labels=[tree.organic] if number % 4 == 0 else [],
            card_payment=bool(number % 2),
            revision=False,
        )


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?open=1",
        "?category=alimentation&commune=bavay&product=maroilles&label=ab&service=card_payment&open=1&q=commerce",
    ],
)
def test_query_count_does_not_grow_with_the_number_of_merchants(client, shops, query):
    add_many(shops, 5)
    small = (queries(client, "/fr/commerces/" + query), queries(client, "/fr/commerces/geojson/" + query))
    add_many(shops, 40)
    large = (queries(client, "/fr/commerces/" + query), queries(client, "/fr/commerces/geojson/" + query))
    assert small == large
    assert large[0] <= 25
    assert Page.objects.type(MerchantPage).count() == 40


def test_merchant_page_query_count_is_bounded(client, shops):
    url = "/fr/commerces/fromagerie-du-bocage/"
    assert queries(client, url) <= 28


@pytest.mark.parametrize("page", ["1", "2", "3", "99", "x"])
def test_open_now_list_is_the_filtered_list_read_once(client, shops, page):
    """With "open now", the ids are read once and the page, count and merchants off the map
    are read by id (commerce/queries.py): the same page as slicing the filtered queryset."""
    from commerce.queries import PER_PAGE, filter_merchants

    add_many(shops, 45)
    for number in range(3):  # open now and off the map, among the others by name
        add_merchant(shops.index, f"Commerce {number:03d} bis", shops.food, opening_hours=ALWAYS, revision=False)
    response = client.get(f"/fr/commerces/?open=1&page={page}")
    expected = list(filter_merchants(shops.index, {"open": "1"}))
    shown = response.context["page_obj"]
    assert shown.paginator.count == len(expected)
    start = (shown.number - 1) * PER_PAGE
    assert [row.pk for row in response.context["results"]] == [item.pk for item in expected[start : start + PER_PAGE]]
    off_map = [item.pk for item in expected if item.latitude is None or item.longitude is None]
    assert [item.pk for item in response.context["off_map"]] == off_map
    assert len(off_map) >= 3
