"""Erase contributors' personal data some time after the decision on their proposal (GDPR).

For every proposal decided (approved, refused, or sent back for changes) before the cutoff, the
contributor's name, e-mail address, hashed IP address and browser are erased; the reference,
title and decision stay. Refused proposals also lose their draft event, which was never public.
Run daily by ``manage.py purge_submissions`` (cron).
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .models import Submission

DECIDED = {Submission.State.APPROVED, Submission.State.REJECTED, Submission.State.CHANGES_REQUESTED}


def cutoff(days):
    """Proposals decided before this moment are purged."""
    return timezone.now() - dt.timedelta(days=days)


def due(before):
    """The submissions decided before ``before`` whose personal data is still there."""
    return Submission.objects.filter(
        purged_at__isnull=True, decided_at__lt=before, state__in=list(DECIDED)
    ).select_related("event")


def purge(submissions):
    """Erase the personal data of ``submissions`` (and delete the drafts of refused ones), one
    transaction each; the number of drafts deleted."""
    drafts = 0
    for submission in submissions.iterator():
        with transaction.atomic():
            event = submission.event
            if submission.state == Submission.State.REJECTED and event is not None and not event.live:
                event.delete()
                drafts += 1
            Submission.objects.filter(pk=submission.pk).update(
                contact_name="", contact_email="", ip_hash="", user_agent="", purged_at=timezone.now()
            )
    return drafts
