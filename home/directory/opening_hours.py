"""Opening hours: the one structure shared by places (tourism) and merchants (commerce).

Editors describe hours as a StreamField (``opening_hours_blocks()`` gives the block list):

- **periods** ("period" blocks): weekly slots (days, opening time, closing time). A period
  without dates is the usual week; a dated period (a season: "July and August", "winter")
  replaces it between its dates, every year if ``every_year`` is ticked. A slot whose closing
  time is not after its opening time runs past midnight (22:00–02:00 on Saturday means until
  2 a.m. on Sunday).
- **exceptions** ("exception" blocks): a date or a range of dates (a public holiday, a
  closure for works, special hours for a festival) that replaces the periods on those days.

Everything below reads the StreamField's raw JSON (``field.raw_data``) with pure functions,
so listings decide "open now" for many places without any query and tests need no database.
Times are wall-clock times in Europe/Paris: "open now" converts the instant to Paris time,
so the two daylight-saving changes (last Sunday of March and of October) need no special case.

A directory of thousands of pages cannot load them all to ask each one: the merchants and
places directories keep their hours as rows and ask the database (``open_now.py``).
``weekly_rows()`` flattens the hours into comparable rows (weekday, opens minute, closes
minute, valid from, valid through, every year), with slots that cross midnight split in two.
"""

import datetime as dt
from dataclasses import dataclass, field

from rest_framework import serializers

from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField

from home.local_time import PARIS

DAY_CODES = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]  # OpenStreetMap opening_hours, Monday first
SCHEMA_DAYS = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
]
DAY_CHOICES = [(str(number), WEEKDAYS[number]) for number in range(7)]


# -- blocks (what editors fill in) --------------------------------------------------------------


class OpeningSlotBlock(blocks.StructBlock):
    """Days of the week and one opening time range, e.g. Tuesday to Saturday, 9:00–12:30."""

    days = blocks.MultipleChoiceBlock(label=_("Days"), choices=DAY_CHOICES)
    opens = blocks.TimeBlock(label=_("Opens at"))
    closes = blocks.TimeBlock(
        label=_("Closes at"), help_text=_("A closing time before the opening time means after midnight.")
    )

    class Meta:
        icon = "time"
        label = _("Time slot")

    def clean(self, value):
        value = super().clean(value)
        if value.get("opens") and value["opens"] == value.get("closes"):
            raise blocks.StructBlockValidationError(
                {"closes": ValidationError(_("The closing time must differ from the opening time."))}
            )
        return value


class OpeningPeriodBlock(blocks.StructBlock):
    """The weekly hours, for the whole year (no dates) or for a season."""

    label = blocks.CharBlock(label=_("Name"), required=False, max_length=80, help_text=_("For example: Summer season."))
    starts = blocks.DateBlock(label=_("From"), required=False)
    ends = blocks.DateBlock(label=_("Until"), required=False)
    every_year = blocks.BooleanBlock(
        label=_("Every year"), required=False, help_text=_("Repeat these dates every year (only day and month count).")
    )
    slots = blocks.ListBlock(OpeningSlotBlock(), label=_("Time slots"))

    class Meta:
        icon = "calendar-alt"
        label = _("Weekly hours")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("starts")) != bool(value.get("ends")):
            raise blocks.StructBlockValidationError(
                {"ends": ValidationError(_("Give both dates of a season, or neither for the whole year."))}
            )
        if value.get("starts") and not value.get("every_year") and value["ends"] < value["starts"]:
            raise blocks.StructBlockValidationError({"ends": ValidationError(_("The end is before the start."))})
        return value


class OpeningExceptionBlock(blocks.StructBlock):
    """A day or a few days that differ from the weekly hours: closed, or special hours."""

    starts = blocks.DateBlock(label=_("From"))
    ends = blocks.DateBlock(label=_("Until"), required=False, help_text=_("Leave empty for a single day."))
    closed = blocks.BooleanBlock(label=_("Closed all day"), required=False, default=True)
    opens = blocks.TimeBlock(label=_("Opens at"), required=False)
    closes = blocks.TimeBlock(label=_("Closes at"), required=False)
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=120, help_text=_("For example: Christmas."))

    class Meta:
        icon = "warning"
        label = _("Exception")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("closed") and not (value.get("opens") and value.get("closes")):
            raise blocks.StructBlockValidationError(
                {"opens": ValidationError(_("Give the special hours, or tick closed all day."))}
            )
        if value.get("ends") and value["ends"] < value["starts"]:
            raise blocks.StructBlockValidationError({"ends": ValidationError(_("The end is before the start."))})
        return value


def opening_hours_blocks():
    """The block list of an opening-hours StreamField: ``StreamField(opening_hours_blocks(), …)``."""
    return [("period", OpeningPeriodBlock()), ("exception", OpeningExceptionBlock())]


# -- plain values read from the raw JSON --------------------------------------------------------


def _time(value):
    if isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(value) if value else None


