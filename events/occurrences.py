"""Keep the occurrence table in step with published events."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import EventPage, Occurrence
from .recurrence import occurrences

# How far back the archive keeps past occurrences of a long-running series, and how far ahead
# occurrences are materialised; `manage.py refresh_occurrences` rolls the horizon forward.
PAST_DAYS = 730


def horizon_days():
    return settings.HUB_OCCURRENCE_HORIZON_DAYS


def window(now=None):
    now = now or timezone.now()
    return now - dt.timedelta(days=PAST_DAYS), now + dt.timedelta(days=horizon_days())


@transaction.atomic
def rebuild(event, now=None):
    """Replace an event's occurrences: none unless it is live."""
    Occurrence.objects.filter(event=event).delete()
    if not event.live:
        return 0
    start, end = window(now)
    rows = [
        Occurrence(event=event, start=item.start, end=item.end, all_day=item.all_day, cancelled=item.cancelled)
        for item in occurrences(event, max(start, event.start - dt.timedelta(days=1)), end)
    ]
    Occurrence.objects.bulk_create(rows)
    return len(rows)


def rebuild_all(now=None, stdout=None):
    total = count = 0
    Occurrence.objects.exclude(event__live=True).delete()
    for event in EventPage.objects.live().iterator():
        total += rebuild(event, now)
        count += 1
        if stdout is not None and count % 100 == 0:
            stdout.write(f"  {count} events…")
    return count, total
