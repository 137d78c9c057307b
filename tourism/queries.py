"""Finding places: the filters of the Discover list, the same filters for its GeoJSON, places
near a place or along a trail, and the places of a commune (for the Agenda's commune pages).

Every function runs a fixed number of queries, whatever the number of places.
"""

import datetime as dt
import math
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from home.chrome import active_locale
from home.directory.geojson import feature_collection, off_the_map, on_the_map
from home.directory.opens_next import opening_status
from home.directory.pages import listing_context
from home.keywords import named_tags
from home.listing_filters import read_choices, read_open_and_words
from home.localized_names import localized_names
from home.models import Commune
from tourism.gpx import distance_to_line_m, haversine_m

from .models import PlaceKind, PlacePage, PlacePageTag, TrailPage
from .open_now import HOURS

PER_PAGE = 20
FILTERS = ("kind", "commune", "tag", "access", "open", "q")
SELECT_FILTERS = ("kind", "commune", "tag", "access")
ACCESS_OPTIONS = [
    ("mobility", _("Wheelchair users")),
    ("hearing", _("Deaf and hard-of-hearing visitors")),
    ("sight", _("Blind and partially sighted visitors")),
    ("mental", _("Visitors with learning disabilities")),
]


def live_places(index):
    return PlacePage.objects.live().child_of(index)


def kind_names(kinds, locale=None):
    """Names of kinds in ``locale`` (the active language by default), in one query."""
    return localized_names(kinds, PlaceKind, locale)


def kind_name(kind):
    return kind_names([kind])[kind.pk]


def filter_choices(index, locale=None):
    """The options the filter form offers: only kinds, communes and tags some place uses."""
    places = live_places(index)
    kinds = list(PlaceKind.objects.filter(pk__in=places.values("kind_id")))
    names = kind_names(kinds, locale)
    communes = Commune.objects.filter(pk__in=places.values("commune_id")).order_by("name")
    tags = (
        PlacePageTag.objects.filter(content_object__in=places)
        .values_list("tag_id", "tag__slug", "tag__name")
        .distinct()
    )
    return {
        "kind": sorted(((kind.slug, names[kind.pk]) for kind in kinds), key=lambda item: item[1].lower()),
        "commune": [(commune.slug, commune.name) for commune in communes],
        "tag": [(tag.slug, tag.name) for tag in named_tags(tags)],
        "access": [(value, label) for value, label in ACCESS_OPTIONS],
    }


def read_filters(request, choices):
    """The filters of the GET form that name something that exists; anything else is ignored."""
    return read_open_and_words(request, read_choices(request, choices, SELECT_FILTERS))


def filter_places(index, filters, now=None):
    """The live places of ``index`` matching ``filters``, ordered by title."""
    places = live_places(index)
    if "kind" in filters:
        places = places.filter(kind__slug=filters["kind"])
    if "commune" in filters:
        places = places.filter(commune__slug=filters["commune"])
    if "tag" in filters:
        tagged = PlacePageTag.objects.filter(tag__slug=filters["tag"]).values("content_object_id")
        places = places.filter(pk__in=tagged)
    if "access" in filters:
        places = places.filter(**{f"access_{filters['access']}": True})
    if "q" in filters:
        text = filters["q"]
        places = places.filter(
            Q(title__icontains=text) | Q(introduction__icontains=text) | Q(commune__name__icontains=text)
        )
    if "open" in filters:
        # Decided by the database from the hours rows (home/directory/open_now.py), one query
        # whatever the number of places.
        places = places.filter(HOURS.open_now_q(now))
    return places.order_by("title", "pk")


def filter_form(choices, filters):
    labels = {"kind": _("Kind of place"), "commune": _("Commune"), "tag": _("Keyword"), "access": _("Accessible to")}
    return [
        {"name": name, "label": labels[name], "options": choices[name], "selected": filters.get(name, "")}
        for name in SELECT_FILTERS
        if choices[name]
    ]


