"""The opening hours of published merchants as rows, so "open now" is one database query.

Rebuilt from the page's ``opening_hours`` StreamField whenever a merchant is published or
unpublished (``commerce.open_now``); never edited by hand. See ``home/directory/open_now.py``
for what the rows mean and how they are queried.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from home.directory.open_now import HoursPeriodBase, HoursSlotBase


class HoursPeriod(HoursPeriodBase):
    """One block of a merchant's hours (see ``HoursPeriodBase``)."""

    page = models.ForeignKey("commerce.MerchantPage", on_delete=models.CASCADE, related_name="hours_periods")

    class Meta:
        verbose_name = _("opening period (computed)")
        verbose_name_plural = _("opening periods (computed)")
        constraints = [models.UniqueConstraint(fields=["page", "rank"], name="unique_hours_period_rank")]


class HoursSlot(HoursSlotBase):
    """One time range of a merchant's period on one weekday (see ``HoursSlotBase``)."""

    period = models.ForeignKey(HoursPeriod, on_delete=models.CASCADE, related_name="slots")
    page = models.ForeignKey("commerce.MerchantPage", on_delete=models.CASCADE, related_name="hours_slots")

    class Meta:
        verbose_name = _("opening slot (computed)")
        verbose_name_plural = _("opening slots (computed)")
        indexes = [
            models.Index(fields=["page", "weekday"], name="commerce_slot_page_weekday"),
            # "Open now" asks for the slots of one weekday around one minute, across every page:
            # without it, a scan of every slot (EXPLAIN ANALYZE, 3,000 merchants: 6 → 1 ms).
            models.Index(fields=["weekday", "spill", "opens"], name="commerce_slot_weekday_time"),
        ]
