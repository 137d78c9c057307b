"""``manage.py import_merchants``: create or update a territory's merchants from a CSV file.

Run by an operator with a file from the chamber of commerce, the chamber of agriculture or the
territory's marketplace (format: ``commerce/import_template.csv`` and the README). Editors can
do the same from the admin (Import merchants).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from home.management.commands.import_communes import Command as ImportCommunes

from ...importer import MerchantImportError, import_merchants


class Command(BaseCommand):
    help = (
        "Create or update merchant pages of a site's directory from a CSV file (see commerce/import_template.csv): "
        "rows are matched by SIRET or external_id; never deletes. Reports created, updated, unchanged and "
        "rejected rows with the line and reason of every rejection. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="FILE.csv", help="The CSV file (UTF-8, columns separated by ; or ,).")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, without saving.")
        parser.add_argument(
            "--site", metavar="HOSTNAME_OR_ID", help="The territory's site (hostname or id); default: the default site."
        )
        parser.add_argument(
            "--encoding",
            choices=["utf-8", "cp1252"],
            help="Read a file that is not UTF-8 as Windows-1252 (Excel's plain CSV); check the accents afterwards.",
        )
        parser.add_argument(
            "--progress-every", type=int, default=500, metavar="N", help="Print progress every N rows (default 500)."
        )

    @no_translations
    def handle(self, *args, **options):
        # The same --site rules as import_communes (hostname or id, default site).
        site = ImportCommunes.find_site(self, options["site"])
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error
        verbosity = options["verbosity"]
        dry_run = options["dry_run"]

        def progress(done, total, report):
            # On stderr, so a redirected report stays clean.
            self.stderr.write(
                f"  {done}/{total} rows ({report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged, {report.rejected} rejected)"
            )

        try:
            report = import_merchants(
                site,
                data,
                dry_run=dry_run,
                encoding=options["encoding"],
                progress=progress if verbosity >= 1 else None,
                progress_every=max(1, options["progress_every"]),
            )
        except MerchantImportError as error:
            raise CommandError(f"{path}: {error}") from error

        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        if verbosity >= 2:
            for row in report.rows:
                if row.outcome in ("created", "updated"):
                    details = f" ({', '.join(row.changes)})" if row.changes else ""
                    self.stdout.write(f"  line {row.line}: {row.outcome} {row.name}{details}")
        for row in report.rejected_rows:
            # Rejections are the point of the report: shown even with -v 0.
            self.stdout.write(self.style.ERROR(f"  line {row.line}: rejected {row.name or '(no name)'}: {row.reason}"))
        if verbosity >= 1:
            for row in report.untranslated_rows:
                languages = ", ".join(row.missing_languages)
                self.stdout.write(f"  line {row.line}: {row.name} has no version in {languages} yet")
            prefix = "Dry run, nothing saved. " if dry_run else ""
            style = self.style.WARNING if report.rejected else self.style.SUCCESS
            self.stdout.write(style(f"{prefix}{path.name} for {site}: {report.summary()} ({report.seconds:.1f} s)"))
