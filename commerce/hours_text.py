"""Opening hours written as text, for the merchants CSV import.

The text is a subset of OpenStreetMap's ``opening_hours`` syntax, the one ``OpeningHours.osm()``
writes, so an export can be read back::

    Mo-Fr 09:00-12:30,14:00-19:00; Sa 09:00-12:00

- rules are separated by ``;``; a rule is days then time ranges (or ``off``);
- days are ``Mo Tu We Th Fr Sa Su``, as ranges (``Mo-Fr``, ``Fr-Mo`` wraps round the week)
  and lists (``Mo,We,Fr`` or ``Mo-We,Sa``);
- time ranges are ``HH:MM-HH:MM`` separated by commas; ``9:00``, ``9h00`` and ``9h`` are read
  too, and ``24:00`` as a closing time. A closing time before the opening time runs past
  midnight (``Sa 22:00-02:00``), as in the admin;
- as in OpenStreetMap, a later rule replaces the earlier ones on its days:
  ``Mo-Sa 09:00-19:00; We 09:00-12:00`` closes on Wednesday afternoon, ``Mo-Sa 09:00-19:00; We off``
  all Wednesday.

What the subset leaves out (public holidays ``PH``, months and dates, week numbers, ``24/7``,
comments) is refused with a message rather than guessed: seasons and exceptions are added in
the admin, where the import keeps them.

``hours_blocks()`` turns the text into the raw JSON of the opening-hours StreamField
(``home.directory.opening_hours``): one period without dates. Its block ids are derived from a key (the
row's SIRET or external id), so importing the same text again gives exactly the same data.
"""

import datetime as dt
import re
import uuid

from django.utils.translation import gettext as _

from home.directory.opening_hours import DAY_CODES

NAMESPACE = uuid.UUID("0f4d8a0e-3c39-4c36-9a55-5b8e0c1f6a27")
DAYS = {code.lower(): number for number, code in enumerate(DAY_CODES)}
TIME = re.compile(r"^(\d{1,2})(?:[:h](\d{2})?)?$", re.IGNORECASE)
DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-"})


class HoursSyntaxError(ValueError):
    """The text is not in the supported syntax; the message says where and why."""


def block_id(key, *parts):
    """A stable StreamField block id for a row key: re-importing the same row gives the same id."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in (key, *parts))))


def parse_hours(text):
    """The weekly hours of ``text``: a dict weekday (Monday = 0) → sorted (opens, closes) pairs.

    Empty text gives an empty dict. Raises :class:`HoursSyntaxError`."""
    week = {}
    text = (text or "").translate(DASHES).strip()
    if not text:
        return week
    for number, rule in enumerate(text.split(";"), start=1):
        rule = " ".join(rule.split())
        if not rule:
            continue  # "Mo 09:00-12:00;" : a trailing semicolon is harmless
        days_text, _, times_text = rule.partition(" ")
        days = _days(days_text, rule, number)
        ranges = _ranges(times_text.strip(), rule, number)
        for day in days:
            week[day] = ranges  # a later rule replaces the earlier ones on its days
    return {day: ranges for day, ranges in sorted(week.items()) if ranges}


def hours_blocks(text, key):
    """Raw StreamField data for ``text``: ``[]`` when empty, else one undated "period" block
    whose slots group the days that share a time range. Raises :class:`HoursSyntaxError`."""
    week = parse_hours(text)
    if not week:
        return []
    days_by_range = {}
    for day, ranges in week.items():
        for opens, closes in ranges:
            days_by_range.setdefault((opens, closes), []).append(day)
    slots = sorted(days_by_range.items(), key=lambda item: (item[1][0], item[0]))
    return [
        {
            "type": "period",
            "value": {
                "label": "",
                "starts": None,
                "ends": None,
                "every_year": False,
                "slots": [
                    {
                        "type": "item",
                        "value": {
                            "days": [str(day) for day in days],
                            "opens": opens.isoformat(),
                            "closes": closes.isoformat(),
                        },
                        "id": block_id(key, "hours", "slot", index),
                    }
                    for index, ((opens, closes), days) in enumerate(slots)
                ],
            },
            "id": block_id(key, "hours", "period"),
        }
    ]


def _days(text, rule, number):
    days = []
    if not text:
        raise HoursSyntaxError(_("rule %(number)s “%(rule)s”: days are missing.") % {"number": number, "rule": rule})
    for part in text.split(","):
        first, dash, last = part.partition("-")
        try:
            start = DAYS[first.strip().lower()]
            end = DAYS[last.strip().lower()] if dash else start
        except KeyError:
            raise HoursSyntaxError(
                _(
                    "rule %(number)s “%(rule)s”: “%(part)s” is not a day or a range of days (use %(days)s, "
                    "e.g. Mo-Fr; public holidays, months and dates are not supported)."
                )
                % {"number": number, "rule": rule, "part": part, "days": " ".join(DAY_CODES)}
            ) from None
        day = start
        while True:
            if day not in days:
                days.append(day)
            if day == end:
                break
            day = (day + 1) % 7
    return days


def _ranges(text, rule, number):
    if text.lower() in ("off", "closed"):
        return []
    if not text:
        raise HoursSyntaxError(
            _("rule %(number)s “%(rule)s”: give time ranges such as 09:00-12:00, or off.")
            % {"number": number, "rule": rule}
        )
    ranges = []
    for part in text.replace(" ", "").split(","):
        opens_text, dash, closes_text = part.partition("-")
        opens, closes = _time(opens_text), _time(closes_text, closing=True)
        if not dash or opens is None or closes is None:
            raise HoursSyntaxError(
                _("rule %(number)s “%(rule)s”: “%(part)s” is not a time range like 09:00-12:30.")
                % {"number": number, "rule": rule, "part": part}
            )
        if opens == closes:
            raise HoursSyntaxError(
                _("rule %(number)s “%(rule)s”: “%(part)s” opens and closes at the same time.")
                % {"number": number, "rule": rule, "part": part}
            )
        ranges.append((opens, closes))
    ranges.sort()
    for (_opens, closes), (next_opens, _next_closes) in zip(ranges, ranges[1:], strict=False):
        # An overnight range (closes before it opens) can only be the last of the day.
        if closes <= _opens or next_opens < closes:
            raise HoursSyntaxError(
                _("rule %(number)s “%(rule)s”: the time ranges overlap.") % {"number": number, "rule": rule}
            )
    return ranges


def _time(text, closing=False):
    match = TIME.match(text.strip())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if closing and (hours, minutes) == (24, 0):
        return dt.time(0)  # midnight at the end of the day, stored as in the admin
    if hours > 23 or minutes > 59:
        return None
    return dt.time(hours, minutes)