def _date(value):
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Slot:
    days: frozenset  # weekday numbers, Monday = 0
    opens: dt.time
    closes: dt.time

    @property
    def overnight(self):
        return self.closes <= self.opens


@dataclass(frozen=True)
class Period:
    slots: tuple
    label: str = ""
    starts: dt.date | None = None
    ends: dt.date | None = None
    every_year: bool = False

    @property
    def dated(self):
        return self.starts is not None

    def contains(self, day):
        if not self.dated:
            return True
        if not self.every_year:
            return self.starts <= day <= self.ends
        start, end, current = (
            (self.starts.month, self.starts.day),
            (self.ends.month, self.ends.day),
            (day.month, day.day),
        )
        if start <= end:
            return start <= current <= end
        return current >= start or current <= end  # a winter season, November to March


@dataclass(frozen=True)
class DatedException:
    """Days that differ from the weekly hours (a public holiday, works, a festival): closed all
    day, or open only between ``opens`` and ``closes``."""

    starts: dt.date
    ends: dt.date
    closed: bool
    opens: dt.time | None = None
    closes: dt.time | None = None
    note: str = ""

    def contains(self, day):
        return self.starts <= day <= self.ends


@dataclass
class OpeningHours:
    """Opening hours as plain values, built with ``OpeningHours.from_raw(field.raw_data)``."""

    periods: list = field(default_factory=list)
    exceptions: list = field(default_factory=list)

    @classmethod
    def from_raw(cls, raw):
        periods, exceptions = [], []
        for block in raw or []:
            value = block.get("value") or {}
            if block.get("type") == "period":
                slots = tuple(
                    Slot(frozenset(int(day) for day in slot["days"]), _time(slot["opens"]), _time(slot["closes"]))
                    for slot in (_list_value(item) for item in value.get("slots") or [])
                    if slot.get("days") and slot.get("opens") and slot.get("closes")
                )
                periods.append(
                    Period(
                        slots,
                        value.get("label") or "",
                        _date(value.get("starts")),
                        _date(value.get("ends")),
                        bool(value.get("every_year")),
                    )
                )
            elif block.get("type") == "exception" and value.get("starts"):
                starts = _date(value["starts"])
                exceptions.append(
                    DatedException(
                        starts,
                        _date(value.get("ends")) or starts,
                        bool(value.get("closed")),
                        _time(value.get("opens")),
                        _time(value.get("closes")),
                        value.get("note") or "",
                    )
                )
        return cls(periods, exceptions)

    def __bool__(self):
        return bool(self.periods or self.exceptions)

    # -- what applies on a day ---------------------------------------------------------------

    def period_on(self, day):
        """The period in force on ``day``: a season containing it, else the year-round hours."""
        dated = [period for period in self.periods if period.dated and period.contains(day)]
        if dated:
            return dated[0]
        return next((period for period in self.periods if not period.dated), None)

    def exception_on(self, day):
        return next((item for item in self.exceptions if item.contains(day)), None)

    def ranges_on(self, day):
        """The (opens, closes) ranges that start on ``day``, in order; closes may be next day."""
        exception = self.exception_on(day)
        if exception is not None:
            return [] if exception.closed else [(exception.opens, exception.closes)]
        period = self.period_on(day)
        if period is None:
            return []
        return sorted((slot.opens, slot.closes) for slot in period.slots if day.weekday() in slot.days)

    def is_open(self, at=None):
        """Whether the place is open at the instant ``at`` (aware; now by default), in Paris
        time. None when no hours are given (unknown is not closed)."""
        if not self:
            return None
        local = (at or dt.datetime.now(tz=PARIS)).astimezone(PARIS)
        today, now = local.date(), local.time()
        for opens, closes in self.ranges_on(today):
            if opens <= now and (closes <= opens or now < closes):
                return True
        # A range that started yesterday and runs past midnight.
        yesterday = self.ranges_on(today - dt.timedelta(days=1))
        return any(closes <= opens and now < closes for opens, closes in yesterday)

    # -- presentation ------------------------------------------------------------------------

    def table(self, today=None):
        """Rows for the weekly table of each period (usual week first, then seasons), and the
        exceptions still to come: what the template ``components/opening_hours.html`` shows."""
        today = today or dt.datetime.now(tz=PARIS).date()
        periods = sorted(self.periods, key=lambda period: period.dated)
        return {
            "periods": [
                {
                    "label": period.label,
                    "starts": period.starts,
                    "ends": period.ends,
                    "every_year": period.every_year,
                    "current": period is self.period_on(today),
                    "days": [
                        {
                            "name": WEEKDAYS[number],
                            "ranges": [
                                _range_text(slot.opens, slot.closes)
                                for slot in sorted(period.slots, key=lambda slot: slot.opens)
                                if number in slot.days
                            ],
                        }
                        for number in range(7)
                    ],
                }
                for period in periods
            ],
            "exceptions": [
                {
                    "starts": item.starts,
                    "ends": item.ends if item.ends != item.starts else None,
                    "closed": item.closed,
                    "range": "" if item.closed else _range_text(item.opens, item.closes),
                    "note": item.note,
                }
                for item in sorted(self.exceptions, key=lambda item: item.starts)
                if item.ends >= today
            ],
        }

    def schema_org(self, today=None):
        """schema.org ``OpeningHoursSpecification`` objects: one per period and slot, seasons
        with validFrom/validThrough (the coming occurrence when they repeat every year), and
        exceptions as dated specifications (closed = opens and closes at 00:00)."""
        today = today or dt.datetime.now(tz=PARIS).date()
        specifications = []
        for period in self.periods:
            validity = _validity(period, today)
            for slot in period.slots:
                specifications.append(
                    {
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": [SCHEMA_DAYS[number] for number in sorted(slot.days)],
                        "opens": slot.opens.strftime("%H:%M:%S"),
                        "closes": slot.closes.strftime("%H:%M:%S"),
                        **validity,
                    }
                )
        for item in self.exceptions:
            if item.ends < today:
                continue
            opens, closes = (dt.time(0), dt.time(0)) if item.closed else (item.opens, item.closes)
            specifications.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "opens": opens.strftime("%H:%M:%S"),
                    "closes": closes.strftime("%H:%M:%S"),
                    "validFrom": item.starts.isoformat(),
                    "validThrough": item.ends.isoformat(),
                }
            )
        return specifications

    def osm(self):
        """The usual week in OpenStreetMap ``opening_hours`` syntax ("Tu-Sa 09:00-12:30"), as the
        lieux de médiation numérique schema asks; seasons and exceptions are left out."""
        period = next((period for period in self.periods if not period.dated), None)
        if period is None:
            return ""
        rules = []
        for number in range(7):
            ranges = sorted((slot.opens, slot.closes) for slot in period.slots if number in slot.days)
            if ranges:
                text = ",".join(f"{opens:%H:%M}-{closes:%H:%M}" for opens, closes in ranges)
                if rules and rules[-1][1] == text and rules[-1][0][1] == number - 1:
                    rules[-1] = ((rules[-1][0][0], number), text)
                else:
                    rules.append(((number, number), text))
        return "; ".join(
            f"{DAY_CODES[first]}{'' if first == last else '-' + DAY_CODES[last]} {text}"
            for (first, last), text in rules
        )

    def weekly_rows(self):
        """Flat rows for a denormalised "open now" table (see the module docstring):
        (weekday, opens minute, closes minute, starts, ends, every_year); overnight slots are
        split at midnight into two rows."""
        rows = []
        for period in self.periods:
            for slot in period.slots:
                opens = slot.opens.hour * 60 + slot.opens.minute
                closes = slot.closes.hour * 60 + slot.closes.minute
                for day in sorted(slot.days):
                    validity = (period.starts, period.ends, period.every_year)
                    if slot.overnight:
                        rows.append((day, opens, 24 * 60, *validity))
                        if closes:
                            rows.append(((day + 1) % 7, 0, closes, *validity))
                    else:
                        rows.append((day, opens, closes, *validity))
        return rows


