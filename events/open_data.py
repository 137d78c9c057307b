"""The events open dataset: one row per occurrence of a published event (upcoming ones unless
``from`` says otherwise), read from the materialised occurrence table. Proposals waiting for a
moderator are drafts, never live, so never here (MOD-01)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.opendata.datasets import Dataset, Filter, InvalidFilter, commune_filter, read_date, slug_filter
from home.public_urls import absolute_page_url

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
                "commune_insee": commune.insee_code if commune else "",
                "commune_name": commune.name if commune else "",
                "organiser": event.organiser_label,
                "latitude": event.latitude,
                "longitude": event.longitude,
                "url": absolute_page_url(event, scope.request),
                "last_update": event.last_published_at,
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
    )
