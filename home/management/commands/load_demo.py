import time
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule

from home.demo.loader import DemoLoader, ensure_dev_superuser


class Command(BaseCommand):
    help = (
        "Load the demo territory (Communauté de communes du Pays de Mormal) in French and English. "
        "Safe to run again: only what changed is saved and published."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        loader = DemoLoader(stdout=self.stdout)
        loader.run()
        # Other apps add their demo content through a `demo` module with a `load(loader)`.
        for config in apps.get_app_configs():
            if config.name != "home" and module_has_submodule(config.module, "demo"):
                import_module(f"{config.name}.demo").load(loader)
        ensure_dev_superuser(self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready in {time.monotonic() - started:.1f} s."))