def _list_value(item):
    # ListBlock raw data is a list of {"type": "item", "value": …, "id": …} (older data: bare values).
    return item.get("value", item) if isinstance(item, dict) and "type" in item else item


def _range_text(opens, closes):
    return f"{time_format(opens, 'TIME_FORMAT')} – {time_format(closes, 'TIME_FORMAT')}"


def _validity(period, today):
    if not period.dated:
        return {}
    starts, ends = period.starts, period.ends
    if period.every_year:
        starts = _same_day_in(starts, today.year)
        ends = _same_day_in(ends, today.year)
        if ends < starts:
            ends = _same_day_in(period.ends, today.year + 1)
        if ends < today:
            starts, ends = _same_day_in(period.starts, today.year + 1), _same_day_in(period.ends, ends.year + 1)
    return {"validFrom": starts.isoformat(), "validThrough": ends.isoformat()}


def _same_day_in(day, year):
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


# -- on a page ----------------------------------------------------------------------------------


class OpeningHoursMixin:
    """For a page with an ``opening_hours`` StreamField (``opening_hours_blocks()``) and an
    ``opening_hours_note``: its hours as plain values and as OpenStreetMap text, and the panel
    and API fields of both. The fields themselves stay on each page model, where the note's
    help text differs."""

    opening_hours_panels = [
        MultiFieldPanel([FieldPanel("opening_hours"), FieldPanel("opening_hours_note")], heading=_("Opening hours"))
    ]
    opening_hours_api_fields = [
        APIField("opening_hours_osm", serializer=serializers.ReadOnlyField()),
        APIField("opening_hours_note"),
    ]

    @property
    def hours(self):
        return OpeningHours.from_raw(self.opening_hours.raw_data)

    @property
    def opening_hours_osm(self):
        """The usual week in OpenStreetMap ``opening_hours`` syntax (seasons left out)."""
        return self.hours.osm()
