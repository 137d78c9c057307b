"""The events open dataset: one row per occurrence of a published event (upcoming ones unless
``from`` says otherwise), read from the materialised occurrence table. Proposals waiting for a
moderator are drafts, never live, so never here (MOD-01)."""

import datetime as dt
import json

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.opendata.columns import commune_columns, page_columns
from home.opendata.datasets import (
    Dataset,
    Filter,
    Format,
    InvalidFilter,
    commune_filter,
    iso,
    metadata,
    plain,
    read_date,
    slug_filter,
)
from home.opendata.licence import LICENCE_URL

from .listing import category_names
from .models import EventCategory, EventPage, Occurrence
from .recurrence import PARIS

COLUMNS = (
    "id",
    "title",
    "summary",
    "start",
    "end",
    "all_day",
    "status",
    "categories",
    "audience",
    "is_free",
    "price",
    "booking_url",
    "venue",
    "address",
    "commune_insee",
    "commune_name",
    "organiser",
    "latitude",
    "longitude",
    "url",
    "last_update",
)


def day_start(day):
    return dt.datetime.combine(day, dt.time(0), tzinfo=PARIS)


def example_day(days):
    """A day some days from today in Paris, for the examples of the open data page."""
    return lambda scope: (timezone.now().astimezone(PARIS).date() + dt.timedelta(days=days)).isoformat()


def occurrences(scope, filters):
    events = scope.pages(EventPage)
    if "commune" in filters:
        events = events.filter(commune=filters["commune"])
    if "category" in filters:
        events = events.filter(categories__slug=filters["category"])
    queryset = Occurrence.objects.filter(event__in=events.values("pk"))
    if "from" in filters:
        queryset = queryset.filter(end__gt=day_start(filters["from"]))
    else:
        queryset = queryset.filter(end__gt=timezone.now())
    if "to" in filters:
        if "from" in filters and filters["to"] < filters["from"]:
            raise InvalidFilter(_("to: the end date must not come before the start date."))
        queryset = queryset.filter(start__lt=day_start(filters["to"] + dt.timedelta(days=1)))
    return (
        queryset.select_related("event", "event__commune", "event__organiser", "event__venue", "event__locale")
        .prefetch_related("event__categories")
        .order_by("start", "event__title", "pk")
    )


def rows(scope, items):
    names = category_names({item.event for item in items}, scope.locale) if items else None
    result = []
    for item in items:
        event = item.event
        commune = event.commune
        result.append(
            {
                "id": str(event.translation_key),
                "title": event.title,
                "summary": event.summary,
                "start": item.start.astimezone(PARIS),
                "end": item.end.astimezone(PARIS),
                "all_day": item.all_day,
                "status": EventPage.Status.CANCELLED.value if item.cancelled else event.status,
                "categories": names(event),
                "audience": event.audience,
                "is_free": event.is_free,
                "price": event.price,
                "booking_url": event.booking_url,
                "venue": event.venue_label,
                "address": event.address,
                **commune_columns(commune),
                "organiser": event.organiser_label,
                "latitude": event.latitude,
                "longitude": event.longitude,
                **page_columns(scope, event),
            }
        )
    return result


def dataset():
    return Dataset(
        slug="events",
        title=_("Events of the agenda"),
        description=_(
            "Upcoming dates of the published events, one row per date (a recurring event keeps the "
            "same identifier on each): start and end with their time zone offset, status, "
            "categories, venue, commune (INSEE code), coordinates when known, price and booking link."
        ),
        columns=COLUMNS,
        queryset=occurrences,
        rows=rows,
        updated="event__last_published_at",
        filters=(
            commune_filter(),
            Filter("from", _("first day, YYYY-MM-DD (default: today)"), example_day(7), read_date("from")),
            Filter("to", _("last day, YYYY-MM-DD"), example_day(37), read_date("to")),
            slug_filter("category", _("slug of an event category"), "atelier", EventCategory),
        ),
        order=20,
        follows_time=True,
        extra_formats=(
            Format(
                "openagenda.json",
                _("OpenAgenda-style JSON"),
                "application/json",
                openagenda_json,
                _(
                    "One entry per event with all its upcoming dates (timings), shaped like OpenAgenda's event "
                    "exports: texts keyed by language, location with the INSEE code, status as OpenAgenda's "
                    "numbers (1 scheduled, 4 postponed, 5 full, 6 cancelled)."
                ),
            ),
            Format(
                "jsonld",
                _("schema.org JSON-LD"),
                "application/ld+json",
                schema_org_listing,
                _(
                    "An ItemList of schema.org Events, one per upcoming date, with status, attendance mode, place "
                    "with address and coordinates, organiser and price, for search engines and aggregators."
                ),
            ),
        ),
    )


# -- the shapes aggregators read ----------------------------------------------------------------

