""" "Open now" decided by the database in one query, for any directory of pages with hours.

``opening_hours.py`` answers "open now" for one page from its StreamField. A directory of
thousands of pages cannot load them all to ask each one, so each app keeps the hours of its
published pages as rows too: a period model and a slot model built on ``HoursPeriodBase`` and
``HoursSlotBase`` (the app adds the foreign keys to its own page model), rebuilt whenever a
page is published or unpublished (``HoursRows.rebuild``), as the agenda materialises its
occurrences. Merchants (``commerce``) and places (``tourism``) each have their pair.

- one period row per block of the hours: exceptions (rank 0…), seasons (rank 10000…) and the
  usual week (rank 20000…), in the editor's order inside each kind. On a day, the period in
  force is the one with the lowest rank among those whose dates contain the day; the usual week
  contains every day. That is exactly ``OpeningHours.ranges_on``: an exception replaces the
  hours of its days, a season replaces the usual week, the first match wins.
- one slot row per weekday and time range of a period, in minutes of Paris wall-clock time. A
  range past midnight (a bar open until 01:00) is split: 22:00–24:00 on its day and a ``spill``
  row 00:00–01:00 that counts on the next day when its period was in force on the day it
  started (so a closure on Sunday does not cut Saturday night short, as in ``is_open``).

``HoursRows.open_now_q(now)`` converts ``now`` to Europe/Paris (the daylight-saving changes need
nothing else: rows are wall-clock times), then asks: is there a slot for today's weekday whose
range holds the current minute and whose period is in force today (no period of the same page
with a lower rank contains today), or a spill slot for yesterday whose period was in force
yesterday? Every-year seasons compare month*100+day, and a season that wraps around the new
year (November to March) is "after its start or before its end". The pages open now are two
uncorrelated subqueries (``pk IN (…)``) of one query, whatever the number of pages.
"""

import datetime as dt

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from wagtail.signals import page_published, page_unpublished

from home.local_time import PARIS

from .opening_hours import OpeningHours

DAY_MINUTES = 24 * 60


class HoursPeriodBase(models.Model):
    """One block of a page's hours: an exception (dated days), a season (dated period) or the
    usual week. ``rank`` orders them by precedence: on a given day, the period with the lowest
    rank among those that contain the day is the one in force (exceptions first, then seasons,
    then the usual week, each in the editor's order, as ``OpeningHours`` decides). The concrete
    model adds ``page``, a foreign key to the page, with ``related_name="hours_periods"``."""

    EXCEPTION, SEASON, WEEK = 0, 1, 2
    RANK_STEP = 10_000

    rank = models.PositiveIntegerField(_("precedence"))
    kind = models.PositiveSmallIntegerField(_("kind"))
    starts = models.DateField(_("from"), null=True, blank=True)
    ends = models.DateField(_("until"), null=True, blank=True)
    every_year = models.BooleanField(_("every year"), default=False)
    # month * 100 + day of the dates of a period repeated every year, and whether it wraps
    # around the new year (a winter season, November to March).
    start_md = models.PositiveSmallIntegerField(null=True, blank=True)
    end_md = models.PositiveSmallIntegerField(null=True, blank=True)
    wraps = models.BooleanField(default=False)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.page_id} #{self.rank}"


