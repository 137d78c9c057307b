"""The opening hours of published merchants as rows, so "open now" is one database query.

Rebuilt from the page's ``opening_hours`` StreamField whenever a merchant is published or
unpublished (``commerce.open_now.rebuild_hours``); never edited by hand. See
``commerce/open_now.py`` for how they are queried.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HoursPeriod(models.Model):
    """One block of a merchant's hours: an exception (dated days), a season (dated period) or
    the usual week. ``rank`` orders them by precedence: on a given day, the period with the
    lowest rank among those that contain the day is the one in force (exceptions first, then
    seasons, then the usual week, each in the editor's order, as ``OpeningHours`` decides)."""

    EXCEPTION, SEASON, WEEK = 0, 1, 2
    RANK_STEP = 10_000

    page = models.ForeignKey("commerce.MerchantPage", on_delete=models.CASCADE, related_name="hours_periods")
    rank = models.PositiveIntegerField(_("precedence"))
    kind = models.PositiveSmallIntegerField(_("kind"))
    starts = models.DateField(_("from"), null=True, blank=True)
    ends = models.DateField(_("until"), null=True, blank=True)
    every_year = models.BooleanField(_("every year"), default=False)
    # month * 100 + day of the dates of a period repeated every year, and whether it wraps
    # around the new year (a winter season, November to March).
    start_md = models.PositiveSmallIntegerField(null=True, blank=True)
    end_md = models.PositiveSmallIntegerField(null=True, blank=True)
    wraps = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("opening period (computed)")
        verbose_name_plural = _("opening periods (computed)")
        constraints = [models.UniqueConstraint(fields=["page", "rank"], name="unique_hours_period_rank")]

    def __str__(self):
        return f"{self.page_id} #{self.rank}"


class HoursSlot(models.Model):
    """One time range of a period on one weekday, in minutes of Paris wall-clock time. A range
    past midnight is split: the part after midnight is a ``spill`` row, valid when its period
    was in force on the day before (``weekday`` is then the day it started). Exception rows have
    no weekday: they apply on every day of the exception."""

    period = models.ForeignKey(HoursPeriod, on_delete=models.CASCADE, related_name="slots")
    page = models.ForeignKey("commerce.MerchantPage", on_delete=models.CASCADE, related_name="hours_slots")
    weekday = models.PositiveSmallIntegerField(_("weekday"), null=True, blank=True)  # Monday = 0
    opens = models.PositiveSmallIntegerField(_("opens (minute of the day)"))
    closes = models.PositiveSmallIntegerField(_("closes (minute of the day, up to 1440)"))
    spill = models.BooleanField(_("after midnight"), default=False)

    class Meta:
        verbose_name = _("opening slot (computed)")
        verbose_name_plural = _("opening slots (computed)")
        indexes = [models.Index(fields=["page", "weekday"], name="commerce_slot_page_weekday")]

    def __str__(self):
        return f"{self.page_id} {self.weekday} {self.opens}–{self.closes}{' (after midnight)' if self.spill else ''}"
