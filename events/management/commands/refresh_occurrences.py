from django.core.management.base import BaseCommand

from events.occurrences import horizon_days, rebuild_all


class Command(BaseCommand):
    help = (
        "Rebuild the occurrences of every published event, so the rolling horizon moves forward "
        "(run it daily, e.g. from cron: `manage.py refresh_occurrences`). Publishing an event already "
        "rebuilds its own occurrences."
    )

    def handle(self, *args, **options):
        events, occurrences = rebuild_all(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"{events} events, {occurrences} occurrences up to {horizon_days()} days ahead.")
        )
