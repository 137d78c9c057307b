"""Opening hours as the StreamField of a place or a merchant stores them, for tests."""

import datetime as dt

from home.local_time import PARIS


def paris(*args):
    return dt.datetime(*args, tzinfo=PARIS)


def period(*slots, starts=None, ends=None, every_year=False, label=""):
    """A "period" block: ``slots`` are (days, opens, closes) with days as numbers, Monday 0."""
    return {
        "type": "period",
        "value": {
            "label": label,
            "starts": starts,
            "ends": ends,
            "every_year": every_year,
            "slots": [
                {"type": "item", "value": {"days": [str(day) for day in days], "opens": opens, "closes": closes}}
                for days, opens, closes in slots
            ],
        },
    }


def exception(starts, ends=None, closed=True, opens=None, closes=None, note=""):
    return {
        "type": "exception",
        "value": {"starts": starts, "ends": ends, "closed": closed, "opens": opens, "closes": closes, "note": note},
    }


ALWAYS = [period((range(7), "00:00", "23:59"))]
