"""``manage.py import_communes``: fill a territory's communes from an INSEE/DGCL extract.

Run by an operator when a territory (site) is set up, and again after each yearly release
of the data, so editors find the communes ready in the admin and in the commune filters.
"""

from django.core.management.base import BaseCommand, CommandError, no_translations

from wagtail.models import Site

from home.communes import CommuneImportError, import_communes


class Command(BaseCommand):
    help = (
        "Create or update the member communes of an EPCI for a site, from a JSON extract of "
        "@etalab/decoupage-administratif (see home/demo/data/decoupage/README.md). "
        "Never deletes; coordinates, area and website set by editors are kept. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--epci", required=True, metavar="SIREN", help="SIREN of the EPCI, e.g. 200043321.")
        parser.add_argument(
            "--from",
            dest="path",
            required=True,
            metavar="FILE",
            help="The JSON extract, e.g. home/demo/data/decoupage/communes-epci.json.",
        )
        parser.add_argument(
            "--site", metavar="HOSTNAME_OR_ID", help="The territory's site (hostname or id); default: the default site."
        )

    # An operator tool: the model's validation messages in English, like the rest of the output.
    @no_translations
    def handle(self, *args, **options):
        site = self.find_site(options["site"])
        # Per-commune lines at the default verbosity; -v 0 keeps only errors.
        stdout = self.stdout if options["verbosity"] >= 1 else None
        try:
            result = import_communes(site, options["epci"], options["path"], stdout=stdout)
        except CommuneImportError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Communes of {result.epci_name}: {result.total} "
                    f"({result.created} created, {result.updated} updated, {result.unchanged} unchanged)"
                )
            )

    def find_site(self, value):
        if value is None:
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                raise CommandError("There is no default site: give one with --site HOSTNAME_OR_ID.")
            return site
        sites = Site.objects.filter(pk=int(value)) if value.isdigit() else Site.objects.filter(hostname=value)
        sites = list(sites)
        if not sites:
            raise CommandError(f"No site with hostname or id {value!r}.")
        if len(sites) > 1:
            # The same hostname on two ports: only the id tells them apart.
            ids = ", ".join(f"#{site.pk} (port {site.port})" for site in sites)
            raise CommandError(f"Several sites have the hostname {value!r}: {ids}; give the id instead.")
        return sites[0]
