"""How long "opens next" takes for one place (home/directory/opens_next.py), from the easy case
(open now) to the slowest (nothing in the coming year: 367 days read). A listing asks it for
its 20 places of one page, so this says what it adds to a page at worst.

    DJANGO_SETTINGS_MODULE=hub.settings.test .venv/bin/python -m bench.opens_next
"""

import datetime as dt
import statistics
import timeit

import django


def main():
    django.setup()
    from django.utils import translation

    from home.directory.opening_hours import OpeningHours
    from home.directory.opens_next import opening_status
    from home.local_time import PARIS
    from tests.test_tourism_opening_hours import exception, period

    seasonal = OpeningHours.from_raw(
        [period(([1, 2, 3, 4, 5], "09:00:00", "12:00:00"), starts="2026-04-01", ends="2026-10-31", every_year=True)]
    )
    cases = {
        "open now": (seasonal, dt.datetime(2026, 6, 2, 10, 0, tzinfo=PARIS)),
        "opens tomorrow": (seasonal, dt.datetime(2026, 6, 1, 10, 0, tzinfo=PARIS)),
        "closed for the season (142 days ahead)": (seasonal, dt.datetime(2026, 11, 10, 10, 0, tzinfo=PARIS)),
        "no opening in a year": (
            OpeningHours.from_raw([exception("2026-01-01")]),
            dt.datetime(2026, 6, 1, 10, 0, tzinfo=PARIS),
        ),
    }
    with translation.override("fr"):
        for name, (hours, at) in cases.items():
            runs = timeit.repeat(lambda hours=hours, at=at: opening_status(hours, at).text, number=200, repeat=7)
            print(f"{name:42} {statistics.median(runs) / 200 * 1e6:8.1f} µs a place")


if __name__ == "__main__":
    main()
