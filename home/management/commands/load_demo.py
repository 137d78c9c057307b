import time
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule

from home.demo.images import load_images
from home.demo.keywords import load_keywords
from home.demo.loader import MORMAL, DemoLoader, ensure_dev_superuser, territory_slugs
from home.strategy import demo as strategy_demo
from home.strategy.tracker_demo import load_related_pages


class Command(BaseCommand):
    help = (
        "Load the demo territory (Communauté de communes du Pays de Mormal) in French and English. "
        "Safe to run again: only what changed is saved and published."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--territory",
            action="append",
            choices=territory_slugs(),
            help="A territory to load (repeatable). Default: pays-de-mormal.",
        )
        parser.add_argument("--all", action="store_true", help="Load every demo territory.")
        parser.add_argument(
            "--without-strategy", action="store_true", help="Skip the strategy documents (faster, for tests)."
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        territories = territory_slugs() if options["all"] else (options["territory"] or [MORMAL])
        strategy = None if options["without_strategy"] else strategy_demo
        loader = DemoLoader(stdout=self.stdout, territories=territories, strategy=strategy)
        loader.run()
        # Other apps add their demo content through a `demo` module with a `load(loader)`.
        for config in apps.get_app_configs():
            if config.name != "home" and module_has_submodule(config.module, "demo"):
                import_module(f"{config.name}.demo").load(loader)
        # Once every page type has its demo pages: their illustrations.
        load_images(loader)
        # And the pages the roadmap's actions lead to (places, events).
        if strategy is not None:
            load_related_pages(loader)
        # Last: the tags are those the pages above were given.
        load_keywords(loader)
        loader.load_quick_links()
        ensure_dev_superuser(self.stdout)
        for slug, site in loader.sites.items():
            self.stdout.write(f"Site {slug}: {site.root_url}")
        self.stdout.write(self.style.SUCCESS(f"Demo content ready in {time.monotonic() - started:.1f} s."))
