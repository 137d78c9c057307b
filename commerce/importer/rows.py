"""One row of the merchants file: read, matched to a page of the directory, assigned, checked and
saved (or, in a dry run, only compared)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from ..models import MerchantPage
from .cells import Lookups, RowError, normalise_siret
from .columns import CHECKED_FIELDS, COLUMNS, COMPARED, FIELD_NAMES, KEYS, NAME_AND_KEYS, OTHER_COLUMNS
from .report import RowResult

logger = logging.getLogger(__name__)

LOG_ACTION = "commerce.import"


class Importer:
    """The rows of one file, imported one by one into the French merchants directory ``index`` of
    ``site``; ``headers`` are the known columns the file has."""

    def __init__(self, site, index, headers, user=None, dry_run=False):
        self.site, self.index, self.headers, self.user, self.dry_run = site, index, headers, user, dry_run
        self.french = index.locale
        self.lookups = Lookups(site, self.french)
        self.compared = [column for column in COMPARED if self.has(column)]
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

    def has(self, column):
        """Whether the file has ``column`` (or, for the coordinates, either of its two)."""
        return any(header in self.headers for header in column.headers)

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

    # -- reading ------------------------------------------------------------------------------

    def read(self, row):
        """The row's values by column header; raises :class:`RowError` with every reason: the
        name's and the keys' first, then the other columns' in the order of ``COLUMNS``."""
        reasons, values = [], {}
        if "__extra__" in row:
            reasons.append(
                _("%(count)s more cells than columns in the header (a stray delimiter?)") % {"count": row["__extra__"]}
            )
        refused = self.read_columns(NAME_AND_KEYS, row, values, reasons)
        # A key that cannot be read is there all the same: a bad SIRET is not a missing one.
        if not any(values.get(key) or key in refused for key in KEYS):
            reasons.append(_("no SIRET and no external_id: a row needs one to be found again"))
        self.read_columns(OTHER_COLUMNS, row, values, reasons)
        if reasons:
            raise RowError(*reasons)
        return values

    def read_columns(self, columns, row, values, reasons):
        """Read the cells of ``columns`` the file has into ``values``, their problems into
        ``reasons``; returns the headers of the columns that could not be read."""
        refused = []
        for column in columns:
            if not self.has(column):
                continue
            try:
                values[column.header] = column.parse(*(row.get(header, "") for header in column.headers), self.lookups)
            except RowError as error:
                reasons.extend(error.reasons)
                refused.append(column.header)
        return refused

    # -- writing ------------------------------------------------------------------------------

    def find(self, values):
        """The existing page the row is about, or None; raises RowError on a conflict."""
        by_siret = self.by_siret.get(values.get("siret")) if values.get("siret") else None
        by_id = self.by_external_id.get(values.get("external_id")) if values.get("external_id") else None
        if by_siret and by_id and by_siret.pk != by_id.pk:
            raise RowError(
                _("SIRET %(siret)s is page #%(page)s, external_id '%(value)s' page #%(other)s: fix one of them")
                % {"siret": values["siret"], "page": by_siret.pk, "value": values["external_id"], "other": by_id.pk}
            )
        page = by_siret or by_id
        external_id = values.get("external_id")
        if (
            external_id
            and external_id in self.external_ids_elsewhere
            and (page is None or page.external_id != external_id)
        ):
            raise RowError(
                _("external_id '%(value)s' is already used by a merchant of another site") % {"value": external_id}
            )
        return page

    def upsert(self, line, key, values):
        if key in self.seen:
            raise RowError(_("same business as line %(line)s (%(key)s)") % {"line": self.seen[key], "key": key})
        self.seen[key] = line
        page = self.find(values)
        if page is not None and page.pk in self.seen_pages:  # its SIRET on one line, its id on another
            raise RowError(_("same business as line %(line)s") % {"line": self.seen_pages[page.pk]})
        is_new = page is None
        if is_new:
            if values.get("category") is None:
                raise RowError(_("missing category (required for a new merchant)"))
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
        if page.pk is None:
            page.slug = self.free_slug(values)
        for column in COLUMNS:
            if column.header in values:
                column.set(page, values[column.header], key)

    def snapshot(self, page):
        """The imported fields of ``page``, by the names the report gives them, comparable before
        and after assigning a row."""
        snapshot = {}
        for column in self.compared:
            snapshot.update(column.snapshot(page))
        return snapshot

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
            page.clean_fields(exclude=[f.name for f in page._meta.fields if f.name not in CHECKED_FIELDS])
        except ValidationError as error:
            raise RowError(
                *(
                    f"{FIELD_NAMES.get(name, name)}: {' '.join(str(message) for message in messages)}"
                    for name, messages in error.message_dict.items()
                )
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
                *(f"{name}: {' '.join(map(str, messages))}" for name, messages in error.message_dict.items())
            ) from None
        except Exception as error:  # a database error, or a bug in a publish handler: this row only
            logger.exception("Merchant import: %s not saved", page.title)
            if is_new:
                page.pk = page.id = None
            raise RowError(_("not saved: %(error)s") % {"error": error}) from None

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
