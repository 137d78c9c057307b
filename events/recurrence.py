"""When an event happens: its recurrence rule as RFC 5545 parts, and its occurrences.

One source of truth for both the occurrence table and the iCal feeds: the rule is built once
as RRULE parts (icalendar's vRecur), then expanded with dateutil in Europe/Paris wall-clock
time, so a weekly 08:00 market stays at 08:00 across daylight-saving changes.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import vRecur

PARIS = ZoneInfo("Europe/Paris")
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@dataclass(frozen=True)
class Occurrence:
    start: dt.datetime  # aware, Europe/Paris
    end: dt.datetime
    all_day: bool
    cancelled: bool


def local(value):
    """An aware datetime in Paris time (naive values are taken as Paris wall-clock time)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=PARIS)
    return value.astimezone(PARIS)


def is_real_local_time(naive):
    """False for wall-clock times that do not exist (spring forward) or happen twice (fall back)."""
    first = naive.replace(tzinfo=PARIS, fold=0)
    second = naive.replace(tzinfo=PARIS, fold=1)
    if first.utcoffset() != second.utcoffset():
        return False  # ambiguous: 02:00–02:59 on the last Sunday of October
    round_trip = first.astimezone(dt.UTC).astimezone(PARIS).replace(tzinfo=None)
    return round_trip == naive  # non-existent: 02:00–02:59 on the last Sunday of March


def rrule_parts(event):
    """The event's RRULE as a vRecur, or None for a one-off event. UNTIL is UTC for timed
    events and a DATE for all-day ones (RFC 5545 §3.3.10)."""
    if event.frequency == event.Frequency.NONE:
        return None
    parts = {"FREQ": event.frequency.upper()}
    if event.interval and event.interval > 1:
        parts["INTERVAL"] = event.interval
    start = local(event.start)
    if event.frequency == event.Frequency.WEEKLY:
        days = event.weekday_list() or [WEEKDAYS[start.weekday()]]
        parts["BYDAY"] = [day for day in WEEKDAYS if day in days]
    elif event.frequency == event.Frequency.MONTHLY:
        if event.monthly_mode == event.MonthlyMode.WEEKDAY:
            nth = (start.day - 1) // 7 + 1
            parts["BYDAY"] = [f"{-1 if nth == 5 else nth}{WEEKDAYS[start.weekday()]}"]
        else:
            parts["BYMONTHDAY"] = [start.day]
    if event.count:
        parts["COUNT"] = event.count
    elif event.until:
        if event.all_day:
            parts["UNTIL"] = event.until
        else:
            last = dt.datetime.combine(event.until, dt.time(23, 59, 59), tzinfo=PARIS)
            parts["UNTIL"] = last.astimezone(dt.UTC)
    return vRecur(parts)


def is_recurring(event):
    """A series: a rule, or extra dates beside the first."""
    return rrule_parts(event) is not None or bool(event.extra_date_list())


def duration(event):
    start = local(event.start)
    if event.all_day:
        last = local(event.end).date() if event.end else start.date()
        return dt.timedelta(days=(last - start.date()).days + 1)
    end = local(event.end) if event.end else start + dt.timedelta(hours=2)
    return end - start


def occurrences(event, window_start, window_end):
    """Every occurrence whose start falls in [window_start, window_end), excluded dates left
    out, cancelled dates kept and marked, extra dates added."""
    start = local(event.start)
    length = duration(event)
    excluded = set(event.excluded_date_list())
    cancelled = set(event.cancelled_date_list())
    naive_start = start.replace(tzinfo=None)
    starts = {naive_start}
    rule = rrule_parts(event)
    if rule is not None:
        text = rule.to_ical().decode()
        if "UNTIL=" in text and not event.all_day:
            # dateutil compares UNTIL with naive local starts: give it local wall-clock time.
            until = dt.datetime.combine(event.until, dt.time(23, 59, 59))
            text = text.split("UNTIL=")[0] + "UNTIL=" + until.strftime("%Y%m%dT%H%M%S") + _after_until(text)
        expanded = rrulestr(f"RRULE:{text}", dtstart=naive_start)
        lower = local(window_start).replace(tzinfo=None) - length
        upper = local(window_end).replace(tzinfo=None)
        starts.update(expanded.between(lower, upper, inc=True))
    for extra in event.extra_date_list():
        starts.add(dt.datetime.combine(extra, naive_start.time()))
    result = []
    for naive in sorted(starts):
        if naive.date() in excluded:
            continue
        begin = naive.replace(tzinfo=PARIS)
        if event.all_day:
            finish = dt.datetime.combine(naive.date() + length, dt.time(0), tzinfo=PARIS)
        else:
            finish = begin + length  # wall-clock arithmetic: 20:00 + 2 h is 22:00 whatever the season
        if finish <= local(window_start) or begin >= local(window_end):
            continue
        result.append(Occurrence(begin, finish, event.all_day, event.is_cancelled or naive.date() in cancelled))
    return result


def _after_until(text):
    rest = text.split("UNTIL=", 1)[1]
    return rest[rest.index(";") :] if ";" in rest else ""
