"""A plan's actions by year: the timeline a resident reads as a list (and sees as bars).

Years come from an action's start and end dates, or else from the first year its printed
start and end ("début 2019", "Jusqu'en 2022") name. An action with an end but no start runs
from the plan's first year; one with neither is listed as not dated.

One query for the actions, whatever their number.
"""

import re
from dataclasses import dataclass
from itertools import groupby

from django.utils.translation import gettext_lazy as _

from .models import ActionPage, Status

YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# The chart's columns: a plan spans a few years; a typo such as "2203" must not draw 200 columns.
MOST_YEARS = 15


@dataclass
class ScheduledAction:
    action: ActionPage
    start: int
    end: int
    start_stated: bool
    first_year: int = 0
    last_year: int = 0

    @property
    def status_label(self):
        return Status(self.action.status).label

    @property
    def offset(self):
        """Empty columns of the chart before the bar."""
        return self.start - self.first_year

    @property
    def span(self):
        return self.end - self.start + 1

    @property
    def after(self):
        """Empty columns of the chart after the bar."""
        return self.last_year - self.end

    @property
    def when(self):
        """From when to when, as the document prints it when it does."""
        stated = str(self.start) if self.start_stated else str(_("start of the plan"))
        start = self.action.start_label or stated
        end = self.action.end_label or (str(self.end) if self.action.end_date else "")
        return f"{start} – {end}" if end else start


def year_of(date, label):
    if date:
        return date.year
    found = YEAR.search(label or "")
    return int(found.group()) if found else None


def plan_schedule(document):
    """The dated actions of ``document`` grouped by their first year, the chart's years and
    the actions without any date."""
    actions = (
        ActionPage.objects.live()
        .descendant_of(document)
        .order_by("path")
        .only(
            "id", "path", "depth", "title", "url_path", "locale_id", "code", "status",
            "start_date", "end_date", "start_label", "end_label",
        )
    )  # fmt: skip
    dated, undated = [], []
    for action in actions:
        start = year_of(action.start_date, action.start_label)
        end = year_of(action.end_date, action.end_label)
        if start is None and end is None:
            undated.append(action)
            continue
        stated = start is not None
        if start is None:
            start = document.period_start if document.period_start and document.period_start <= end else end
        dated.append(ScheduledAction(action, start, max(start, end or start), stated))
    dated.sort(key=lambda row: (row.start, row.action.path))
    bounds = [row.start for row in dated] + [row.end for row in dated]
    bounds += [year for year in (document.period_start, document.period_end) if year]
    years = []
    if dated:
        first = min(bounds)
        last = min(max(bounds), first + MOST_YEARS - 1)
        years = list(range(first, last + 1))
        for row in dated:
            row.first_year, row.last_year = first, last
            row.start, row.end = min(row.start, last), min(row.end, last)
    return {
        "years": years,
        "rows": dated,
        "by_year": [(year, list(rows)) for year, rows in groupby(dated, key=lambda row: row.start)],
        "undated": undated,
    }
