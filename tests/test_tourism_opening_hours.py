"""Opening hours (home/directory/opening_hours.py): pure functions, no database."""

import datetime as dt

import pytest

from home.directory.opening_hours import OpeningHours, OpeningSlotBlock
from tests.hours_builders import exception, paris, period

UTC = dt.UTC


# A bar-like place: Tuesday to Saturday 10:00–12:30 and 14:00–18:00; Friday and Saturday nights
# 22:00–02:00; closed Sunday and Monday.
WEEK = OpeningHours.from_raw(
    [
        period(
            ([1, 2, 3, 4, 5], "10:00:00", "12:30:00"),
            ([1, 2, 3, 4, 5], "14:00:00", "18:00:00"),
            ([4, 5], "22:00:00", "02:00:00"),
        )
    ]
)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (paris(2026, 6, 2, 10, 0), True),  # Tuesday, opening minute
        (paris(2026, 6, 2, 12, 30), False),  # closing minute is closed
        (paris(2026, 6, 2, 13, 0), False),  # lunch
        (paris(2026, 6, 7, 11, 0), False),  # Sunday: closed day
        (paris(2026, 6, 8, 11, 0), False),  # Monday: closed day
        (paris(2026, 6, 5, 23, 30), True),  # Friday night
        (paris(2026, 6, 6, 1, 30), True),  # after midnight, Saturday morning, from Friday's slot
        (paris(2026, 6, 6, 2, 0), False),
        (paris(2026, 6, 7, 1, 0), True),  # Sunday 1:00 from Saturday night, though Sunday is closed
        (paris(2026, 6, 4, 1, 0), False),  # Thursday 1:00: Wednesday has no night slot
    ],
)
def test_open_now_in_a_week_with_a_night_slot(moment, expected):
    assert WEEK.is_open(moment) is expected


def test_instants_in_other_time_zones_are_read_in_paris_time():
    # 08:30 UTC on a Tuesday in June is 10:30 in Paris (UTC+2).
    assert WEEK.is_open(dt.datetime(2026, 6, 2, 8, 30, tzinfo=UTC)) is True
    assert WEEK.is_open(dt.datetime(2026, 6, 2, 7, 30, tzinfo=UTC)) is False


def test_spring_forward_on_29_march_2026():
    # Saturday 28 March, 22:00–03:00 (overnight into Sunday 29 March, when 02:00 becomes 03:00).
    hours = OpeningHours.from_raw([period(([5], "22:00:00", "03:00:00"))])
    assert hours.is_open(dt.datetime(2026, 3, 29, 0, 30, tzinfo=UTC)) is True  # 01:30 CET
    assert hours.is_open(dt.datetime(2026, 3, 29, 0, 59, tzinfo=UTC)) is True  # 01:59 CET
    # One minute later the clocks read 03:00 CEST: closed, though only an hour passed since 02:00 UTC+1.
    assert hours.is_open(dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)) is False
    # A morning slot on that Sunday starts at 09:00 CEST = 07:00 UTC, not 08:00 UTC.
    morning = OpeningHours.from_raw([period(([6], "09:00:00", "12:00:00"))])
    assert morning.is_open(dt.datetime(2026, 3, 29, 7, 0, tzinfo=UTC)) is True
    assert morning.is_open(dt.datetime(2026, 3, 29, 6, 59, tzinfo=UTC)) is False


def test_fall_back_on_25_october_2026():
    # Saturday 24 October, 22:00–02:30; on Sunday 25 October 03:00 CEST becomes 02:00 CET.
    hours = OpeningHours.from_raw([period(([5], "22:00:00", "02:30:00"))])
    assert hours.is_open(dt.datetime(2026, 10, 24, 23, 45, tzinfo=UTC)) is True  # 01:45 CEST
    assert hours.is_open(dt.datetime(2026, 10, 25, 0, 15, tzinfo=UTC)) is True  # 02:15 CEST, first pass
    assert hours.is_open(dt.datetime(2026, 10, 25, 0, 45, tzinfo=UTC)) is False  # 02:45 CEST
    assert hours.is_open(dt.datetime(2026, 10, 25, 1, 15, tzinfo=UTC)) is True  # 02:15 CET, second pass
    assert hours.is_open(dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)) is False  # 02:30 CET
    # The Sunday morning slot at 10:00 is 09:00 UTC after the change (08:00 UTC the day before).
    morning = OpeningHours.from_raw([period(([6], "10:00:00", "12:00:00"))])
    assert morning.is_open(dt.datetime(2026, 10, 25, 9, 0, tzinfo=UTC)) is True
    assert morning.is_open(dt.datetime(2026, 10, 25, 8, 30, tzinfo=UTC)) is False


