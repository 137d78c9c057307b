"""Checks of an iCalendar feed with three independent parsers (standards.md §1.12).

``validate(raw)`` parses the bytes with icalendar, the strict ``ical`` package (no compat
mode: what Home Assistant's calendar reads) and vobject, checks the line format by hand, and
returns the list of problems (empty when the feed is sound). ``expansions`` gives the
occurrence sets of recurring-ical-events and of ical's timeline for FEED-26.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import vobject
from ical.calendar_stream import IcsCalendarStream

PARIS = ZoneInfo("Europe/Paris")


def line_problems(raw):
    """FEED-04/05: CRLF only, ending with CRLF, physical lines of at most 75 octets, each
    valid UTF-8. (A continuation line may start with two spaces: the fold's and the text's.)"""
    problems = []
    if not raw.endswith(b"\r\n"):
        problems.append("FEED-04 body does not end with CRLF")
    rest = raw.replace(b"\r\n", b"")
    if b"\n" in rest or b"\r" in rest:
        problems.append("FEED-04 bare LF or CR")
    for number, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if len(line) > 75:
            problems.append(f"FEED-05 line {number} is {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"FEED-05 line {number} splits a UTF-8 sequence")
    return problems


def parse_icalendar(raw):
    return icalendar.Calendar.from_ical(raw)  # bytes: a str naming a file would be read (§1.9)


def parse_ical(raw):
    return IcsCalendarStream.calendar_from_ics(raw.decode("utf-8"))  # raises on invalid content


def icalendar_problems(cal):
    problems = [f"icalendar {c.name}: {error}" for c in cal.walk() for error in getattr(c, "errors", [])]
    if cal.get_missing_tzids():
        problems.append(f"FEED-10 missing VTIMEZONE {cal.get_missing_tzids()}")
    seen = set()
    for event in cal.walk("VEVENT"):
        key = (str(event.get("UID")), event.get("RECURRENCE-ID").to_ical() if "RECURRENCE-ID" in event else b"")
        if not event.get("UID") or key in seen:
            problems.append(f"FEED-12 bad or duplicate UID {key}")
        seen.add(key)
        stamp = event.get("DTSTAMP")
        if stamp is None or stamp.dt.utcoffset() != dt.timedelta(0):
            problems.append(f"FEED-11 DTSTAMP {key}")
        for name in ("DTSTART", "SUMMARY"):
            if name not in event:
                problems.append(f"FEED-11 no {name} {key}")
        if "DTEND" in event and "DURATION" in event:
            problems.append(f"FEED-15 DTEND and DURATION {key}")
    return problems


def validate(raw):
    problems = line_problems(raw)
    problems += icalendar_problems(parse_icalendar(raw))
    parse_ical(raw)
    vobject.readOne(raw.decode("utf-8"))
    return problems


def _utc(value):
    return value.astimezone(dt.UTC) if isinstance(value, dt.datetime) else value


def _norm(uid, start, end, status):
    return (str(uid), _utc(start), _utc(end or start), str(status or "").upper().split(".")[-1])


def expansions(raw, start, end):
    """FEED-26: (UID, start UTC, end UTC, status) of every occurrence in [start, end), as
    recurring-ical-events and as ical's timeline see them."""
    by_icalendar = {
        _norm(item["UID"], item.start, item.end, item.get("STATUS"))
        for item in recurring_ical_events.of(parse_icalendar(raw)).between(start, end)
    }
    by_ical = {
        _norm(item.uid, item.dtstart, item.dtend, item.status and item.status.value)
        for item in parse_ical(raw).timeline_tz(PARIS).included(start, end)
    }
    return by_icalendar, by_ical
