import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Site

from home.strategy.demo import site_loader


class Command(BaseCommand):
    help = (
        "Publish a strategy document transcribed as JSON (format: home/strategy/demo_data/SCHEMA.md) on a "
        "territory's site. Safe to run again after editing the file: only what changed is published."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The document's JSON file.")
        parser.add_argument("--site", help="Hostname of the territory's site (default: the default site).")

    @transaction.atomic
    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        site = self.find_site(options["site"])
        strategy = site_loader(site, stdout=self.stdout)
        try:
            document = strategy.load_document(data)
        except KeyError as error:
            raise CommandError(f"{path}: a required field is missing: {error}") from error
        stats = strategy.stats
        self.stdout.write(
            self.style.SUCCESS(
                f"{document.title}: {stats['sections']} sections, {stats['actions']} actions, "
                f"{stats['translated']} English translations published — {document.full_url}"
            )
        )

    @staticmethod
    def find_site(hostname):
        if hostname is None:
            site = Site.objects.filter(is_default_site=True).first()
        else:
            site = Site.objects.filter(hostname=hostname).first()
        if site is None:
            raise CommandError(f"No site {'with hostname ' + hostname if hostname else 'is the default'}.")
        return site
