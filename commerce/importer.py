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
  (``commerce.import``), and publishing rebuilds the "open now" rows (``commerce.signals``).
- **Dry run**: the same checks and the same report, nothing written.

Reasons and warnings are translated (gettext): the admin shows them in the editor's language,
the command in English.
"""

import datetime as dt
import html
import json
import logging
import re
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from home.communes import commune_slug
from home.directory.location import check_coordinates
from home.models import Commune

from .csv_file import CsvFileError, read_csv
from .hours_text import HoursSyntaxError, hours_blocks
from .models import MerchantCategory, MerchantIndexPage, MerchantLabel, MerchantPage
from .validators import siret_ok

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
LOG_ACTION = "commerce.import"
MULTI_SEPARATOR = "|"
SERVICES = ("click_and_collect", "delivery", "farm_drive", "farm_sales", "step_free_access", "card_payment")


@dataclass(frozen=True)
class Column:
    name: str
    format: str
    example: str


# The format, in the order of the template; the README section is written from the same list.
COLUMNS = [
    Column("siret", "14 digits (spaces allowed), checked with the Luhn key; finds the page again", "90000000100017"),
    Column("external_id", "identifier in the source, prefixed with it (up to 64 characters)", "comptoir:1042"),
    Column("name", "trade name, required: the page title", "Fromagerie du Val de Sambre"),
    Column("category", "slug or name of a merchant category, required for a new page", "alimentation"),
    Column("summary", "one or two sentences (plain text)", "Maroilles affiné à la ferme."),
    Column("description", "plain text; a blank line starts a new paragraph", "Visite de la cave le samedi."),
    Column("street_address", "street and number", "12 rue de la Gare"),
    Column("commune", "INSEE code or name of a commune of the territory", "59481 or Le Quesnoy"),
    Column("latitude", "decimal degrees WGS84, dot or comma (within France)", "50.2478"),
    Column("longitude", "decimal degrees WGS84, dot or comma (within France)", "3.6368"),
    Column(
        "opening_hours",
        "OpenStreetMap opening_hours subset (see below)",
        "Mo-Fr 09:00-12:30,14:00-19:00; Sa 09:00-12:00",
    ),
    Column("opening_hours_note", "note shown with the hours (up to 200 characters)", "Fermé en août"),
    Column("phone", "phone number as it should be shown", "03 27 00 00 00"),
    Column("email", "e-mail address", "contact@example.fr"),
    Column("website", "address starting with https://", "https://www.example.fr/"),
    Column("marketplace_url", "page on the territory's online marketplace", "https://comptoir.example.fr/1042"),
    Column("products", "products and specialities, separated by |", "Maroilles|Beurre|Crème"),
    Column("services", f"among {', '.join(SERVICES)}; separated by |", "farm_sales|card_payment"),
    Column("labels", "slugs or names of labels, separated by |", "aop-maroilles|bienvenue-a-la-ferme"),
    Column("confirmed_on", "date the business last confirmed its details, YYYY-MM-DD or DD/MM/YYYY", "2026-03-15"),
]
KNOWN = [column.name for column in COLUMNS]
REQUIRED = ["name"]
KEYS = ["siret", "external_id"]

# Page fields each column sets (tags, labels and hours are compared on their own).
PLAIN_FIELDS = {
    "name": ["title"],
    "category": ["category_id"],
    "summary": ["introduction"],
    "description": ["description"],
    "street_address": ["street_address"],
    "commune": ["commune_id"],
    "latitude": ["latitude", "longitude"],
    "longitude": ["latitude", "longitude"],
    "opening_hours_note": ["opening_hours_note"],
    "phone": ["phone"],
    "email": ["email"],
    "website": ["website"],
    "marketplace_url": ["marketplace_url"],
    "services": list(SERVICES),
    "siret": ["siret"],
    "external_id": ["external_id"],
    "confirmed_on": ["confirmed_on"],
}
# Columns copied as they are read onto a page attribute.
ATTRIBUTES = {
    "siret": "siret",
    "external_id": "external_id",
    "summary": "introduction",
    "description": "description",
    "street_address": "street_address",
    "commune": "commune",
    "latitude": "latitude",
    "longitude": "longitude",
    "opening_hours_note": "opening_hours_note",
    "phone": "phone",
    "email": "email",
    "website": "website",
    "marketplace_url": "marketplace_url",
    "confirmed_on": "confirmed_on",
}
FIELD_LABELS = {"category_id": "category", "commune_id": "commune", "title": "name", "introduction": "summary"}


class ImportError_(Exception):
    """The import cannot start (unreadable file, no directory on the site); nothing was imported."""


@dataclass
class RowResult:
    line: int
    outcome: str  # created, updated, unchanged or rejected
    name: str = ""
    key: str = ""
    reasons: list = field(default_factory=list)  # why the row was rejected
    changes: list = field(default_factory=list)  # fields an update changes
    notes: list = field(default_factory=list)
    page_id: int | None = None

    @property
    def reason(self):
        return "; ".join(self.reasons)


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do), row by row."""

    dry_run: bool
    delimiter: str = ";"
    encoding: str = "utf-8"
    rows: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    seconds: float = 0.0

    def count(self, outcome):
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def created(self):
        return self.count("created")

    @property
    def updated(self):
        return self.count("updated")

    @property
    def unchanged(self):
        return self.count("unchanged")

    @property
    def rejected(self):
        return self.count("rejected")

    @property
    def rejected_rows(self):
        return [row for row in self.rows if row.outcome == "rejected"]

    def summary(self):
        verb = "would be " if self.dry_run else ""
        return (
            f"{len(self.rows)} rows: {self.created} {verb}created, {self.updated} {verb}updated, "
            f"{self.unchanged} unchanged, {self.rejected} rejected"
        )


