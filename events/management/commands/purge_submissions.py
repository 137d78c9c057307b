"""Erase contributors' personal data some time after the decision on their proposal (GDPR).

    manage.py purge_submissions [--days 90] [--dry-run]

For every proposal decided (approved, refused, or sent back for changes) more than ``--days``
days ago (``HUB_SUBMISSION_RETENTION_DAYS``, 90 by default), the contributor's name, e-mail
address, hashed IP address and browser are erased; the reference, title and decision stay.
Refused proposals also lose their draft event, which was never public. Run it daily (cron).
The work is done by ``events.contributions.purge``.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from events.contributions.purge import cutoff, due, purge


class Command(BaseCommand):
    help = "Erase contributors' personal data a set number of days after the decision."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.HUB_SUBMISSION_RETENTION_DAYS,
            help="Keep the data this many days after the decision (default: %(default)s).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would be erased; change nothing.")

    def handle(self, *args, days, dry_run, **options):
        before = cutoff(days)
        submissions = due(before)
        count = submissions.count()
        if dry_run:
            self.stdout.write(f"{count} submission(s) decided before {before:%Y-%m-%d} would be purged.")
            return
        drafts = purge(submissions)
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} submission(s) purged, {drafts} refused draft(s) deleted (older than {days} days)."
            )
        )
