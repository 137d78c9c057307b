"""Event schedules: occurrences in Paris wall-clock time, across daylight-saving changes."""

import datetime as dt

import pytest

from events.models import EventPage
from events.recurrence import PARIS, is_real_local_time, occurrences, rrule_parts

UTC = dt.UTC
# Building an unsaved page looks up the default locale: a database, but no saved rows.
pytestmark = pytest.mark.django_db


def event(start, end=None, **schedule):
    """An unsaved event with the schedule fields only (no database needed)."""
    values = {
        "start": start,
        "end": end,
        "all_day": False,
        "frequency": EventPage.Frequency.NONE,
        "interval": 1,
        "weekdays": "",
        "monthly_mode": EventPage.MonthlyMode.DAY,
        "until": None,
        "count": None,
        "status": EventPage.Status.SCHEDULED,
        **schedule,
    }
    page = EventPage(**{key: value for key, value in values.items() if not key.endswith("_dates")})
    for name in ("excluded_dates", "cancelled_dates", "extra_dates"):
        setattr(page, name, [{"type": "date", "value": day.isoformat()} for day in schedule.get(name, [])])
    return page


def paris(*args):
    return dt.datetime(*args, tzinfo=PARIS)


WINDOW = (paris(2026, 1, 1), paris(2028, 1, 1))


class TestOccurrences:
    def test_weekly_market_stays_at_eight_in_the_morning_across_both_clock_changes(self):
        market = event(paris(2026, 3, 24, 8), paris(2026, 3, 24, 12), frequency="weekly", weekdays="TU", count=6)
        starts = [item.start for item in occurrences(market, *WINDOW)]
        assert [start.astimezone(PARIS).hour for start in starts] == [8] * 6
        # 08:00 is 07:00 UTC in winter and 06:00 UTC in summer (DST from 2026-03-29).
        assert starts[0].astimezone(UTC).hour == 7 and starts[1].astimezone(UTC).hour == 6

    def test_events_on_the_days_the_clocks_change_start_at_the_right_instant(self):
        spring = occurrences(event(paris(2026, 3, 29, 10), paris(2026, 3, 29, 12)), *WINDOW)[0]
        autumn = occurrences(event(paris(2026, 10, 25, 10), paris(2026, 10, 25, 12)), *WINDOW)[0]
        assert spring.start.astimezone(UTC) == dt.datetime(2026, 3, 29, 8, tzinfo=UTC)
        assert autumn.start.astimezone(UTC) == dt.datetime(2026, 10, 25, 9, tzinfo=UTC)

    def test_times_that_do_not_exist_or_happen_twice_are_refused(self):
        assert not is_real_local_time(dt.datetime(2026, 3, 29, 2, 30))
        assert not is_real_local_time(dt.datetime(2026, 10, 25, 2, 30))
        assert is_real_local_time(dt.datetime(2026, 10, 25, 3, 30))

    def test_all_day_event_over_three_days_ends_the_next_midnight(self):
        fete = event(paris(2026, 8, 14), paris(2026, 8, 16), all_day=True)
        (item,) = occurrences(fete, *WINDOW)
        assert (item.start.date(), item.end.date(), item.all_day) == (dt.date(2026, 8, 14), dt.date(2026, 8, 17), True)

    def test_weekly_series_leaves_out_excluded_dates_and_marks_cancelled_ones(self):
        series = event(
            paris(2026, 11, 5, 14),
            paris(2026, 11, 5, 16),
            frequency="weekly",
            weekdays="TH",
            until=dt.date(2026, 12, 3),
            excluded_dates=[dt.date(2026, 11, 12)],
            cancelled_dates=[dt.date(2026, 11, 19)],
            extra_dates=[dt.date(2026, 12, 10)],
        )
        items = [(item.start.date().day, item.start.month, item.cancelled) for item in occurrences(series, *WINDOW)]
        assert items == [(5, 11, False), (19, 11, True), (26, 11, False), (3, 12, False), (10, 12, False)]

    def test_monthly_on_the_same_weekday(self):
        repair_cafe = event(paris(2026, 12, 12, 14), frequency="monthly", monthly_mode="weekday", count=3)
        assert rrule_parts(repair_cafe)["BYDAY"] == ["2SA"]
        days = [item.start.date() for item in occurrences(repair_cafe, *WINDOW)]
        assert days == [dt.date(2026, 12, 12), dt.date(2027, 1, 9), dt.date(2027, 2, 13)]

    def test_until_is_utc_for_timed_series_and_a_date_for_all_day_ones(self):
        timed = rrule_parts(event(paris(2026, 5, 4, 18), frequency="weekly", until=dt.date(2026, 6, 29)))
        all_day = rrule_parts(event(paris(2026, 5, 4), frequency="weekly", until=dt.date(2026, 6, 29), all_day=True))
        assert timed["UNTIL"] == dt.datetime(2026, 6, 29, 21, 59, 59, tzinfo=UTC)
        assert all_day["UNTIL"] == dt.date(2026, 6, 29)

    def test_a_cancelled_event_has_only_cancelled_occurrences(self):
        concert = event(paris(2026, 7, 3, 20), status="cancelled")
        assert [item.cancelled for item in occurrences(concert, *WINDOW)] == [True]


def test_schedule_key_changes_with_the_time_not_with_the_title():
    first = event(paris(2026, 7, 3, 20))
    key = first.schedule_key()
    first.title = "Another title"
    assert first.schedule_key() == key
    first.start = paris(2026, 7, 3, 21)
    assert first.schedule_key() != key


def test_schedule_key_is_the_same_instant_in_any_time_zone():
    in_paris = event(paris(2026, 7, 3, 20), latitude="50.2986")
    in_utc = event(paris(2026, 7, 3, 20).astimezone(UTC), latitude="50.298600")
    assert in_paris.schedule_key() == in_utc.schedule_key()
