from django.core.management.base import BaseCommand

from events.contributions.ingest import due_feeds, read_calendar
from events.models import CalendarFeed


class Command(BaseCommand):
    help = (
        "Read the calendars associations registered and copy their new, changed and cancelled events "
        "into the agenda (run it every hour from cron: each calendar is read every "
        "HUB_INGEST_INTERVAL_HOURS). A calendar that cannot be read gets a report, never stops the others."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Read every active calendar, even if read recently.")
        parser.add_argument("--feed", type=int, action="append", help="Read this calendar only (its id).")

    def handle(self, *args, **options):
        feeds = CalendarFeed.objects.filter(active=True) if options["all"] or options["feed"] else due_feeds()
        if options["feed"]:
            feeds = feeds.filter(pk__in=options["feed"])
        feeds = list(feeds.select_related("organisation", "agenda").order_by("pk"))
        total = len(feeds)
        self.stdout.write(f"{total} calendar(s) to read.")
        failed = 0
        for number, feed in enumerate(feeds, 1):
            report = read_calendar(feed)
            status = report.get("status")
            counts = ", ".join(f"{value} {name}" for name, value in report.get("counts", {}).items() if value)
            line = f"[{number}/{total}] {feed.organisation} — {feed.url}: {status}"
            if counts:
                line += f" ({counts})"
            if report.get("error"):
                failed += 1
                line += f" — {report['error']}"
            for problem in report.get("problems", []):
                line += f"\n    {problem}"
            self.stdout.write(self.style.ERROR(line) if report.get("error") else line)
        self.stdout.write(self.style.SUCCESS(f"Done: {total - failed} read, {failed} could not be read."))
