"""The strategy as a living plan: each action's dated status history, and how the actions of one
plan carry on in a later plan.

- A **status entry** is one dated fact about an action (its status, how far along it is, a
  comment, where the fact was published). The entries form the action's timeline; the latest
  one sets the action's ``status``, the field listings, filters and exports read, so there is
  one truth. Entries are child objects of the page: they are revisioned with it, and copied to
  its translations with their comments translated (wagtail-localize).
- A **lineage** link says that an action of a later plan continues, replaces or merges an
  action of an earlier plan; both pages show it, each in the reader's language.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


def status_choices():
    # Called, not imported: the models module imports this one.
    from .models import Status

    return Status.choices


class StatusEntry(TranslatableMixin, Orderable):
    """One dated fact of an action's timeline: where it stood on that date, as a resident reads it."""

    action = ParentalKey("home.ActionPage", on_delete=models.CASCADE, related_name="status_entries")
    date = models.DateField(_("date"), default=datetime.date.today)
    date_precision = models.CharField(
        _("precision of the date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("When the source only gives a month or a year, say so: the page then shows no day."),
    )
    status = models.CharField(_("status"), max_length=20, choices=status_choices, default="in_progress")
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("From 0 to 100; leave empty when the source gives no figure."),
    )
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Where this fact is published (a review, a council decision…); shown to the public."),
    )

    translatable_fields = [
        TranslatableField("comment"),
        TranslatableField("source"),
        SynchronizedField("date", overridable=False),
        SynchronizedField("date_precision", overridable=False),
        SynchronizedField("status", overridable=False),
        SynchronizedField("progress", overridable=False),
    ]
    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]),
        FieldPanel("comment"),
        FieldPanel("source"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("status entry")
        verbose_name_plural = _("status history")

    def __str__(self):
        return f"{self.date_display}: {self.status_label}"

    def clean(self):
        super().clean()
        if self.date and self.date > datetime.date.today() + datetime.timedelta(days=1):
            raise ValidationError({"date": _("A status entry records a fact: its date cannot be in the future.")})

    @property
    def status_label(self):
        from .models import Status

        return Status(self.status).label

    @property
    def date_iso(self):
        """The date for ``<time datetime>``, no more precise than the source."""
        if self.date_precision == DatePrecision.YEAR:
            return f"{self.date.year:04d}"
        if self.date_precision == DatePrecision.MONTH:
            return self.date.strftime("%Y-%m")
        return self.date.isoformat()

    @property
    def date_display(self):
        """The date in the active language, as precise as the source."""
        if self.date_precision == DatePrecision.YEAR:
            return str(self.date.year)
        if self.date_precision == DatePrecision.MONTH:
            return formats.date_format(self.date, "YEAR_MONTH_FORMAT")
        return formats.date_format(self.date, "DATE_FORMAT")


def timeline(entries):
    """The entries oldest first: by date, then in the order the editor put them."""
    return sorted(entries, key=lambda entry: (entry.date, entry.sort_order or 0))


def latest_entry(entries):
    ordered = timeline(entries)
    return ordered[-1] if ordered else None


def current_progress(entries):
    """The progress of the latest entry that gives one; None when none does."""
    for entry in reversed(timeline(entries)):
        if entry.progress is not None:
            return entry.progress
    return None


def apply_latest_entry(action):
    """Make the action's status, and the date it holds since, the latest entry's (called when the
    page is saved); say whether there was one."""
    latest = latest_entry(action.status_entries.all())
    if latest is None:
        return False
    action.status = latest.status
    action.status_since = latest.date
    return True


class Lineage(models.TextChoices):
    CONTINUES = "continues", _("continues")
    REPLACES = "replaces", _("replaces")
    MERGES = "merges", _("merges")


# What each page says, by kind: on the later action, then on the earlier one.
LATER_WORDING = {
    Lineage.CONTINUES: _("Follows up the %(plan)s action"),
    Lineage.REPLACES: _("Replaces the %(plan)s action"),
    Lineage.MERGES: _("Brings together the %(plan)s action"),
}
EARLIER_WORDING = {
    Lineage.CONTINUES: _("Continued in %(plan)s as"),
    Lineage.REPLACES: _("Replaced in %(plan)s by"),
    Lineage.MERGES: _("Merged in %(plan)s into"),
}


class ActionLineage(models.Model):
    """How an action of a later plan carries on an action of an earlier plan: it continues it,
    replaces it, or merges it with others. Entered once, between the source-language pages;
    both pages show it in every language."""

    earlier = models.ForeignKey(
        "home.ActionPage", verbose_name=_("earlier action"), on_delete=models.CASCADE, related_name="lineage_later"
    )
    later = models.ForeignKey(
        "home.ActionPage", verbose_name=_("later action"), on_delete=models.CASCADE, related_name="lineage_earlier"
    )
    kind = models.CharField(_("the later action"), max_length=10, choices=Lineage.choices, default=Lineage.CONTINUES)

    panels = [FieldPanel("later"), FieldPanel("kind"), FieldPanel("earlier")]

    class Meta:
        ordering = ["later__path", "earlier__path"]
        verbose_name = _("lineage between plans")
        verbose_name_plural = _("lineage between plans")
        constraints = [models.UniqueConstraint(fields=["earlier", "later"], name="unique_action_lineage")]

    def __str__(self):
        return f"{self.later.code} {self.get_kind_display()} {self.earlier.code}"

    def clean(self):
        super().clean()
        if self.earlier_id and self.earlier_id == self.later_id:
            raise ValidationError(_("An action cannot carry on itself."))
        if self.earlier_id and self.later_id and self.earlier.locale_id != self.later.locale_id:
            raise ValidationError(_("Link the two actions in the same language: the translations follow."))


def lineage_links(action):
    """What the page of ``action`` says about the plans before and after it: a list of
    (wording, target action, its document) in the action's language, earlier plans first.
    A fixed number of queries, whatever the number of links."""
    from .models import ActionPage, StrategyPage

    key = action.translation_key
    rows = ActionLineage.objects.filter(
        models.Q(earlier__translation_key=key) | models.Q(later__translation_key=key)
    ).values_list("earlier__translation_key", "later__translation_key", "kind")
    wanted = []
    for earlier, later, kind in rows:
        item = (earlier, LATER_WORDING[kind]) if later == key else (later, EARLIER_WORDING[kind])
        if item not in wanted:
            wanted.append(item)
    if not wanted:
        return []
    keys = {target for target, _wording in wanted}
    targets = {}
    # The page in the reader's language, else the source page (a plan may be French only).
    for page in ActionPage.objects.live().filter(translation_key__in=keys).select_related("locale"):
        if page.locale_id == action.locale_id or page.translation_key not in targets:
            targets[page.translation_key] = page
    prefixes = {page.path[:length] for page in targets.values() for length in range(4, len(page.path), 4)}
    documents = {page.path: page for page in StrategyPage.objects.live().filter(path__in=prefixes)}
    links = []
    for target_key, wording in wanted:
        target = targets.get(target_key)
        if target is None:
            continue
        document = next((documents[p] for p in sorted(documents) if target.path.startswith(p)), None)
        plan = document.period_display if document and document.period_display else (document.title if document else "")
        links.append({"wording": wording % {"plan": plan}, "action": target, "document": document})
    return sorted(links, key=lambda link: (link["document"].period_start or 0) if link["document"] else 0)


def lineage_by_action(keys):
    """For exports: the actions each action (by translation key) follows up and is continued
    in, as "translation key (code)" texts with the kind when it is not a continuation; one query."""
    links = {key: {"follows_up": [], "continued_in": []} for key in keys}
    rows = ActionLineage.objects.filter(
        models.Q(earlier__translation_key__in=keys) | models.Q(later__translation_key__in=keys)
    ).values_list("earlier__translation_key", "earlier__code", "later__translation_key", "later__code", "kind")
    for earlier, earlier_code, later, later_code, kind in sorted(set(rows), key=lambda row: (row[1], row[3])):
        suffix = "" if kind == Lineage.CONTINUES else f" [{kind}]"
        if later in links:
            links[later]["follows_up"].append(f"{earlier} ({earlier_code}){suffix}")
        if earlier in links:
            links[earlier]["continued_in"].append(f"{later} ({later_code}){suffix}")
    return links


def history_lines(entries):
    """The status history as plain text lines, for exports: date, status, progress, comment."""
    lines = []
    for entry in timeline(entries):
        parts = [entry.date_iso, entry.status]
        if entry.progress is not None:
            parts.append(f"{entry.progress}%")
        if entry.comment:
            parts.append(entry.comment)
        lines.append(" | ".join(parts))
    return lines
