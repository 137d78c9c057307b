"""schema.org JSON-LD of an event page, so that search engines and aggregators list the
territory's events (Google's "Event" rich results, DATAtourisme-style aggregators).

A one-off event is one ``Event``; a series is one ``Event`` per upcoming occurrence (at most
``OCCURRENCES``, the dates the page lists), each with its own status, since schema.org has no
reliable way to say "every Tuesday except…" that consumers read. Dates carry their UTC offset
(Europe/Paris, summer or winter time); all-day events give dates only, ``endDate`` being the
last day. The template prints each object with ``{% json_ld %}``.
"""

import datetime as dt
import re

from home.directory.schema import geo_coordinates, postal_address
from home.images import page_image_url
from home.public_urls import absolute_page_url
from home.text import plain_text

from .models import EventPage
from .recurrence import PARIS, duration, is_recurring, local

SCHEMA = "https://schema.org/"
OCCURRENCES = 12  # as many as the page lists
STATUS = {
    EventPage.Status.SCHEDULED: "EventScheduled",
    EventPage.Status.FULL: "EventScheduled",  # full is said by the offer's availability
    EventPage.Status.POSTPONED: "EventPostponed",
    EventPage.Status.RESCHEDULED: "EventRescheduled",
    EventPage.Status.CANCELLED: "EventCancelled",
}
AMOUNT = re.compile(r"\d+(?:[.,]\d{1,2})?")


def event_json_ld(event, request, upcoming):
    """The page's Event objects: ``upcoming`` is the page's list of next occurrences."""
    base = common_properties(event, request)
    if not is_recurring(event):
        start = local(event.start)
        cancelled = event.is_cancelled or start.date() in set(event.cancelled_date_list())
        return [dated(base, start, start + duration(event), event.all_day, cancelled, event)]
    return [
        dated(base, item.start, item.end, item.all_day, item.cancelled or event.is_cancelled, event)
        for item in upcoming[:OCCURRENCES]
    ]


def dated(base, start, end, all_day, cancelled, event):
    data = dict(base)
    start, end = local(start), local(end)
    if all_day:
        data["startDate"] = start.date().isoformat()
        data["endDate"] = (end - dt.timedelta(days=1)).date().isoformat()  # the last day, inclusive
    else:
        data["startDate"] = start.isoformat()
        data["endDate"] = end.isoformat()
    data["@id"] = f"{base['url']}#{start.astimezone(PARIS):%Y-%m-%dT%H%M}"
    data["eventStatus"] = SCHEMA + ("EventCancelled" if cancelled else STATUS.get(event.status, "EventScheduled"))
    return data


def common_properties(event, request):
    url = absolute_page_url(event, request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "inLanguage": event.locale.language_code,
        "eventAttendanceMode": SCHEMA + attendance_mode(event),
        "location": locations(event, request),
    }
    summary = plain_text(event.summary).strip()
    if summary:
        data["description"] = summary
    image = page_image_url(event, request)
    if image:
        data["image"] = image
    organiser = organizer(event)
    if organiser:
        data["organizer"] = organiser
    offer = offers(event, url)
    if offer:
        data["offers"] = offer
    if event.is_free:
        data["isAccessibleForFree"] = True
    return data


def has_place(event):
    return bool(event.venue_label or event.address or event.commune_id or event.latitude is not None)


def attendance_mode(event):
    if event.online_url and has_place(event):
        return "MixedEventAttendanceMode"
    if event.online_url:
        return "OnlineEventAttendanceMode"
    return "OfflineEventAttendanceMode"


def locations(event, request):
    """A Place with its address and coordinates, a VirtualLocation, or both."""
    found = []
    if has_place(event) or not event.online_url:
        place = {
            "@type": "Place",
            "name": event.venue_label or (event.commune.name if event.commune_id else ""),
            "address": postal_address(event.address, event.commune if event.commune_id else None),
        }
        if event.latitude is not None and event.longitude is not None:
            place["geo"] = geo_coordinates(event.latitude, event.longitude)
        if event.venue_id and event.venue:
            venue = event.venue.localized  # the place's page in the event's language, as linked
            if venue.live:
                place["url"] = absolute_page_url(venue, request)
        if not place["name"]:
            del place["name"]
        found.append(place)
    if event.online_url:
        found.append({"@type": "VirtualLocation", "url": event.online_url})
    return found[0] if len(found) == 1 else found


def organizer(event):
    if event.organiser_id and event.organiser:
        data = {"@type": "Organization", "name": event.organiser.name}
        if event.organiser.website:
            data["url"] = event.organiser.website
        return data
    if event.organiser_name:
        return {"@type": "Organization", "name": event.organiser_name}
    return None


def offers(event, url):
    """Free, or the first amount of the price text in euros (the text itself as description)."""
    if not event.is_free and not event.price:
        return None
    offer = {"@type": "Offer", "priceCurrency": "EUR", "url": event.booking_url or url}
    if event.is_free:
        offer["price"] = "0"
    else:
        amount = AMOUNT.search(event.price)
        if amount:
            offer["price"] = amount.group().replace(",", ".")
        offer["description"] = plain_text(event.price)
    availability = "SoldOut" if event.status == EventPage.Status.FULL else "InStock"
    offer["availability"] = SCHEMA + availability
    return offer
