""" "Open now" for the Discover list and its map, decided by the database in one query.

The places' hours are kept as rows (``PlaceHoursPeriod`` and ``PlaceHoursSlot``), rebuilt
whenever a place is published or unpublished (``TourismConfig.ready``); the directory kit
(``home/directory/open_now.py``) says what the rows mean and builds the query, shared with the
merchants of ``commerce``.
"""

from home.directory.open_now import HoursRows

from .models import PlaceHoursPeriod, PlaceHoursSlot

HOURS = HoursRows(PlaceHoursPeriod, PlaceHoursSlot)
