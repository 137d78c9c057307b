"""Reading the GET filter forms of the directories (places, merchants): only values that name
an existing option are kept, so a crafted address filters nothing and breaks nothing."""

import datetime as dt

MAX_TEXT = 100


def read_choices(request, choices, names):
    """``{name: value}`` for each select of ``names`` whose value is one of ``choices[name]``."""
    values = {}
    for name in names:
        value = request.GET.get(name, "").strip()
        if value and value in {option for option, _label in choices[name]}:
            values[name] = value
    return values


def read_open_and_words(request, values):
    """Add "open now" (``open=1``) and the words searched (``q``, spaces folded, 100 characters)."""
    if request.GET.get("open") == "1":
        values["open"] = "1"
    text = " ".join(request.GET.get("q", "").split())[:MAX_TEXT]
    if text:
        values["q"] = text
    return values


# The days a filter may name: enough for any archive or programme, and far enough from the ends
# of Python's calendar that "the day after" or a time zone change never overflows.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)


def read_day(text):
    """The date written ``YYYY-MM-DD`` in ``text``, or None when it is not one or is outside
    ``FIRST_DAY``–``LAST_DAY``."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None
