"""When a place opens next (home/directory/opens_next.py): pure functions, no database."""

import datetime as dt

import pytest

from django.utils import translation

from home.directory.opening_hours import OpeningHours
from home.directory.opens_next import opening_status
from tests.test_tourism_opening_hours import WEEK, exception, paris, period

# Tuesday to Saturday 9:00–12:00 and 14:00–18:00, only from April to October every year.
SEASONAL = OpeningHours.from_raw(
    [
        period(
            ([1, 2, 3, 4, 5], "09:00:00", "12:00:00"),
            ([1, 2, 3, 4, 5], "14:00:00", "18:00:00"),
            starts="2026-04-01",
            ends="2026-10-31",
            every_year=True,
        ),
        period(),  # out of season: no slot at all
    ]
)


def text(hours, moment, language="en"):
    with translation.override(language):
        return opening_status(hours, moment).text


def test_no_hours_is_unknown_not_closed():
    assert opening_status(OpeningHours.from_raw([]), paris(2026, 6, 1, 10, 0)) is None


def test_closed_on_monday_opens_tuesday_at_nine():
    monday = paris(2026, 6, 1, 11, 0)
    status = opening_status(SEASONAL, monday)
    assert (status.state, status.moment, status.days_ahead) == ("opens", paris(2026, 6, 2, 9, 0), 1)
    sunday = paris(2026, 5, 31, 11, 0)
    assert text(SEASONAL, sunday) == "Closed now, opens Tuesday at 9 a.m."
    assert text(SEASONAL, sunday, "fr") == "Fermé en ce moment, ouvre mardi à 09:00"


def test_open_now_says_until_when_and_lunch_says_this_afternoon():
    tuesday = paris(2026, 6, 2, 10, 15)
    status = opening_status(SEASONAL, tuesday)
    assert status.is_open and status.moment == paris(2026, 6, 2, 12, 0)
    assert text(SEASONAL, tuesday) == "Open now, until noon"
    assert text(SEASONAL, paris(2026, 6, 2, 12, 0)) == "Closed now, opens today at 2 p.m."
    assert text(SEASONAL, paris(2026, 6, 2, 18, 30), "fr") == "Fermé en ce moment, ouvre demain à 09:00"


def test_closed_for_the_season_gives_the_reopening_date():
    november = paris(2026, 11, 10, 10, 0)
    status = opening_status(SEASONAL, november)
    assert status.state == "season"
    assert status.moment == paris(2027, 4, 1, 9, 0)  # 1 April 2027 is a Thursday
    assert text(SEASONAL, november) == "Closed for the season, reopens on 1 April 2027 at 9 a.m."
    assert text(SEASONAL, november, "fr") == "Fermé pour la saison, rouvre le 1 avril 2027 à 09:00"


def test_a_long_closure_for_works_reads_as_out_of_season():
    works = OpeningHours.from_raw([exception("2026-06-01", "2026-06-30", note="Works")])
    closed = OpeningHours(WEEK.periods, works.exceptions)
    assert opening_status(closed, paris(2026, 6, 3, 11, 0)).moment == paris(2026, 7, 1, 10, 0)
    assert opening_status(closed, paris(2026, 6, 3, 11, 0)).state == "season"


def test_a_weekly_opening_a_week_ahead_names_the_date():
    tuesdays = OpeningHours.from_raw([period(([1], "09:00:00", "12:00:00"))])
    assert text(tuesdays, paris(2026, 6, 2, 13, 0)) == "Closed now, opens on 9 June at 9 a.m."


def test_overnight_hours_stay_open_past_midnight():
    # WEEK: Friday and Saturday 22:00–02:00.
    saturday_night = paris(2026, 6, 6, 1, 30)  # early Saturday, in Friday's night
    status = opening_status(WEEK, saturday_night)
    assert status.is_open and status.moment == paris(2026, 6, 6, 2, 0)
    assert text(WEEK, paris(2026, 6, 5, 23, 0), "fr") == "Ouvert maintenant, jusqu’à 02:00"
    # Sunday 3:00: Saturday's night is over, next is Tuesday 10:00.
    assert opening_status(WEEK, paris(2026, 6, 7, 3, 0)).moment == paris(2026, 6, 9, 10, 0)


def test_back_to_back_slots_read_as_one():
    day = OpeningHours.from_raw([period(([0], "09:00:00", "12:00:00"), ([0], "12:00:00", "18:00:00"))])
    assert opening_status(day, paris(2026, 6, 1, 10, 0)).moment == paris(2026, 6, 1, 18, 0)


@pytest.mark.parametrize(
    ("instant", "expected", "utc_hour"),
    [
        # 29 March 2026: clocks go from 2:00 to 3:00. Saturday night 22:00–02:00 ends at 2:00 on the
        # clock, i.e. 00:00 UTC (still winter time).
        (dt.datetime(2026, 3, 28, 23, 30, tzinfo=dt.UTC), ("open", "02:00"), 1),
        # 1:30 UTC is 3:30 summer time: closed, opens Tuesday at 10:00 on the clock (8:00 UTC).
        (dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC), ("opens", "10:00"), 8),
        # 25 October 2026: clocks go back from 3:00 to 2:00; 0:30 UTC is 2:30 summer time, after
        # Saturday's night; Tuesday 10:00 is winter time again (9:00 UTC).
        (dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC), ("opens", "10:00"), 9),
        (dt.datetime(2026, 10, 24, 23, 30, tzinfo=dt.UTC), ("open", "02:00"), 0),
    ],
)
def test_daylight_saving_change_days_follow_the_clock(instant, expected, utc_hour):
    status = opening_status(WEEK, instant)
    assert (status.state, status.moment.strftime("%H:%M")) == expected
    assert status.moment.astimezone(dt.UTC).hour == utc_hour


def test_nothing_in_a_year_is_closed_without_a_date():
    never = OpeningHours.from_raw([exception("2026-01-01")])
    status = opening_status(never, paris(2026, 6, 1, 10, 0))
    assert status.state == "closed" and status.moment is None
    assert text(never, paris(2026, 6, 1, 10, 0), "fr") == "Fermé, aucune date d’ouverture n’est connue"


def test_special_opening_inside_a_closed_season_is_found():
    # Out of season, but open for a Christmas market on 12 December 2026, 10:00–18:00.
    market = OpeningHours.from_raw([exception("2026-12-12", closed=False, opens="10:00:00", closes="18:00:00")])
    hours = OpeningHours(SEASONAL.periods, market.exceptions)
    status = opening_status(hours, paris(2026, 11, 10, 10, 0))
    assert (status.state, status.moment) == ("season", paris(2026, 12, 12, 10, 0))
    # After it, the next opening is the season's first day.
    assert opening_status(hours, paris(2026, 12, 12, 19, 0)).moment == paris(2027, 4, 1, 9, 0)
