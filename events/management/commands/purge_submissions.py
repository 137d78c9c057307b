"""Erase contributors' personal data some time after the decision on their proposal (GDPR).

    manage.py purge_submissions [--days 90] [--dry-run]

For every proposal decided (approved, refused, or sent back for changes) more than ``--days``
days ago (``HUB_SUBMISSION_RETENTION_DAYS``, 90 by default), the contributor's name, e-mail
address, hashed IP address and browser are erased; the reference, title and decision stay.
Refused proposals also lose their draft event, which was never public. Run it daily (cron).
"""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events.models import Submission


class Command(BaseCommand):
    help = "Erase contributors' personal data a set number of days after the decision."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=getattr(settings, "HUB_SUBMISSION_RETENTION_DAYS", 90),
            help="Keep the data this many days after the decision (default: %(default)s).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would be erased; change nothing.")

    def handle(self, *args, days, dry_run, **options):
        cutoff = timezone.now() - dt.timedelta(days=days)
        due = Submission.objects.filter(
            purged_at__isnull=True, decided_at__lt=cutoff, state__in=list(DECIDED)
        ).select_related("event")
        count = due.count()
        if dry_run:
            self.stdout.write(f"{count} submission(s) decided before {cutoff:%Y-%m-%d} would be purged.")
            return
        drafts = 0
        for submission in due.iterator():
            with transaction.atomic():
                event = submission.event
                if submission.state == Submission.State.REJECTED and event is not None and not event.live:
                    event.delete()
                    drafts += 1
                Submission.objects.filter(pk=submission.pk).update(
                    contact_name="", contact_email="", ip_hash="", user_agent="", purged_at=timezone.now()
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} submission(s) purged, {drafts} refused draft(s) deleted (older than {days} days)."
            )
        )


DECIDED = {Submission.State.APPROVED, Submission.State.REJECTED, Submission.State.CHANGES_REQUESTED}
