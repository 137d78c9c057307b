"""Reading the schema.org blocks of a rendered page."""

import datetime as dt
import json
import re

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_blocks(html):
    """Every JSON-LD block of the page, parsed."""
    return [json.loads(block) for block in JSON_LD.findall(html)]


def own_json_ld(html):
    """The page type's own block (every page also has its BreadcrumbList)."""
    return next(block for block in json_ld_blocks(html) if block["@type"] != "BreadcrumbList")


SCHEMA = "https://schema.org/"
EVENT_STATUSES = {SCHEMA + name for name in ("EventScheduled", "EventCancelled", "EventPostponed", "EventRescheduled")}
ATTENDANCE_MODES = {
    SCHEMA + name for name in ("OfflineEventAttendanceMode", "OnlineEventAttendanceMode", "MixedEventAttendanceMode")
}


def _moment(text):
    """A schema.org Date or DateTime; a DateTime must carry its offset (a floating time is
    read as the reader's own time zone)."""
    if "T" not in text:
        return dt.date.fromisoformat(text)
    value = dt.datetime.fromisoformat(text)
    assert value.utcoffset() is not None, f"{text} has no UTC offset"
    return value


def _place_problems(place):
    problems = []
    if place.get("@type") == "VirtualLocation":
        if not str(place.get("url", "")).startswith("http"):
            problems.append("VirtualLocation without url")
        return problems
    if place.get("@type") != "Place":
        return [f"location of type {place.get('@type')}"]
    address = place.get("address")
    if not isinstance(address, dict) or address.get("@type") != "PostalAddress":
        problems.append("Place without PostalAddress")
    geo = place.get("geo")
    if geo is not None and not (-90 <= geo["latitude"] <= 90 and -180 <= geo["longitude"] <= 180):
        problems.append(f"geo out of range {geo}")
    return problems


def event_problems(data):
    """What schema.org's Event (and Google's Event rich results, which read it) expect: a
    name, a startDate with its offset, an endDate not before it, a location (Place with a
    PostalAddress, or VirtualLocation), enumeration URLs for status and attendance mode, and
    well-formed organizer and offers. An empty list when the object is sound."""
    problems = []
    if data.get("@context") != "https://schema.org" or data.get("@type") != "Event":
        problems.append("not a schema.org Event")
    for name in ("name", "startDate", "location", "url", "inLanguage"):
        if not data.get(name):
            problems.append(f"no {name}")
    if data.get("startDate"):
        start = _moment(data["startDate"])
        if data.get("endDate"):
            end = _moment(data["endDate"])
            if type(start) is not type(end) or end < start:
                problems.append(f"endDate {end} before startDate {start}")
    if data.get("eventStatus") not in EVENT_STATUSES:
        problems.append(f"eventStatus {data.get('eventStatus')}")
    if data.get("eventAttendanceMode") not in ATTENDANCE_MODES:
        problems.append(f"eventAttendanceMode {data.get('eventAttendanceMode')}")
    places = data.get("location") or []
    for place in places if isinstance(places, list) else [places]:
        problems += _place_problems(place)
    organizer = data.get("organizer")
    if organizer is not None and not (organizer.get("@type") in {"Organization", "Person"} and organizer.get("name")):
        problems.append(f"organizer {organizer}")
    offers = data.get("offers")
    if offers is not None:
        if offers.get("@type") != "Offer" or offers.get("priceCurrency") != "EUR":
            problems.append(f"offers {offers}")
        if "price" in offers and not re.fullmatch(r"\d+(\.\d+)?", offers["price"]):
            problems.append(f"price {offers['price']} is not a number")
    return problems