# OpenAgenda's event status numbers.
OPENAGENDA_STATUS = {"scheduled": 1, "postponed": 4, "full": 5, "cancelled": 6}
SCHEMA_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "full": "https://schema.org/EventScheduled",  # full is not a status in schema.org: offers say it
    "cancelled": "https://schema.org/EventCancelled",
}
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"


def _day_or_instant(row, name):
    """All-day dates as days (the last day included), other dates with their offset."""
    value = row[name].astimezone(PARIS)
    if not row["all_day"]:
        return iso(value)
    if name == "end":
        value -= dt.timedelta(days=1)
    return value.date().isoformat()


def openagenda_json(dataset, scope, rows, updated):
    """The rows grouped by event (same identifier): one entry with its timings, OpenAgenda-style."""
    language = scope.language
    events = {}
    for row in rows:
        entry = events.get(row["id"])
        if entry is None:
            entry = events[row["id"]] = {
                "uid": plain(row["id"]),
                "title": {language: row["title"]},
                "description": {language: row["summary"]},
                "keywords": {language: row["categories"]},
                "status": OPENAGENDA_STATUS.get(row["status"], 1),
                "attendanceMode": 1,  # on site
                "timings": [],
                "location": {
                    "name": row["venue"],
                    "address": row["address"],
                    "city": row["commune_name"],
                    "insee": row["commune_insee"],
                    "latitude": plain(row["latitude"]),
                    "longitude": plain(row["longitude"]),
                    "countryCode": "FR",
                },
                "conditions": {language: row["price"]} if row["price"] else {},
                "free": row["is_free"],
                "registration": [{"type": "link", "value": row["booking_url"]}] if row["booking_url"] else [],
                "organizer": row["organiser"],
                "audience": row["audience"],
                "canonicalUrl": row["url"],
                "updatedAt": plain(row["last_update"]),
                "_cancelled": [],
            }
        timing = {"begin": iso(row["start"].astimezone(PARIS)), "end": iso(row["end"].astimezone(PARIS))}
        # A date called off in a series is left out of the timings; a cancelled event keeps its dates.
        (entry["_cancelled"] if row["status"] == "cancelled" else entry["timings"]).append(timing)
    result = []
    for entry in events.values():
        cancelled = entry.pop("_cancelled")
        if not entry["timings"]:
            entry["timings"], entry["status"] = cancelled, OPENAGENDA_STATUS["cancelled"]
        entry["firstTiming"], entry["lastTiming"] = entry["timings"][0], entry["timings"][-1]
        result.append(entry)
    data = metadata(dataset, scope, updated, len(result))
    data.update({"total": len(result), "events": result})
    return json.dumps(data, ensure_ascii=False, indent=1)


def schema_org_listing(dataset, scope, rows, updated):
    """An ItemList of schema.org Events, one per upcoming date."""
    items = []
    for position, row in enumerate(rows, 1):
        event = {
            "@type": "Event",
            "@id": f"{row['url']}#{row['start'].astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
            "name": row["title"],
            "description": row["summary"],
            "url": row["url"],
            "startDate": _day_or_instant(row, "start"),
            "endDate": _day_or_instant(row, "end"),
            "eventStatus": SCHEMA_STATUS.get(row["status"], SCHEMA_STATUS["scheduled"]),
            "eventAttendanceMode": OFFLINE,
            "inLanguage": scope.language,
        }
        place = {"@type": "Place", "name": row["venue"] or row["commune_name"]}
        address = {"@type": "PostalAddress", "addressCountry": "FR"}
        if row["address"]:
            address["streetAddress"] = row["address"]
        if row["commune_name"]:
            address["addressLocality"] = row["commune_name"]
        place["address"] = address
        if row["latitude"] is not None and row["longitude"] is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": plain(row["latitude"]),
                "longitude": plain(row["longitude"]),
            }
        if place["name"] or len(address) > 2:
            event["location"] = place
        if row["organiser"]:
            event["organizer"] = {"@type": "Organization", "name": row["organiser"]}
        if row["is_free"]:
            event["isAccessibleForFree"] = True
            event["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "EUR", "url": row["url"]}
        elif row["price"] or row["booking_url"]:
            event["offers"] = {"@type": "Offer", "description": row["price"], "url": row["booking_url"] or row["url"]}
            if row["status"] == "full":
                event["offers"]["availability"] = "https://schema.org/SoldOut"
        if row["categories"]:
            event["keywords"] = ", ".join(row["categories"])
        items.append({"@type": "ListItem", "position": position, "item": event})
    about = metadata(dataset, scope, updated, len(items))
    data = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": about["title"],
        "description": about["description"],
        "inLanguage": scope.language,
        "license": LICENCE_URL,
        "dateModified": about["last_update"],
        "numberOfItems": len(items),
        "itemListElement": items,
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
