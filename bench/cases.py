"""The URLs the benchmark measures, one case each.

To add a case, write a function that takes the built tree (bench.tree.SyntheticTree) and
returns the URL to request, and decorate it with ``@case("name")``. When the case needs more
content than the tree has (events, say), pass ``setup=``: a function of the tree, called once
for each tree size (``tree.size``) before the case is measured, that creates that content.
Cases are measured in the order they are declared here.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    url: Callable
    setup: Callable | None = None
    # Called before every timed request (e.g. to clear the cache for a cold measurement).
    before_each: Callable | None = None
    # A function (client, url) -> headers for every request (e.g. If-None-Match for a 304).
    headers: Callable | None = None
    # Settings overridden while the case is measured (e.g. the page cache turned on).
    settings: dict | None = None


CASES = []


def case(name, setup=None, before_each=None, headers=None, settings=None):
    """Register the decorated function (tree -> URL) as a case called ``name``."""

    def register(url):
        CASES.append(Case(name, url, setup, before_each, headers, settings))
        return url

    return register


@case("bare")
def bare(tree):
    """A bare Django view (no database, no template): the floor every other case is compared with."""
    return "/bench/bare/"


@case("home-fr")
def home_fr(tree):
    """The French home page: header menu, key figures and a card per section."""
    return "/fr/"


@case("home-en")
def home_en(tree):
    """The English home page, a translation of the French one."""
    return "/en/"


@case("home-fr-page-cache", settings={"HUB_PAGE_CACHE": True})
def home_fr_page_cache(tree):
    """The French home page for a visitor without cookies, served by the page cache (on in
    production, off under the test settings the benchmark runs with) after the warm-up."""
    return "/fr/"


@case("standard-deep")
def standard_deep(tree):
    """A standard page two levels below the home page, among its section's many siblings."""
    return tree.deep.url


def add_places(tree):
    """Two places per standard page (2,000 for --n 1000), half with coordinates and hours (their
    "open now" rows built as publishing would), under a Discover index: the list and its GeoJSON
    must make as many queries as with 20 places."""
    from decimal import Decimal

    from wagtail.models import Locale

    from tourism.models import PlaceIndexPage, PlaceKind, PlacePage
    from tourism.open_now import HOURS

    french = Locale.objects.get(language_code="fr")
    index = PlaceIndexPage.objects.child_of(tree.home).first()
    if index is None:
        index = PlaceIndexPage(title="Découvrir", slug="decouvrir", locale=french)
        tree.home.add_child(instance=index)
    kind, _created = PlaceKind.objects.get_or_create(
        slug="heritage", locale=french, defaults={"name": "Patrimoine", "datatourisme_class": "CulturalSite"}
    )
    hours = [
        {
            "type": "period",
            "value": {"slots": [{"type": "item", "value": {"days": ["1", "2"], "opens": "09:00", "closes": "18:00"}}]},
        }
    ]
    created = []
    for number in range(PlacePage.objects.count(), 2 * tree.size):
        located = number % 2 == 0
        place = index.add_child(
            instance=PlacePage(
                title=f"Lieu {number:05d}",
                slug=f"lieu-{number:05d}",
                locale=french,
                kind=kind,
                latitude=Decimal("50.2") + Decimal(number % 500) / 5000 if located else None,
                longitude=Decimal("3.7") + Decimal(number % 300) / 5000 if located else None,
                opening_hours=hours if located else [],
            )
        )
        created.append(place)
    # Saved live without publishing: build their "open now" rows as publishing would.
    HOURS.rebuild_all(created)


@case("places-list", setup=add_places)
def places_list(tree):
    """The Discover list with a filter, 20 places per page."""
    return "/fr/decouvrir/?kind=heritage&open=1"


@case("places-geojson", setup=add_places)
def places_geojson(tree):
    """The GeoJSON of the map, every place with coordinates."""
    return "/fr/decouvrir/geojson/?kind=heritage"


def add_events(tree):
    """Two events per standard page (2,000 for --n 1000), one in five weekly for ten weeks, half of
    them in a "half" category: the agenda's first page and the feeds over many events."""
    import datetime as dt

    from django.utils import timezone

    from wagtail.models import Locale

    from events.models import EventCategory, EventIndexPage, EventPage
    from events.occurrences import rebuild

    french = Locale.objects.get(language_code="fr")
    index = EventIndexPage.objects.child_of(tree.home).first()
    if index is None:
        index = EventIndexPage(title="Agenda", slug="agenda", locale=french)
        tree.home.add_child(instance=index)
    half, _created = EventCategory.objects.get_or_create(slug="moitie", locale=french, defaults={"name": "Moitié"})
    today = timezone.localdate()
    for number in range(EventPage.objects.count(), 2 * tree.size):
        start = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1 + number % 90), dt.time(14)))
        event = EventPage(
            title=f"Événement {number:05d}",
            slug=f"evenement-{number:05d}",
            locale=french,
            summary="Un événement du banc d'essai.",
            start=start,
            end=start + dt.timedelta(hours=2),
            frequency="weekly" if number % 5 == 0 else "none",
            count=10 if number % 5 == 0 else None,
        )
        index.add_child(instance=event)
        if number % 2 == 0:
            event.categories = [half]
            event.save()
        rebuild(event)  # saved live without publishing: build its occurrences as publishing would


