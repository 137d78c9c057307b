"""Import merchants from a CSV file: shared by ``manage.py import_merchants`` and the admin view.

The communication officer gets lists of businesses from the chamber of commerce, the chamber of
agriculture or the territory's marketplace as spreadsheets; this turns one (saved as CSV, format in
``commerce/import_template.csv`` and the README) into published merchant pages of a territory.

- **Upsert**: a row is matched to a merchant page of the site's directory by SIRET, else by
  external id; it is created when none matches, updated when a value differs, and left
  ``unchanged`` (no new revision) otherwise. Nothing is ever deleted or unpublished.
- **The file owns its columns**: a column present in the header sets that field on every row
  (an empty cell empties it), a column the file does not have is left as editors set it.
  The opening hours column sets the usual week; seasons and exceptions added in the admin are kept.
- **Rejected rows** are reported with their line number and every reason (bad SIRET, unknown
  commune, category or label, coordinates outside France, unreadable hours, missing name…);
  the other rows are imported. A row is written in its own savepoint inside transactions of
  ``BATCH_SIZE`` rows, so an error in one row never loses the others.
- **New pages** are created in French (the source language) under the site's
  ``MerchantIndexPage`` and published; every change is a revision logged as a CSV import
  (``commerce.import``), and publishing rebuilds the "open now" rows (``commerce.open_now``).
- **Dry run**: the same checks and the same report, nothing written.

Reasons and warnings are translated (gettext): the admin shows them in the editor's language,
the command in English.

The modules: ``csv_file`` reads the file as a whole (encoding, delimiter, header); ``columns``
declares the columns, ``cells`` reads one cell; ``rows`` imports one row; ``report`` is what the
command and the admin show.
"""

import time
from contextlib import nullcontext

from django.db import transaction
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from ..models import MerchantIndexPage, MerchantPage
from .columns import HEADERS, KEYS, REQUIRED
from .csv_file import CsvFileError, read_csv
from .report import ImportReport
from .rows import Importer

__all__ = ["BATCH_SIZE", "MerchantImportError", "french_directory", "import_merchants"]

BATCH_SIZE = 100


class MerchantImportError(Exception):
    """The import cannot start (unreadable file, no directory on the site); nothing was imported.
    A row that cannot be imported is not one: it is reported as rejected."""


def french_directory(site):
    """The merchants directory of ``site`` in French, where imports create pages; None when there is none."""
    return (
        MerchantIndexPage.objects.descendant_of(site.root_page, inclusive=True)
        .filter(locale__language_code="fr")
        .first()
    )


def note_missing_translations(report, index):
    """Mark the imported rows whose merchant has no page yet in a language the directory is
    published in (English on a bilingual site): imports write French, translators go on from
    this list. Two queries, whatever the number of rows."""
    languages = {
        page.locale.language_code: page.locale_id for page in index.get_translations().live().select_related("locale")
    }
    rows = [row for row in report.rows if row.page_id and row.outcome != "rejected"]
    if not languages or not rows:
        return
    keys = dict(MerchantPage.objects.filter(pk__in=[row.page_id for row in rows]).values_list("pk", "translation_key"))
    existing = set(
        MerchantPage.objects.filter(translation_key__in=keys.values(), locale_id__in=languages.values()).values_list(
            "translation_key", "locale_id"
        )
    )
    for row in rows:
        missing = [code for code, locale_id in languages.items() if (keys.get(row.page_id), locale_id) not in existing]
        if missing:
            row.missing_languages = sorted(missing)
            row.notes.append(
                _("No %(languages)s version yet: translate the page so that it shows on that site.")
                % {"languages": ", ".join(str(get_language_info(code)["name_translated"]) for code in sorted(missing))}
            )


def import_merchants(site, data, *, dry_run=False, encoding=None, user=None, progress=None, progress_every=500):
    """Import the CSV ``data`` (bytes) into the merchants directory of ``site``.

    ``progress(done, total, report)`` is called every ``progress_every`` rows and at the end.
    Returns an :class:`ImportReport`; raises :class:`MerchantImportError` when the file or the site
    does not allow any import."""
    started = time.perf_counter()
    try:
        csv_file = read_csv(data, HEADERS, REQUIRED, KEYS, encoding=encoding)
    except CsvFileError as error:
        raise MerchantImportError(str(error)) from error
    index = french_directory(site)
    if index is None:
        raise MerchantImportError(
            _("The site %(site)s has no merchants directory in French: create it first.") % {"site": site}
        )
    report = ImportReport(
        dry_run=dry_run, delimiter=csv_file.delimiter, encoding=csv_file.encoding, warnings=list(csv_file.warnings)
    )
    importer = Importer(site, index, csv_file.columns, user=user, dry_run=dry_run)
    total = len(csv_file.rows)
    # Real imports commit every batch; a dry run undoes anything a lookup might have written.
    with transaction.atomic() if dry_run else nullcontext():
        for start in range(0, total, BATCH_SIZE):
            batch = csv_file.rows[start : start + BATCH_SIZE]
            with transaction.atomic():
                for line, row in batch:
                    report.rows.append(importer.row(line, row))
                    done = len(report.rows)
                    if progress is not None and (done % progress_every == 0 and done != total):
                        progress(done, total, report)
        note_missing_translations(report, index)
        if dry_run:
            transaction.set_rollback(True)
    if progress is not None and total > progress_every:  # the last figures, after the intermediate ones
        progress(total, total, report)
    report.seconds = time.perf_counter() - started
    return report
