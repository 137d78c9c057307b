""" "Open now" for the merchants directory, decided by the database in one query.

``home/directory/opening_hours.py`` answers "open now" for one page from its StreamField. A directory of
thousands of merchants cannot load them all to ask each one, so the hours of every published
merchant are also kept as rows (``HoursPeriod`` and ``HoursSlot``), rebuilt by
``rebuild_hours(page)`` whenever a merchant is published or unpublished (``commerce/signals.py``,
as the agenda materialises its occurrences):

- one ``HoursPeriod`` per block of the hours: exceptions (rank 0…), seasons (rank 10000…) and
  the usual week (rank 20000…), in the editor's order inside each kind. On a day, the period in
  force is the one with the lowest rank among those whose dates contain the day; the usual week
  contains every day. That is exactly ``OpeningHours.ranges_on``: an exception replaces the
  hours of its days, a season replaces the usual week, the first match wins.
- one ``HoursSlot`` per weekday and time range of a period, in minutes of Paris wall-clock
  time. A range past midnight (a bar open until 01:00) is split: 22:00–24:00 on its day and a
  ``spill`` row 00:00–01:00 that counts on the next day when its period was in force on the day
  it started (so a closure on Sunday does not cut Saturday night short, as in ``is_open``).

``open_now_q(now)`` converts ``now`` to Europe/Paris (the daylight-saving changes need nothing
else: rows are wall-clock times), then asks: is there a slot for today's weekday whose range
holds the current minute and whose period is in force today (no period of the same page with
a lower rank contains today), or a spill slot for yesterday whose period was in force
yesterday? Every-year seasons compare month*100+day, and a season that wraps around the new
year (November to March) is "after its start or before its end". It is two correlated
``Exists`` subqueries in one query, whatever the number of merchants; the tests check it
agrees with ``OpeningHours.is_open`` on a grid of instants.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from home.directory.opening_hours import OpeningHours
from home.local_time import PARIS

from .models import HoursPeriod, HoursSlot

DAY_MINUTES = 24 * 60


def _minutes(value):
    return value.hour * 60 + value.minute


def _md(day):
    return day.month * 100 + day.day


def hours_rows(page, hours=None):
    """The unsaved ``HoursPeriod`` rows of a page, each with its ``HoursSlot`` rows in
    ``period.slot_rows``."""
    hours = hours if hours is not None else OpeningHours.from_raw(page.opening_hours.raw_data)
    periods = []

    def add(rank, kind, starts=None, ends=None, every_year=False):
        period = HoursPeriod(page=page, rank=rank, kind=kind, starts=starts, ends=ends, every_year=every_year)
        if every_year and starts and ends:
            period.start_md, period.end_md = _md(starts), _md(ends)
            period.wraps = period.start_md > period.end_md
        period.slot_rows = []
        periods.append(period)
        return period

    def add_range(period, weekday, opens, closes):
        start, end = _minutes(opens), _minutes(closes)
        if end > start:
            period.slot_rows.append(HoursSlot(page=page, weekday=weekday, opens=start, closes=end))
            return
        period.slot_rows.append(HoursSlot(page=page, weekday=weekday, opens=start, closes=DAY_MINUTES))
        if end:
            period.slot_rows.append(HoursSlot(page=page, weekday=weekday, opens=0, closes=end, spill=True))

    for position, item in enumerate(hours.exceptions):
        period = add(position, HoursPeriod.EXCEPTION, item.starts, item.ends)
        if not item.closed and item.opens and item.closes and item.opens != item.closes:
            add_range(period, None, item.opens, item.closes)
    seasons = [period for period in hours.periods if period.dated]
    weeks = [period for period in hours.periods if not period.dated]
    for kind, group in ((HoursPeriod.SEASON, seasons), (HoursPeriod.WEEK, weeks)):
        for position, item in enumerate(group):
            period = add(kind * HoursPeriod.RANK_STEP + position, kind, item.starts, item.ends, item.every_year)
            for slot in item.slots:
                for weekday in sorted(slot.days):
                    add_range(period, weekday, slot.opens, slot.closes)
    return periods


@transaction.atomic
def rebuild_hours(page):
    """Replace the hours rows of a merchant page from its opening hours: none unless it is live.
    Returns the number of slots written."""
    HoursPeriod.objects.filter(page=page).delete()  # cascades to the slots
    if not page.live:
        return 0
    periods = hours_rows(page)
    if not periods:
        return 0
    return _save(periods)


@transaction.atomic
def rebuild_all_hours(pages, batch_size=500):
    """Rebuild the rows of many merchant pages at once (imports, benches): a few queries per
    batch instead of three per page. Returns the number of slots written."""
    pages = list(pages)
    HoursPeriod.objects.filter(page_id__in=[page.pk for page in pages]).delete()
    total = 0
    for start in range(0, len(pages), batch_size):
        periods = [period for page in pages[start : start + batch_size] if page.live for period in hours_rows(page)]
        total += _save(periods)
    return total


def _save(periods):
    """Write ``periods`` and their slots in two queries; the number of slots written."""
    HoursPeriod.objects.bulk_create(periods)
    slots = []
    for period in periods:
        for slot in period.slot_rows:
            slot.period = period
            slots.append(slot)
    HoursSlot.objects.bulk_create(slots)
    return len(slots)


def contains_q(day, prefix=""):
    """Periods (``HoursPeriod`` fields, behind ``prefix``) whose dates contain ``day``."""

    def f(name):
        return prefix + name

    md = _md(day)
    return (
        Q(**{f("kind"): HoursPeriod.WEEK})
        | Q(**{f("every_year"): False, f("starts__lte"): day, f("ends__gte"): day})
        | Q(**{f("every_year"): True, f("wraps"): False, f("start_md__lte"): md, f("end_md__gte"): md})
        | (
            Q(**{f("every_year"): True, f("wraps"): True})
            & (Q(**{f("start_md__lte"): md}) | Q(**{f("end_md__gte"): md}))
        )
    )


def _in_force(day):
    """Slots whose period is in force on ``day``: it contains the day and no period of the same
    page with a lower rank does."""
    earlier = HoursPeriod.objects.filter(page_id=OuterRef("page_id"), rank__lt=OuterRef("period__rank")).filter(
        contains_q(day)
    )
    return contains_q(day, "period__") & ~Exists(earlier)


def open_now_q(now=None, page_field="pk"):
    """A ``Q`` for merchant pages open at the instant ``now`` (aware; the current time by
    default). Pages without hours are never "open now"."""
    local = (now or dt.datetime.now(tz=PARIS)).astimezone(PARIS)
    today, minute = local.date(), local.hour * 60 + local.minute
    yesterday = today - dt.timedelta(days=1)
    same_day = HoursSlot.objects.filter(
        Q(weekday=today.weekday()) | Q(weekday__isnull=True),
        _in_force(today),
        page_id=OuterRef(page_field),
        spill=False,
        opens__lte=minute,
        closes__gt=minute,
    )
    after_midnight = HoursSlot.objects.filter(
        Q(weekday=yesterday.weekday()) | Q(weekday__isnull=True),
        _in_force(yesterday),
        page_id=OuterRef(page_field),
        spill=True,
        closes__gt=minute,
    )
    return Q(Exists(same_day)) | Q(Exists(after_midnight))


def open_now_ids(pages, now=None):
    """The ids of ``pages`` (a queryset of merchant pages) open at ``now``."""
    return set(pages.filter(open_now_q(now)).values_list("pk", flat=True))
