"""The agenda's relative periods ("today", "this week", "this weekend", "this month") on every
day of a week, at midnight and just before it, including the two weeks that end on a
daylight-saving Sunday (2026-03-29 and 2026-10-25), on a frozen clock."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from events.filters import AgendaFilters

PARIS = ZoneInfo("Europe/Paris")


def day(text):
    return dt.date.fromisoformat(text)


# (today, this weekend, end of this week, end of this month); ends are exclusive days.
WEEKS = [
    # A plain week.
    ("2026-06-08", ("2026-06-13", "2026-06-15"), "2026-06-15", "2026-07-01"),
    ("2026-06-09", ("2026-06-13", "2026-06-15"), "2026-06-15", "2026-07-01"),
    ("2026-06-10", ("2026-06-13", "2026-06-15"), "2026-06-15", "2026-07-01"),
    ("2026-06-11", ("2026-06-13", "2026-06-15"), "2026-06-15", "2026-07-01"),
    ("2026-06-12", ("2026-06-13", "2026-06-15"), "2026-06-15", "2026-07-01"),
    ("2026-06-13", ("2026-06-13", "2026-06-15"), "2026-06-15", "2026-07-01"),
    ("2026-06-14", ("2026-06-14", "2026-06-15"), "2026-06-15", "2026-07-01"),
    # Clocks go forward on Sunday 29 March 2026 (the weekend lasts 47 hours).
    ("2026-03-23", ("2026-03-28", "2026-03-30"), "2026-03-30", "2026-04-01"),
    ("2026-03-24", ("2026-03-28", "2026-03-30"), "2026-03-30", "2026-04-01"),
    ("2026-03-25", ("2026-03-28", "2026-03-30"), "2026-03-30", "2026-04-01"),
    ("2026-03-26", ("2026-03-28", "2026-03-30"), "2026-03-30", "2026-04-01"),
    ("2026-03-27", ("2026-03-28", "2026-03-30"), "2026-03-30", "2026-04-01"),
    ("2026-03-28", ("2026-03-28", "2026-03-30"), "2026-03-30", "2026-04-01"),
    ("2026-03-29", ("2026-03-29", "2026-03-30"), "2026-03-30", "2026-04-01"),
    # Clocks go back on Sunday 25 October 2026 (49 hours); a month ending mid-week.
    ("2026-10-19", ("2026-10-24", "2026-10-26"), "2026-10-26", "2026-11-01"),
    ("2026-10-20", ("2026-10-24", "2026-10-26"), "2026-10-26", "2026-11-01"),
    ("2026-10-21", ("2026-10-24", "2026-10-26"), "2026-10-26", "2026-11-01"),
    ("2026-10-22", ("2026-10-24", "2026-10-26"), "2026-10-26", "2026-11-01"),
    ("2026-10-23", ("2026-10-24", "2026-10-26"), "2026-10-26", "2026-11-01"),
    ("2026-10-24", ("2026-10-24", "2026-10-26"), "2026-10-26", "2026-11-01"),
    ("2026-10-25", ("2026-10-25", "2026-10-26"), "2026-10-26", "2026-11-01"),
    # The last day of a month and of a year.
    ("2026-12-31", ("2027-01-02", "2027-01-04"), "2027-01-04", "2027-01-01"),
]
# The first and the last instant of the Paris day.
MOMENTS = [dt.time(0, 0), dt.time(23, 59, 59)]


def midnight(text):
    return dt.datetime.combine(day(text), dt.time(0), tzinfo=PARIS)


def period(when):
    return AgendaFilters({"when": when}, locale=None).range()


@pytest.mark.parametrize("moment", MOMENTS, ids=["midnight", "before-midnight"])
@pytest.mark.parametrize(("today", "weekend", "week_end", "month_end"), WEEKS, ids=[row[0] for row in WEEKS])
def test_relative_periods_on_every_day_of_the_week(today, weekend, week_end, month_end, moment):
    # The clock is UTC, as on the server: 00:00 in Paris is 22:00 or 23:00 the day before.
    instant = dt.datetime.combine(day(today), moment, tzinfo=PARIS).astimezone(dt.UTC)
    with time_machine.travel(instant, tick=False):
        assert period("today") == (midnight(today), midnight(today) + dt.timedelta(days=1))
        assert period("weekend") == (midnight(weekend[0]), midnight(weekend[1]))
        assert period("week") == (midnight(today), midnight(week_end))
        assert period("month") == (midnight(today), midnight(month_end))


@pytest.mark.parametrize(
    ("today", "hours"),
    [("2026-03-28", 47), ("2026-03-29", 23), ("2026-10-24", 49), ("2026-10-25", 25), ("2026-06-14", 24)],
)
def test_weekend_bounds_are_paris_midnights_across_clock_changes(today, hours):
    with time_machine.travel(midnight(today), tick=False):
        start, end = period("weekend")
    assert (start.astimezone(dt.UTC), end.astimezone(dt.UTC)) == (
        midnight(today).astimezone(dt.UTC),
        start.astimezone(dt.UTC) + dt.timedelta(hours=hours),
    )


def test_explicit_dates_override_the_relative_period():
    with time_machine.travel(midnight("2026-03-29"), tick=False):
        filters = AgendaFilters({"when": "weekend", "from": "2026-04-04", "to": "2026-04-05"}, locale=None)
        assert filters.range() == (midnight("2026-04-04"), midnight("2026-04-06"))