def listing(index, request, now=None):
    """Everything the Discover page shows: the form, the count, one page of places (each with
    its kind's name and whether it is open now), the trails, and the GeoJSON address for the
    map with the same filters."""
    locale = active_locale(request)
    choices = filter_choices(index, locale)
    filters = read_filters(request, choices)
    now = now or dt.datetime.now(tz=dt.UTC)
    places = filter_places(index, filters, now).select_related("commune", "kind")
    page_obj = Paginator(places, PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    names = kind_names({row.kind for row in rows}, locale)
    for row in rows:
        row.kind_label = names.get(row.kind_id, "")
        row.open_now = row.hours.is_open(now)
        row.opening = opening_status(row.hours, now)
    off_map = list(off_the_map(places))
    context = listing_context(filters, filter_form(choices, filters), page_obj, rows, urlencode(filters), off_map)
    context["trails"] = TrailPage.objects.live().child_of(index).order_by("title")
    return context


def places_geojson(index, request, now=None):
    """The places of the list that have coordinates, as a GeoJSON FeatureCollection (RFC 7946:
    [longitude, latitude], WGS84). Places without coordinates are in the list, never here."""
    locale = active_locale(request)
    choices = filter_choices(index, locale)
    filters = read_filters(request, choices)
    places = list(
        on_the_map(filter_places(index, filters, now), "kind__translation_key", "kind__name").select_related("kind")
    )
    names = kind_names({place.kind for place in places}, locale)
    return feature_collection(places, request, lambda place: names[place.kind_id])


def places_near(place, limit=5, within_km=15):
    """Other places of the same language, nearest first with their distance in km; for a place
    without coordinates, the other places of its commune (distance None)."""
    others = PlacePage.objects.live().filter(locale_id=place.locale_id).exclude(pk=place.pk).select_related("commune")
    if not place.has_coordinates:
        if place.commune_id is None:
            return []
        return [(other, None) for other in others.filter(commune_id=place.commune_id).order_by("title")[:limit]]
    # Only the places inside a box around this one are read (not every place of the language):
    # a degree of latitude is 111 km, one of longitude 111 km × cos(latitude).
    lat, lon = float(place.latitude), float(place.longitude)
    dlat = within_km / 111.0
    dlon = within_km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
    candidates = others.filter(latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon))
    distances = sorted(
        (
            (haversine_m(place.latitude, place.longitude, other.latitude, other.longitude) / 1000, other)
            for other in candidates
        ),
        # Same distance: by title, then by id (pages themselves cannot be compared).
        key=lambda item: (item[0], item[1].title, item[1].pk),
    )
    return [(other, round(km, 1)) for km, other in distances if km <= within_km][:limit]


def places_along(trail, within_m=1000):
    """Places with coordinates within ``within_m`` of the trail's line, nearest first."""
    if not trail.line:
        return []
    line = trail.line["coordinates"]
    candidates = PlacePage.objects.live().filter(
        locale_id=trail.locale_id, latitude__isnull=False, longitude__isnull=False
    )
    found = []
    for place in candidates:
        metres = distance_to_line_m(place.latitude, place.longitude, line)
        if metres <= within_m:
            found.append((round(metres), place))
    found.sort(key=lambda item: (item[0], item[1].title, item[1].pk))
    return [(place, metres) for metres, place in found]


def trails_near(place, within_km=3):
    """Trails of the place's language whose line passes within ``within_km`` of it, nearest
    first with that distance in km; for a place without coordinates, the trails that start in
    its commune (distance None). One query: trails are few, each read with its line."""
    trails = TrailPage.objects.live().filter(locale_id=place.locale_id)
    if not place.has_coordinates:
        if place.commune_id is None:
            return []
        return [(trail, None) for trail in trails.filter(start_commune_id=place.commune_id).order_by("title")]
    found = []
    for trail in trails.exclude(line__isnull=True):
        metres = distance_to_line_m(place.latitude, place.longitude, trail.line["coordinates"])
        if metres <= within_km * 1000:
            found.append((metres, trail.title, trail.pk, trail))
    found.sort(key=lambda item: item[:3])
    return [(trail, round(metres / 1000, 1)) for metres, _title, _pk, trail in found]


def places_in_commune(commune, locale):
    """The live places of a commune in one language (a Locale or a language code), by title:
    for the commune pages and event venues of the Agenda."""
    if isinstance(locale, str):
        locale = Locale.objects.get(language_code=locale)
    return PlacePage.objects.live().filter(commune=commune, locale=locale).select_related("kind").order_by("title")


FEATURED_ON_HOME = 3


def featured_pages(home):
    """The featured places and trails under ``home`` (one site, one language), most recently
    published first: one query for each kind of page."""
    found = []
    for model in (PlacePage, TrailPage):
        found += (
            model.objects.live()
            .public()
            .descendant_of(home)
            .filter(featured=True)
            .select_related("listing_image")
            .order_by("-first_published_at", "-pk")[:FEATURED_ON_HOME]
        )
    found.sort(key=lambda page: (page.first_published_at, page.pk), reverse=True)
    return found[:FEATURED_ON_HOME]
