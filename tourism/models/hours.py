"""The opening hours of published places as rows, so "open now" is one database query
whatever the number of places.

Rebuilt from the page's ``opening_hours`` StreamField whenever a place is published or
unpublished (``TourismConfig.ready``); never edited by hand. See ``home/directory/open_now.py``
for what the rows mean and how they are queried.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from home.directory.open_now import HoursPeriodBase, HoursSlotBase


class PlaceHoursPeriod(HoursPeriodBase):
    """One block of a place's hours (see ``HoursPeriodBase``)."""

    page = models.ForeignKey("tourism.PlacePage", on_delete=models.CASCADE, related_name="hours_periods")

    class Meta:
        verbose_name = _("opening period (computed)")
        verbose_name_plural = _("opening periods (computed)")
        constraints = [models.UniqueConstraint(fields=["page", "rank"], name="unique_place_hours_period_rank")]


class PlaceHoursSlot(HoursSlotBase):
    """One time range of a place's period on one weekday (see ``HoursSlotBase``)."""

    period = models.ForeignKey(PlaceHoursPeriod, on_delete=models.CASCADE, related_name="slots")
    page = models.ForeignKey("tourism.PlacePage", on_delete=models.CASCADE, related_name="hours_slots")

    class Meta:
        verbose_name = _("opening slot (computed)")
        verbose_name_plural = _("opening slots (computed)")
        indexes = [
            models.Index(fields=["page", "weekday"], name="tourism_slot_page_weekday"),
            # "Open now" asks for the slots of one weekday around one minute, across every page:
            # without it, a scan of every slot (EXPLAIN ANALYZE, 3,000 merchants: 6 → 1 ms).
            models.Index(fields=["weekday", "spill", "opens"], name="tourism_slot_weekday_time"),
        ]