def test_exceptions_close_a_day_or_replace_its_hours():
    hours = OpeningHours.from_raw(
        [
            period(([0, 1, 2, 3, 4, 5, 6], "09:00:00", "18:00:00")),
            exception("2026-12-25", note="Noël"),
            exception("2026-07-14", closed=False, opens="20:00:00", closes="01:00:00"),
            exception("2026-08-01", "2026-08-15"),
        ]
    )
    assert hours.is_open(paris(2026, 12, 24, 10, 0)) is True
    assert hours.is_open(paris(2026, 12, 25, 10, 0)) is False
    assert hours.is_open(paris(2026, 7, 14, 10, 0)) is False
    assert hours.is_open(paris(2026, 7, 14, 23, 0)) is True
    assert hours.is_open(paris(2026, 7, 15, 0, 30)) is True  # the special night runs past midnight
    assert hours.is_open(paris(2026, 8, 10, 10, 0)) is False
    assert hours.is_open(paris(2026, 8, 16, 10, 0)) is True


def test_a_season_replaces_the_usual_week_every_year():
    hours = OpeningHours.from_raw(
        [
            period(([5, 6], "14:00:00", "17:00:00")),
            period(
                ([0, 1, 2, 3, 4, 5, 6], "10:00:00", "19:00:00"),
                starts="2020-07-01",
                ends="2020-08-31",
                every_year=True,
                label="Été",
            ),
        ]
    )
    assert hours.is_open(paris(2026, 7, 6, 11, 0)) is True  # a Monday in summer
    assert hours.is_open(paris(2026, 9, 7, 11, 0)) is False  # a Monday in September
    assert hours.is_open(paris(2026, 9, 12, 15, 0)) is True  # a Saturday afternoon


def test_unknown_hours_are_not_closed():
    assert OpeningHours.from_raw([]).is_open(paris(2026, 6, 2, 10, 0)) is None


def test_schema_org_specifications():
    hours = OpeningHours.from_raw(
        [
            period(([1, 2], "09:00:00", "12:00:00")),
            period(([5], "10:00:00", "18:00:00"), starts="2026-07-01", ends="2026-08-31"),
            exception("2026-12-25"),
        ]
    )
    specifications = hours.schema_org(today=dt.date(2026, 6, 1))
    assert specifications[0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": ["https://schema.org/Tuesday", "https://schema.org/Wednesday"],
        "opens": "09:00:00",
        "closes": "12:00:00",
    }
    assert specifications[1]["validFrom"] == "2026-07-01"
    assert specifications[1]["validThrough"] == "2026-08-31"
    assert specifications[2] == {
        "@type": "OpeningHoursSpecification",
        "opens": "00:00:00",
        "closes": "00:00:00",
        "validFrom": "2026-12-25",
        "validThrough": "2026-12-25",
    }


def test_table_osm_string_and_weekly_rows():
    table = WEEK.table(today=dt.date(2026, 6, 1))
    days = table["periods"][0]["days"]
    assert len(days) == 7
    assert days[0]["ranges"] == []  # Monday closed
    assert len(days[4]["ranges"]) == 3  # Friday: morning, afternoon, night
    assert WEEK.osm() == "Tu-Th 10:00-12:30,14:00-18:00; Fr-Sa 10:00-12:30,14:00-18:00,22:00-02:00"
    rows = WEEK.weekly_rows()
    # The Friday night slot becomes Friday 22:00–24:00 and Saturday 00:00–02:00.
    assert (4, 22 * 60, 24 * 60, None, None, False) in rows
    assert (5, 0, 2 * 60, None, None, False) in rows


def test_a_slot_must_not_open_and_close_at_the_same_time():
    from wagtail.blocks import StructBlockValidationError

    with pytest.raises(StructBlockValidationError):
        OpeningSlotBlock().clean({"days": ["0"], "opens": dt.time(9), "closes": dt.time(9)})
