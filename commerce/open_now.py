""" "Open now" for the merchants directory, decided by the database in one query.

The merchants' hours are kept as rows (``HoursPeriod`` and ``HoursSlot``), rebuilt whenever a
merchant is published or unpublished (``CommerceConfig.ready``); the directory kit
(``home/directory/open_now.py``) says what the rows mean and builds the query, shared with the
places of ``tourism``. The tests check it agrees with ``OpeningHours.is_open`` on a grid of
instants.
"""

from home.directory.open_now import HoursRows

from .models import HoursPeriod, HoursSlot

HOURS = HoursRows(HoursPeriod, HoursSlot)


def rebuild_hours(page):
    """Replace the hours rows of a merchant page: none unless it is live."""
    return HOURS.rebuild(page)


def rebuild_all_hours(pages, batch_size=500):
    """Rebuild the rows of many merchant pages at once (imports, benches)."""
    return HOURS.rebuild_all(pages, batch_size)


def open_now_q(now=None, page_field="pk"):
    """A ``Q`` for merchant pages open at the instant ``now`` (aware; the current time by
    default). Pages without hours are never "open now"."""
    return HOURS.open_now_q(now, page_field)