class RowError(Exception):
    def __init__(self, reasons):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def merchant_index(site):
    """The French merchants directory of ``site``; raises :class:`ImportError_` when there is none."""
    index = (
        MerchantIndexPage.objects.descendant_of(site.root_page, inclusive=True)
        .filter(locale__language_code="fr")
        .first()
    )
    if index is None:
        raise ImportError_(
            _("The site %(site)s has no merchants directory in French: create it first.") % {"site": site}
        )
    return index


def import_merchants(site, data, *, dry_run=False, encoding=None, user=None, progress=None, progress_every=500):
    """Import the CSV ``data`` (bytes) into the merchants directory of ``site``.

    ``progress(done, total, report)`` is called every ``progress_every`` rows and at the end.
    Returns an :class:`ImportReport`; raises :class:`ImportError_` when the file or the site
    does not allow any import."""
    started = time.perf_counter()
    try:
        csv_file = read_csv(data, KNOWN, REQUIRED, KEYS, encoding=encoding)
    except CsvFileError as error:
        raise ImportError_(str(error)) from error
    index = merchant_index(site)
    report = ImportReport(
        dry_run=dry_run, delimiter=csv_file.delimiter, encoding=csv_file.encoding, warnings=list(csv_file.warnings)
    )
    importer = _Importer(site, index, csv_file.columns, user=user, dry_run=dry_run)
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
        if dry_run:
            transaction.set_rollback(True)
    if progress is not None and total > progress_every:  # the last figures, after the intermediate ones
        progress(total, total, report)
    report.seconds = time.perf_counter() - started
    return report


# -- one row -----------------------------------------------------------------------------------


def normalise_siret(value):
    return re.sub(r"[\s.\u00a0]", "", value)


