"""Forget the search wordings nobody has typed for a while.

    manage.py purge_search_terms [--days 365] [--dry-run]

Visitors sometimes type personal things in a search box (a neighbour's name, an address): the
report of searches keeps only the words, and this command deletes every wording last searched
more than ``--days`` days ago (``HUB_SEARCH_TERM_RETENTION_DAYS``, 365 by default). Run it daily
(cron), like ``purge_submissions``.
"""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from search.models import SearchTerm


class Command(BaseCommand):
    help = "Delete the search wordings not searched for a set number of days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.HUB_SEARCH_TERM_RETENTION_DAYS,
            help="Keep a wording this many days after it was last searched (default: %(default)s).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; change nothing.")

    def handle(self, *args, days, dry_run, **options):
        cutoff = timezone.now() - dt.timedelta(days=days)
        due = SearchTerm.objects.filter(last_searched_at__lt=cutoff)
        if dry_run:
            count = due.count()
            self.stdout.write(f"{count} search wording(s) last searched before {cutoff:%Y-%m-%d} would be deleted.")
            return
        count, _ = due.delete()
        self.stdout.write(self.style.SUCCESS(f"{count} search wording(s) deleted (not searched for {days} days)."))
