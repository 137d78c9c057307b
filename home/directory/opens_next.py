"""What a visitor wants to read beside "closed": when it opens next.

``opening_status(hours, at)`` looks at a place's or merchant's hours (an ``OpeningHours``,
exceptions and seasons included) from the instant ``at`` and says one of:

- **open**: open now, until a time (which may be after midnight);
- **opens**: closed now, opens today, tomorrow or on a weekday of the coming week, at a time;
- **season**: closed for more than a week (out of season, closed for works): reopens on a date;
- **closed**: no opening at all in the coming year.

It works on the page's own hours (no query), apart from the "open now" filter of a listing,
which may ask the database (``commerce/open_now.py``). Times are wall-clock times in Paris, as in
``opening_hours.py``: on the days the clocks change, "opens at 9:00" still means 9:00 on the
clock, and a slot that runs past midnight ends at the time written, whatever the offset.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.local_time import PARIS

SEASON_AFTER_DAYS = 7  # closed for longer than a week reads "closed for the season"
LOOK_AHEAD_DAYS = 366
# One sentence per day: languages differ in how a weekday reads inside a sentence ("mardi").
OPENS_ON_WEEKDAY = [
    gettext_lazy("Closed now, opens Monday at %(time)s"),
    gettext_lazy("Closed now, opens Tuesday at %(time)s"),
    gettext_lazy("Closed now, opens Wednesday at %(time)s"),
    gettext_lazy("Closed now, opens Thursday at %(time)s"),
    gettext_lazy("Closed now, opens Friday at %(time)s"),
    gettext_lazy("Closed now, opens Saturday at %(time)s"),
    gettext_lazy("Closed now, opens Sunday at %(time)s"),
]


@dataclass(frozen=True)
class OpeningStatus:
    """``state`` is "open", "opens", "season" or "closed"; ``moment`` the closing time (open) or
    the next opening (opens, season), an aware datetime in Paris; ``days_ahead`` how many days
    from today that moment is."""

    state: str
    moment: dt.datetime | None = None
    days_ahead: int = 0

    @property
    def is_open(self):
        return self.state == "open"

    @property
    def text(self):
        """One sentence in the active language: "Closed now, opens Tuesday at 9:00"."""
        if self.state == "closed":
            return _("Closed, no opening date is known")
        time = time_format(self.moment, "TIME_FORMAT")
        if self.state == "open":
            return _("Open now, until %(time)s") % {"time": time}
        if self.state == "season":
            return _("Closed for the season, reopens on %(date)s at %(time)s") % {
                "date": date_format(self.moment, "j F Y"),
                "time": time,
            }
        if self.days_ahead == 0:
            return _("Closed now, opens today at %(time)s") % {"time": time}
        if self.days_ahead == 1:
            return _("Closed now, opens tomorrow at %(time)s") % {"time": time}
        if self.days_ahead >= 7:  # the same weekday as today: name the date
            return _("Closed now, opens on %(date)s at %(time)s") % {
                "date": date_format(self.moment, "j F"),
                "time": time,
            }
        return OPENS_ON_WEEKDAY[self.moment.weekday()] % {"time": time}


def opening_status(hours, at=None):
    """The ``OpeningStatus`` of ``hours`` at the aware instant ``at`` (now by default); None when
    no hours are given (unknown is not closed)."""
    if not hours:
        return None
    local = (at or dt.datetime.now(tz=PARIS)).astimezone(PARIS)
    # Naive wall-clock times, compared as the clock on the wall reads them.
    now = local.replace(tzinfo=None)
    today = now.date()
    ranges = _ranges(hours, today)
    for starts, ends in ranges:
        if starts <= now < ends:
            # Back-to-back slots (9:00–12:00, 12:00–18:00) read as one: open until 18:00. The
            # generator goes on from the slot after this one.
            for next_starts, next_ends in ranges:
                if next_starts > ends:
                    break
                ends = max(ends, next_ends)
            return _status("open", ends, today)
        if starts > now:
            days_ahead = (starts.date() - today).days
            return _status("opens" if days_ahead <= SEASON_AFTER_DAYS else "season", starts, today)
    return OpeningStatus("closed")


def _ranges(hours, today):
    """(starts, ends) naive datetimes of every slot from yesterday on (one running past midnight
    may still be open), in order, read a day at a time only as far as needed."""
    last = today + dt.timedelta(days=LOOK_AHEAD_DAYS)
    changes = _changes(hours, today, last)
    day, empty = today - dt.timedelta(days=1), 0
    while day <= last:
        ranges = hours.ranges_on(day)
        for opens, closes in ranges:
            ends_on = day + dt.timedelta(days=1) if closes <= opens else day
            yield dt.datetime.combine(day, opens), dt.datetime.combine(ends_on, closes)
        empty = 0 if ranges else empty + 1
        day += dt.timedelta(days=1)
        if empty >= 7:
            # A whole week closed: the weeks after it are the same until a season or an
            # exception starts or ends, so go straight there (out of season, in winter).
            day = next((change for change in changes if change >= day), last + dt.timedelta(days=1))
            empty = 0


def _changes(hours, today, last):
    """The days on which the hours may change (a season or an exception starts, or the day after
    one ends), between ``today`` and ``last``, in order."""
    days = set()
    for item in hours.exceptions:
        days.update((item.starts, item.ends + dt.timedelta(days=1)))
    for period in hours.periods:
        if not period.dated:
            continue
        if not period.every_year:
            days.update((period.starts, period.ends + dt.timedelta(days=1)))
            continue
        for year in range(today.year - 1, last.year + 1):
            days.update((_in_year(period.starts, year), _in_year(period.ends, year) + dt.timedelta(days=1)))
    return sorted(day for day in days if today <= day <= last)


def _in_year(day, year):
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def _status(state, moment, today):
    return OpeningStatus(state, moment.replace(tzinfo=PARIS), (moment.date() - today).days)