def parse_decimal(value):
    try:
        number = Decimal(value.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_date(value):
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def split_multi(value):
    seen = []
    for item in value.split(MULTI_SEPARATOR):
        item = " ".join(item.split())
        if item and item not in seen:
            seen.append(item)
    return seen


def description_html(text):
    """Plain text to the rich text of the description: paragraphs at blank lines, HTML escaped."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(html.escape(line.strip(), quote=False) for line in part.split("\n")) + "</p>"
        for part in paragraphs
    )


def _key(name):
    """A forgiving comparison key for names typed by hand: case, accents, apostrophes, hyphens."""
    return commune_slug(name)


class _Importer:
    def __init__(self, site, index, columns, user=None, dry_run=False):
        self.site, self.index, self.columns, self.user, self.dry_run = site, index, columns, user, dry_run
        self.french = index.locale
        communes = list(Commune.objects.filter(site=site))
        self.communes_by_code = {commune.insee_code: commune for commune in communes}
        self.communes_by_name = {}
        for commune in communes:
            self.communes_by_name.setdefault(_key(commune.name), []).append(commune)
        self.categories = {}
        categories = list(MerchantCategory.objects.filter(locale=self.french))
        self.category_slugs = sorted(category.slug for category in categories)
        for category in categories:
            self.categories[category.slug] = category
            self.categories.setdefault(_key(category.name), category)
        self.labels = {}
        for label in MerchantLabel.objects.filter(locale=self.french):
            self.labels[label.slug] = label
            self.labels.setdefault(_key(label.name), label)
        pages = list(
            MerchantPage.objects.child_of(index)
            .filter(locale=self.french)
            .prefetch_related("tagged_items__tag", "labels")
        )
        self.by_siret = {page.siret: page for page in pages if page.siret}
        self.by_external_id = {page.external_id: page for page in pages if page.external_id}
        # external_id is unique per language across sites (a database constraint).
        self.external_ids_elsewhere = set(
            MerchantPage.objects.filter(locale=self.french)
            .exclude(external_id="")
            .exclude(pk__in=[page.pk for page in pages])
            .values_list("external_id", flat=True)
        )
        self.slugs = set(index.get_children().values_list("slug", flat=True))
        self.seen = {}  # key → line, to refuse a business listed twice
        self.seen_pages = {}  # page id → line

    # -- reading ------------------------------------------------------------------------------

    def row(self, line, row):
        name = row.get("name", "")
        try:
            values = self.read(row)
            key = f"siret:{values['siret']}" if values.get("siret") else f"id:{values.get('external_id', '')}"
            return self.upsert(line, key, values)
        except RowError as error:
            siret, external_id = normalise_siret(row.get("siret", "")), row.get("external_id", "")
            key = f"siret:{siret}" if siret else (f"id:{external_id}" if external_id else "")
            return RowResult(line, "rejected", name=name, key=key, reasons=error.reasons)

    def read(self, row):
        """The row's values as page field values; raises :class:`RowError` with every problem."""
        errors, values = [], {}
        if "__extra__" in row:
            errors.append(
                _("%(count)s more cells than columns in the header (a stray delimiter?)") % {"count": row["__extra__"]}
            )
        name = row.get("name", "")
        if not name:
            errors.append(_("missing name"))
        values["name"] = name
        bad_siret = False
        if "siret" in self.columns:
            siret = normalise_siret(row["siret"])
            bad_siret = bool(siret) and not siret_ok(siret)
            if bad_siret:
                errors.append(
                    (
                        _("bad SIRET '%(value)s': 14 digits with a valid Luhn key expected")
                        if len(siret) == 14 and siret.isdigit()
                        else _("bad SIRET '%(value)s': 14 digits expected")
                    )
                    % {"value": row["siret"]}
                )
            values["siret"] = siret
        if "external_id" in self.columns:
            values["external_id"] = row["external_id"]
            if len(row["external_id"]) > 64:
                errors.append(_("external_id longer than 64 characters"))
        if not values.get("siret") and not values.get("external_id") and not bad_siret:
            errors.append(_("no SIRET and no external_id: a row needs one to be found again"))
        if "category" in self.columns:
            text = row["category"]
            category = self.categories.get(text) or self.categories.get(_key(text)) if text else None
            if text and category is None:
                known = ", ".join(self.category_slugs)
                errors.append(
                    _("unknown category '%(value)s' (known: %(known)s)")
                    % {"value": text, "known": known or _("none, create them in Snippets")}
                )
            values["category"] = category
        if "commune" in self.columns:
            values["commune"] = self.read_commune(row["commune"], errors)
        if "latitude" in self.columns or "longitude" in self.columns:
            latitude, longitude = self.read_coordinates(row, errors)
            values["latitude"], values["longitude"] = latitude, longitude
        if "opening_hours" in self.columns:
            values["opening_hours"] = row["opening_hours"]
            try:
                hours_blocks(row["opening_hours"], "check")
            except HoursSyntaxError as error:
                errors.append(_("unreadable opening hours: %(error)s") % {"error": error})
        for column in ("summary", "street_address", "opening_hours_note", "phone", "email", "website"):
            if column in self.columns:
                values[column] = row[column]
        if "description" in self.columns:
            values["description"] = description_html(row["description"])
        if "marketplace_url" in self.columns:
            values["marketplace_url"] = row["marketplace_url"]
        if "products" in self.columns:
            products = split_multi(row["products"])
            too_long = [item for item in products if len(item) > 100]
            if too_long:
                errors.append(_("product name longer than 100 characters: '%(value)s…'") % {"value": too_long[0][:40]})
            values["products"] = products
        if "services" in self.columns:
            services = [item.lower().replace("-", "_").replace(" ", "_") for item in split_multi(row["services"])]
            unknown = [item for item in services if item not in SERVICES]
            if unknown:
                errors.append(
                    _("unknown service '%(value)s' (use: %(known)s)")
                    % {"value": "', '".join(unknown), "known": ", ".join(SERVICES)}
                )
            values["services"] = services
        if "labels" in self.columns:
            labels = []
            for item in split_multi(row["labels"]):
                label = self.labels.get(item) or self.labels.get(_key(item))
                if label is None:
                    errors.append(_("unknown label '%(value)s'") % {"value": item})
                elif label not in labels:
                    labels.append(label)
            values["labels"] = labels
        if "confirmed_on" in self.columns:
            confirmed = parse_date(row["confirmed_on"]) if row["confirmed_on"] else None
            if row["confirmed_on"] and confirmed is None:
                errors.append(
                    _("confirmed_on '%(value)s' is not a date (YYYY-MM-DD or DD/MM/YYYY)")
                    % {"value": row["confirmed_on"]}
                )
            values["confirmed_on"] = confirmed
        if errors:
            raise RowError(errors)
        return values

    def read_commune(self, text, errors):
        if not text:
            return None
        code = text.split()[0] if text[:5].isdigit() or text[:2] in ("2A", "2B") else None
        if code and code in self.communes_by_code:
            return self.communes_by_code[code]
        matches = self.communes_by_name.get(_key(text), [])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            errors.append(_("commune '%(value)s' is ambiguous: give its INSEE code") % {"value": text})
        else:
            errors.append(
                _("unknown commune '%(value)s': not the INSEE code or name of a commune of %(site)s")
                % {"value": text, "site": self.site}
            )
        return None

    def read_coordinates(self, row, errors):
        texts = (row.get("latitude", ""), row.get("longitude", ""))
        latitude, longitude = (parse_decimal(text) if text else None for text in texts)
        for label, text, value in zip(("latitude", "longitude"), texts, (latitude, longitude), strict=True):
            if text and value is None:
                errors.append(_("%(column)s '%(value)s' is not a number") % {"column": label, "value": text})
                return None, None
        if latitude is not None and longitude is not None:
            latitude, longitude = round(latitude, 6), round(longitude, 6)
        problems = check_coordinates(latitude, longitude)
        if problems:
            errors.append(
                _("coordinates out of range (%(latitude)s, %(longitude)s): %(message)s")
                % {
                    "latitude": texts[0] or "–",
                    "longitude": texts[1] or "–",
                    "message": " ".join(str(message) for message in problems.values()),
                }
            )
            return None, None
        return latitude, longitude

    # -- writing ------------------------------------------------------------------------------

    def find(self, values):
        """The existing page the row is about, or None; raises RowError on a conflict."""
        by_siret = self.by_siret.get(values.get("siret")) if values.get("siret") else None
        by_id = self.by_external_id.get(values.get("external_id")) if values.get("external_id") else None
        if by_siret and by_id and by_siret.pk != by_id.pk:
            raise RowError(
                [
                    _("SIRET %(siret)s is page #%(page)s, external_id '%(value)s' page #%(other)s: fix one of them")
                    % {"siret": values["siret"], "page": by_siret.pk, "value": values["external_id"], "other": by_id.pk}
                ]
            )
        page = by_siret or by_id
        external_id = values.get("external_id")
        if (
            external_id
            and external_id in self.external_ids_elsewhere
            and (page is None or page.external_id != external_id)
        ):
            raise RowError(
                [_("external_id '%(value)s' is already used by a merchant of another site") % {"value": external_id}]
            )
        return page

    def upsert(self, line, key, values):
        if key in self.seen:
            raise RowError([_("same business as line %(line)s (%(key)s)") % {"line": self.seen[key], "key": key}])
        self.seen[key] = line
        page = self.find(values)
        if page is not None and page.pk in self.seen_pages:  # its SIRET on one line, its id on another
            raise RowError([_("same business as line %(line)s") % {"line": self.seen_pages[page.pk]}])
        is_new = page is None
        if is_new:
            if values.get("category") is None:
                raise RowError([_("missing category (required for a new merchant)")])
            page = MerchantPage(locale=self.french, live=False)
        before = self.snapshot(page) if not is_new else None
        self.assign(page, values, key)
        after = self.snapshot(page)
        changes = [] if is_new else [name for name in after if after[name] != before[name]]
        result = RowResult(line, "created" if is_new else ("updated" if changes else "unchanged"), name=values["name"])
        result.key, result.changes, result.page_id = key, changes, page.pk
        if not is_new and page.has_unpublished_changes and changes:
            result.notes.append(_("had a draft with unpublished changes: the imported version is published over it"))
        if is_new or changes:
            self.validate(page)
            if not self.dry_run:
                self.save(page, is_new, values)
                result.page_id = page.pk
        self.remember(page, line)
        return result

    def assign(self, page, values, key):
        page.title = page.draft_title = values["name"]
        if page.pk is None:
            page.slug = self.free_slug(values)
        for column, attribute in ATTRIBUTES.items():
            if column in values:
                setattr(page, attribute, values[column])
        if values.get("category"):  # an existing merchant keeps its category when the cell is empty
            page.category = values["category"]
        if "services" in values:
            for service in SERVICES:
                setattr(page, service, service in values["services"])
        if "opening_hours" in values:
            page.opening_hours = self.hours_with_editors_additions(page, values["opening_hours"], key)
        if "products" in values and self.tags_of(page) != set(values["products"]):
            page.tags.set(values["products"], clear=True)
            page._import_tags = set(values["products"])
        if "labels" in values and self.labels_of(page) != {label.pk for label in values["labels"]}:
            page.labels.set(values["labels"])
            page._import_labels = {label.pk for label in values["labels"]}

    def hours_with_editors_additions(self, page, text, key):
        """The row's usual week, followed by the seasons and exceptions already on the page.
        When the usual week is the same as before, the page's own blocks are kept as they are."""
        current = list(page.opening_hours.raw_data) if page.pk else []
        kept = [block for block in current if not (block.get("type") == "period" and not _dated(block))]
        usual = [block for block in current if block.get("type") == "period" and not _dated(block)]
        new = hours_blocks(text, key)
        if _week(usual) == _week(new):
            return current
        return new + kept

    def snapshot(self, page):
        """The imported fields of ``page``, comparable before and after assigning a row."""
        snapshot = {}
        for column, names in PLAIN_FIELDS.items():
            if column in self.columns:
                for name in names:
                    value = getattr(page, name)
                    snapshot[FIELD_LABELS.get(name, name)] = (
                        format(value.normalize(), "f") if isinstance(value, Decimal) else value
                    )
        if "opening_hours" in self.columns:
            snapshot["opening_hours"] = json.dumps(list(page.opening_hours.raw_data), sort_keys=True, default=str)
        if "products" in self.columns:
            snapshot["products"] = page._import_tags if hasattr(page, "_import_tags") else self.tags_of(page)
        if "labels" in self.columns:
            snapshot["labels"] = page._import_labels if hasattr(page, "_import_labels") else self.labels_of(page)
        return snapshot

    def tags_of(self, page):
        if page.pk is None:
            return set()
        return {item.tag.name for item in page.tagged_items.all()}

    def labels_of(self, page):
        if page.pk is None:
            return set()
        return {label.pk for label in page.labels.all()}

    def free_slug(self, values):
        base = slugify(values["name"])[:200].strip("-") or "commerce"
        candidates = [base]
        if values.get("commune"):
            candidates.append(f"{base}-{values['commune'].slug}")
        candidates += [f"{base}-{number}" for number in range(2, 1000)]
        slug = next(candidate for candidate in candidates if candidate not in self.slugs)
        self.slugs.add(slug)
        return slug

    def validate(self, page):
        """Field checks of the model (lengths, e-mail and web addresses, SIRET), reported as reasons."""
        try:
            page.clean_fields(exclude=[f.name for f in page._meta.fields if f.name not in IMPORTED_MODEL_FIELDS])
        except ValidationError as error:
            raise RowError(
                [
                    f"{FIELD_LABELS.get(name, name)}: {' '.join(str(message) for message in messages)}"
                    for name, messages in error.message_dict.items()
                ]
            ) from None

    def save(self, page, is_new, values):
        try:
            # A savepoint: a failure here loses this row only. The reference index is written
            # once at the end rather than on each of the saves a publication makes.
            with transaction.atomic(), disable_reference_index_auto_update():
                if is_new:
                    self.create_published(page)
                else:
                    # Validated once, by the save that publishing makes.
                    revision = page.save_revision(user=self.user, log_action=LOG_ACTION, clean=False)
                    revision.publish(user=self.user)
                ReferenceIndex.create_or_update_for_object(page)
        except ValidationError as error:
            if is_new:
                page.pk = page.id = None
            raise RowError(
                [f"{name}: {' '.join(map(str, messages))}" for name, messages in error.message_dict.items()]
            ) from None
        except Exception as error:  # a database error, or a bug in a publish handler: this row only
            logger.exception("Merchant import: %s not saved", page.title)
            if is_new:
                page.pk = page.id = None
            raise RowError([_("not saved: %(error)s") % {"error": error}]) from None

    def create_published(self, page):
        """Create ``page`` under the directory, published from its first revision.

        This is what ``save_revision()`` then ``revision.publish()`` do for a page that has never
        existed, without what cannot apply to a page created a moment ago (scheduled publishing,
        aliases, workflows, comments, an older live version) and with one page save instead of
        three: creating 3,000 merchants takes about half the time. The history reads as in the
        admin (created, imported, published) and ``page_published`` is sent as usual, so the
        open-now rows, caches and feeds are updated by their own handlers. Updates go through
        Wagtail's own ``save_revision().publish()``."""
        now = timezone.now()
        page.owner = self.user  # Wagtail logs the creation in the owner's name
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = page.latest_revision_created_at = now
        self.index.add_child(instance=page)  # validates the page (Page.save(clean=True))
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            user=self.user,
            content=page.serializable_data(),
            object_str=str(page),
        )
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision, live_revision=revision, latest_revision_created_at=revision.created_at
        )
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = revision.created_at
        log(instance=page, action=LOG_ACTION, user=self.user, revision=revision, content_changed=True)
        log(instance=page, action="wagtail.publish", user=self.user, revision=revision, content_changed=True)
        page_published.send(sender=MerchantPage, instance=page, revision=revision)

    def remember(self, page, line):
        if page.pk:
            self.seen_pages[page.pk] = line
        if page.siret:
            self.by_siret[page.siret] = page
        if page.external_id:
            self.by_external_id[page.external_id] = page


IMPORTED_MODEL_FIELDS = {
    "title",
    "introduction",
    "description",
    "street_address",
    "latitude",
    "longitude",
    "opening_hours",
    "opening_hours_note",
    "phone",
    "email",
    "website",
    "marketplace_url",
    "siret",
    "external_id",
}


def _dated(block):
    return bool((block.get("value") or {}).get("starts"))


def _week(blocks):
    """The usual week of period blocks as comparable rows, whatever the block ids or the order."""
    from home.directory.opening_hours import OpeningHours

    return sorted(OpeningHours.from_raw(blocks).weekly_rows())