class HoursSlotBase(models.Model):
    """One time range of a period on one weekday, in minutes of Paris wall-clock time. A range
    past midnight is split: the part after midnight is a ``spill`` row, valid when its period
    was in force on the day before (``weekday`` is then the day it started). Exception rows have
    no weekday: they apply on every day of the exception. The concrete model adds ``period`` and
    ``page`` foreign keys."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), null=True, blank=True)  # Monday = 0
    opens = models.PositiveSmallIntegerField(_("opens (minute of the day)"))
    closes = models.PositiveSmallIntegerField(_("closes (minute of the day, up to 1440)"))
    spill = models.BooleanField(_("after midnight"), default=False)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.page_id} {self.weekday} {self.opens}–{self.closes}{' (after midnight)' if self.spill else ''}"


def _minutes(value):
    return value.hour * 60 + value.minute


def _md(day):
    return day.month * 100 + day.day


class HoursRows:
    """The rows of one directory: ``HoursRows(PeriodModel, SlotModel)``, built from the pages'
    ``opening_hours`` StreamField and queried with ``open_now_q``."""

    def __init__(self, period_model, slot_model):
        self.period_model, self.slot_model = period_model, slot_model

    def rows(self, page, hours=None):
        """The unsaved period rows of a page, each with its slot rows in ``period.slot_rows``."""
        # The constants are read from the base: a migration's historical models lack them.
        Period, Slot, Base = self.period_model, self.slot_model, HoursPeriodBase
        hours = hours if hours is not None else OpeningHours.from_raw(page.opening_hours.raw_data)
        periods = []

        def add(rank, kind, starts=None, ends=None, every_year=False):
            period = Period(page=page, rank=rank, kind=kind, starts=starts, ends=ends, every_year=every_year)
            if every_year and starts and ends:
                period.start_md, period.end_md = _md(starts), _md(ends)
                period.wraps = period.start_md > period.end_md
            period.slot_rows = []
            periods.append(period)
            return period

        def add_range(period, weekday, opens, closes):
            start, end = _minutes(opens), _minutes(closes)
            if end > start:
                period.slot_rows.append(Slot(page=page, weekday=weekday, opens=start, closes=end))
                return
            period.slot_rows.append(Slot(page=page, weekday=weekday, opens=start, closes=DAY_MINUTES))
            if end:
                period.slot_rows.append(Slot(page=page, weekday=weekday, opens=0, closes=end, spill=True))

        for position, item in enumerate(hours.exceptions):
            period = add(position, Base.EXCEPTION, item.starts, item.ends)
            if not item.closed and item.opens and item.closes and item.opens != item.closes:
                add_range(period, None, item.opens, item.closes)
        seasons = [period for period in hours.periods if period.dated]
        weeks = [period for period in hours.periods if not period.dated]
        for kind, group in ((Base.SEASON, seasons), (Base.WEEK, weeks)):
            for position, item in enumerate(group):
                period = add(kind * Base.RANK_STEP + position, kind, item.starts, item.ends, item.every_year)
                for slot in item.slots:
                    for weekday in sorted(slot.days):
                        add_range(period, weekday, slot.opens, slot.closes)
        return periods

    def rebuild(self, page):
        """Replace the rows of a page from its opening hours: none unless it is live. Returns
        the number of slots written."""
        with transaction.atomic():
            self.period_model.objects.filter(page=page).delete()  # cascades to the slots
            if not page.live:
                return 0
            return self._save(self.rows(page))

    def rebuild_all(self, pages, batch_size=500):
        """Rebuild the rows of many pages at once (imports, migrations, benches): a few queries
        per batch instead of three per page. Returns the number of slots written."""
        pages = list(pages)
        total = 0
        with transaction.atomic():
            self.period_model.objects.filter(page_id__in=[page.pk for page in pages]).delete()
            for start in range(0, len(pages), batch_size):
                batch = pages[start : start + batch_size]
                total += self._save([period for page in batch if page.live for period in self.rows(page)])
        return total

    def connect(self, page_model):
        """Keep the rows of ``page_model`` pages up to date: rebuilt when a page is published,
        deleted when it is unpublished (deleting a page cascades). Called by the app's
        ``ready()``."""

        def published(sender, instance, **kwargs):
            self.rebuild(instance)

        def unpublished(sender, instance, **kwargs):
            # Only delete: when a live page is deleted, Wagtail sends this with a copy that still
            # says "live", and rows written back now would point at a page about to disappear.
            self.period_model.objects.filter(page_id=instance.pk).delete()

        label = self.period_model._meta.label_lower
        page_published.connect(published, sender=page_model, weak=False, dispatch_uid=f"{label}-published")
        page_unpublished.connect(unpublished, sender=page_model, weak=False, dispatch_uid=f"{label}-unpublished")

    def _save(self, periods):
        """Write ``periods`` and their slots in two queries; the number of slots written."""
        self.period_model.objects.bulk_create(periods)
        slots = []
        for period in periods:
            for slot in period.slot_rows:
                slot.period = period
                slots.append(slot)
        self.slot_model.objects.bulk_create(slots)
        return len(slots)

    def _in_force(self, day):
        """Slots whose period is in force on ``day``: it contains the day and no period of the
        same page with a lower rank does."""
        earlier = self.period_model.objects.filter(
            contains_q(day), page_id=OuterRef("page_id"), rank__lt=OuterRef("period__rank")
        )
        return contains_q(day, "period__") & ~Exists(earlier)

    def open_now_q(self, now=None, page_field="pk"):
        """A ``Q`` for pages open at the instant ``now`` (aware; the current time by default),
        to filter or annotate a queryset of the pages. Pages without hours are never "open now"
        (unlike ``OpeningHours.is_open``, which says None: unknown)."""
        local = (now or dt.datetime.now(tz=PARIS)).astimezone(PARIS)
        today, minute = local.date(), local.hour * 60 + local.minute
        yesterday = today - dt.timedelta(days=1)
        slots = self.slot_model.objects
        same_day = slots.filter(
            Q(weekday=today.weekday()) | Q(weekday__isnull=True),
            self._in_force(today),
            spill=False,
            opens__lte=minute,
            closes__gt=minute,
        )
        after_midnight = slots.filter(
            Q(weekday=yesterday.weekday()) | Q(weekday__isnull=True),
            self._in_force(yesterday),
            spill=True,
            closes__gt=minute,
        )
        # Two uncorrelated "IN (subquery)": PostgreSQL runs each once and looks the pages up in
        # a hash of the pages open now. Correlated EXISTS joined by OR cannot become semi-joins:
        # they ran once per candidate page (the count, then the page of results).
        return Q(**{f"{page_field}__in": same_day.values("page_id")}) | Q(
            **{f"{page_field}__in": after_midnight.values("page_id")}
        )


def contains_q(day, prefix=""):
    """Periods (period row fields, behind ``prefix``) whose dates contain ``day``."""

    def f(name):
        return prefix + name

    md = _md(day)
    return (
        Q(**{f("kind"): HoursPeriodBase.WEEK})
        | Q(**{f("every_year"): False, f("starts__lte"): day, f("ends__gte"): day})
        | Q(**{f("every_year"): True, f("wraps"): False, f("start_md__lte"): md, f("end_md__gte"): md})
        | (
            Q(**{f("every_year"): True, f("wraps"): True})
            & (Q(**{f("start_md__lte"): md}) | Q(**{f("end_md__gte"): md}))
        )
    )