@case("agenda", setup=add_events)
def agenda(tree):
    """The agenda's first page: 20 upcoming dates among the occurrences of every event."""
    return "/fr/agenda/"


@case("event-page", setup=add_events)
def event_page(tree):
    """An event page: a weekly event with its dates, categories, breadcrumbs and menus."""
    from events.models import EventPage

    return EventPage.objects.filter(frequency="weekly").order_by("path").first().url


def clear_cache():
    from django.core.cache import cache

    cache.clear()


def feed_etag(client, url):
    return {"HTTP_IF_NONE_MATCH": client.get(url)["ETag"]}


@case("feed-cold", setup=add_events, before_each=clear_cache)
def feed_cold(tree):
    """The iCal feed of half the events (1,000 for --n 1000), built from scratch every time."""
    return "/feeds/fr/categories/moitie.ics"


def bump_feed_version():
    from events.feeds import cache

    cache.invalidate()


@case("feed-after-publish", setup=add_events, before_each=bump_feed_version)
def feed_after_publish(tree):
    """The same feed rendered again after a publish elsewhere (the feeds' version bumped): the
    body is rebuilt, the events' VEVENT fragments are still cached."""
    return "/feeds/fr/categories/moitie.ics"


@case("feed-warm", setup=add_events)
def feed_warm(tree):
    """The same feed served from the cache."""
    return "/feeds/fr/categories/moitie.ics"


@case("feed-304", setup=add_events, headers=feed_etag)
def feed_not_modified(tree):
    """The same feed asked again by a calendar that has it: 304 Not Modified."""
    return "/feeds/fr/categories/moitie.ics"


def add_merchants(tree):
    """Three merchants per standard page (3,000 for --n 1000) under a directory, two categories,
    most with coordinates and opening hours (a bar open past midnight, a shop with a summer
    season and a Christmas closure, a quarter open round the clock, a quarter without hours),
    their "open now" rows built as publishing would: the directory, filtered or not, must make
    as many queries as with 30 merchants."""
    from decimal import Decimal

    from wagtail.models import Locale

    from commerce.models import MerchantCategory, MerchantIndexPage, MerchantPage
    from commerce.open_now import rebuild_all_hours

    french = Locale.objects.get(language_code="fr")
    index = MerchantIndexPage.objects.child_of(tree.home).first()
    if index is None:
        index = MerchantIndexPage(title="Commerces et producteurs", slug="commerces", locale=french)
        tree.home.add_child(instance=index)
    categories = [
        MerchantCategory.objects.get_or_create(
            slug=slug, locale=french, defaults={"name": name, "schema_type": schema_type}
        )[0]
        for slug, name, schema_type in (
            ("alimentation", "Commerces alimentaires", "GroceryStore"),
            ("restaurants-cafes", "Restaurants et cafés", "BarOrPub"),
        )
    ]

    def slot(days, opens, closes):
        return {"type": "item", "value": {"days": days, "opens": opens, "closes": closes}}

    shop = [
        {"type": "period", "value": {"slots": [slot(["1", "2", "3", "4", "5"], "09:00", "19:00")]}},
        {
            "type": "period",
            "value": {
                "label": "Été",
                "starts": "2026-07-01",
                "ends": "2026-08-31",
                "every_year": True,
                "slots": [slot(["0", "1", "2", "3", "4", "5", "6"], "08:00", "20:00")],
            },
        },
        {"type": "exception", "value": {"starts": "2026-12-25", "closed": True}},
    ]
    bar = [{"type": "period", "value": {"slots": [slot(["1", "2", "3", "4", "5"], "17:00", "01:00")]}}]
    # Open at any hour the bench runs, so "open now" always has results to page through.
    always = [{"type": "period", "value": {"slots": [slot([str(day) for day in range(7)], "00:00", "23:59")]}}]
    created = []
    for number in range(MerchantPage.objects.count(), 3 * tree.size):
        located = number % 4 != 3
        page = MerchantPage(
            title=f"Commerce {number:05d}",
            slug=f"commerce-{number:05d}",
            locale=french,
            category=categories[(number // 2) % 2],
            latitude=Decimal("50.2") + Decimal(number % 500) / 5000 if located else None,
            longitude=Decimal("3.7") + Decimal(number % 300) / 5000 if located else None,
            opening_hours=(shop, bar, always, [])[number % 4],
            card_payment=number % 2 == 0,
        )
        index.add_child(instance=page)
        created.append(page)
    # Saved live without publishing: build their "open now" rows as publishing would.
    rebuild_all_hours(created)


@case("merchants-list", setup=add_merchants)
def merchants_list(tree):
    """The merchants directory's first page, 20 of every merchant, with the map's address."""
    return "/fr/commerces/"


@case("merchants-open-now", setup=add_merchants)
def merchants_open_now(tree):
    """The directory filtered on "open now" (database query) and a category and a service."""
    return "/fr/commerces/?open=1&category=restaurants-cafes&service=card_payment"


@case("merchants-geojson", setup=add_merchants)
def merchants_geojson(tree):
    """The GeoJSON of the map, every merchant open now with coordinates."""
    return "/fr/commerces/geojson/?open=1"
