"""The territory's digital strategy: roadmap documents, their sections and their actions.

A StrategyPage is one document (a schéma directeur, a feuille de route); its sections nest as
deep as the document needs (Axe → Sous-thème, or Pilier → Axe → Champ d'action → Objectif) and
hold ActionPages, which may hold sub-actions.
"""

import json

from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.api_fields import CommunesField, RichTextHTMLField, TagNamesField, TranslatedNamesField
from home.blocks import RICH_TEXT_FEATURES
from home.images import MainImageMixin
from home.localized_names import localized_names
from home.models.pages import BasePage
from home.opendata.licence import LICENCE, LICENCE_URL
from home.public_urls import absolute_page_url
from home.taxonomy import TaxonomyPanel, source_language_only

from .blocks import (
    AchievementBlock,
    BudgetLineBlock,
    GovernanceBodyBlock,
    GovernanceTextBlock,
    IndicatorBlock,
    LevelLabelBlock,
    MilestoneBlock,
    PartnerBlock,
    RelatedActionBlock,
    RelatedPageBlock,
    TargetPublicBlock,
)
from .tracker import apply_latest_entry, current_progress, lineage_links, timeline
from .tracker_panels import StatusChangePanel

# Transcription provenance (file, lines, what the extraction lost) helps editors check a page
# against its source; residents need none of it, so these fields are never rendered publicly.
EDITOR_NOTES_HELP = _(
    "For editors only, never shown to the public: what the source text lost, doubts of transcription."
)
SOURCE_REF_HELP = _("For editors only, never shown to the public: where in the source document this comes from.")


class Theme(TranslatableMixin, models.Model):
    """A theme shared by the territory's documents (digital inclusion, tiers-lieux, mobility…),
    used to compare documents and to filter actions."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60)

    translatable_fields = [TranslatableField("name"), SynchronizedField("slug", overridable=False)]
    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_per_locale")]

    def __str__(self):
        return self.name


class FundingSource(TranslatableMixin, models.Model):
    """A programme or body that funds actions (FEDER, REACT-EU, ADEME, France 2030, Région…)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("website"),
    ]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("website")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_funding_slug_per_locale")]

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    DONE = "done", _("Done")
    IN_PROGRESS = "in_progress", _("In progress")
    PLANNED = "planned", _("Planned")
    CONSIDERED = "considered", _("Considered")
    TO_DEFINE = "to_define", _("To be defined")
    ABANDONED = "abandoned", _("Abandoned")
    UNKNOWN = "unknown", _("Not stated")


class StrategyIndexPage(BasePage):
    """The territory's roadmap documents, newest first, and how they compare over time."""

    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("introduction")]
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StrategyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("strategy index")
        verbose_name_plural = _("strategy indexes")

    def get_context(self, request, *args, **kwargs):
        from .outline import documents_overview

        context = super().get_context(request, *args, **kwargs)
        context["overview"] = documents_overview(self)
        return context


class OutlineMixin:
    """Pages that show the outline of the sections and actions below them, with filters."""

    def get_context(self, request, *args, **kwargs):
        from .filters import filter_choices, filter_form, read_filters
        from .outline import outline, status_summary

        context = super().get_context(request, *args, **kwargs)
        choices = filter_choices(self)
        filters = read_filters(request, choices)
        tree, shown = outline(self, filters)
        context.update(
            {
                "outline": tree,
                "filters": filters,
                "filter_form": filter_form(choices, filters),
                "summary": status_summary(shown),
            }
        )
        return context


class StrategyPage(OutlineMixin, RoutablePageMixin, BasePage):
    """One strategy document: its identity, how it names its levels, and what it reports as
    achieved. Its sections and actions are its child pages."""

    class Kind(models.TextChoices):
        SDUS = "sdus", _("Digital services master plan (SDUS)")
        ROADMAP = "feuille_de_route", _("Digital roadmap")
        STRATEGY = "strategie", _("Digital strategy")

    kind = models.CharField(_("kind of document"), max_length=20, choices=Kind.choices)
    version = models.CharField(_("version"), max_length=60, blank=True)
    date_label = models.CharField(
        _("date as printed"), max_length=60, blank=True, help_text=_("For example: Mars 2023.")
    )
    period_start = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    period_note = models.TextField(
        _("note on the period"),
        blank=True,
        help_text=_("When the document contradicts itself about its period, say how here."),
    )
    source_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("source document (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_file = models.CharField(
        _("source file"),
        max_length=120,
        blank=True,
        help_text=_("For editors only, never shown to the public: the transcribed file."),
    )
    source_author = models.CharField(
        _("author body"),
        max_length=200,
        blank=True,
        help_text=_("Who wrote or issued the document, as it says; shown in the page's Source box."),
    )
    adoption = models.CharField(
        _("adoption"),
        max_length=255,
        blank=True,
        help_text=_("How and when the document was adopted, as it says; empty when it does not say."),
    )
    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    level_labels = StreamField(
        [("level", LevelLabelBlock())],
        verbose_name=_("names of the levels"),
        blank=True,
        help_text=_("How the document names each level of its sections, top first: Axe, Sous-thème…"),
    )
    action_label = models.CharField(
        _("name of an action"), max_length=60, blank=True, help_text=_("Action, Fiche action, Levier d'action…")
    )
    editor_notes = RichTextField(
        _("notes for editors"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=EDITOR_NOTES_HELP,
    )
    bilan = StreamField(
        [("achievement", AchievementBlock())],
        verbose_name=_("achievements reported"),
        blank=True,
    )
    governance = StreamField(
        [("text", GovernanceTextBlock()), ("body", GovernanceBodyBlock())],
        verbose_name=_("governance"),
        blank=True,
        help_text=_("Committees, pilots and partners' roles as the document describes them; shown on the plan page."),
    )

    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("date_label"),
        TranslatableField("period_note"),
        TranslatableField("adoption"),
        TranslatableField("introduction"),
        TranslatableField("level_labels"),
        TranslatableField("action_label"),
        TranslatableField("editor_notes"),
        TranslatableField("bilan"),
        TranslatableField("governance"),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("version"),
        SynchronizedField("period_start", overridable=False),
        SynchronizedField("period_end", overridable=False),
        SynchronizedField("source_document"),
        SynchronizedField("source_file", overridable=False),
        SynchronizedField("source_author"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("version"), FieldPanel("date_label")]),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("period_note"),
                FieldRowPanel([FieldPanel("source_author"), FieldPanel("adoption")]),
                FieldRowPanel([FieldPanel("source_document"), FieldPanel("source_file")]),
            ],
            heading=_("The document"),
        ),
        FieldPanel("level_labels"),
        FieldPanel("action_label"),
        FieldPanel("editor_notes"),
        FieldPanel("bilan"),
        FieldPanel("governance"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("introduction")]
    api_fields = BasePage.api_fields + [
        APIField("kind"),
        APIField("version"),
        APIField("date_label"),
        APIField("period_start"),
        APIField("period_end"),
        APIField("introduction", serializer=RichTextHTMLField()),
        APIField("action_label"),
    ]

    parent_page_types = ["home.StrategyIndexPage"]
    subpage_types = ["home.StrategySectionPage", "home.ActionPage"]

    class Meta:
        verbose_name = _("strategy document")
        verbose_name_plural = _("strategy documents")

    # Wagtail page addresses cannot contain a dot: the file name comes with Content-Disposition.
    @path("export/csv/", name="actions_csv")
    def actions_csv(self, request):
        from home.csv_export import csv_text

        from .exports import EXPORT_FIELDS, export_filename, export_rows

        rows = ([row.get(field) for field in EXPORT_FIELDS] for row in export_rows(self, request))
        response = HttpResponse(csv_text(EXPORT_FIELDS, rows), content_type="text/csv; charset=utf-8")
        return self._open_data(response, export_filename(self, "csv"))

    @path("export/json/", name="actions_json")
    def actions_json(self, request):
        from .exports import export_filename, export_rows

        data = {
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "document": {
                "id": str(self.translation_key),
                "title": self.title,
                "kind": self.kind,
                "version": self.version,
                "period_start": self.period_start,
                "period_end": self.period_end,
                "language": self.locale.language_code,
                "url": absolute_page_url(self, request),
            },
            "actions": export_rows(self, request),
        }
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
        return self._open_data(response, export_filename(self, "json"))

    @path("calendrier/", name="schedule")
    @path("timeline/")
    def schedule(self, request):
        """The plan's actions by year: a list, and bars from each action's start to its end."""
        from .schedule import plan_schedule

        return self.render(
            request, template="home/strategy_schedule.html", context_overrides={"schedule": plan_schedule(self)}
        )

    @staticmethod
    def _open_data(response, filename):
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Link"] = f'<{LICENCE_URL}>; rel="license"'
        response["Access-Control-Allow-Origin"] = "*"
        return response

    @property
    def period_display(self):
        if self.period_start and self.period_end and self.period_start != self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_start or self.period_end or "")


class StrategySectionPage(OutlineMixin, BasePage):
    """A level of a document (an axis, a pillar, a field of action…); sections nest."""

    level_label = models.CharField(_("level"), max_length=60, help_text=_("As the document names it: Axe, Pilier…"))
    number = models.CharField(_("number"), max_length=20, blank=True)
    introduction = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    editor_notes = RichTextField(
        _("notes for editors"), features=RICH_TEXT_FEATURES, blank=True, help_text=EDITOR_NOTES_HELP
    )
    source_ref = models.CharField(_("source reference"), max_length=200, blank=True, help_text=SOURCE_REF_HELP)

    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("level_label"),
        TranslatableField("introduction"),
        TranslatableField("editor_notes"),
        SynchronizedField("number", overridable=False),
        SynchronizedField("source_ref"),
    ]
    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("level_label"), FieldPanel("number")]),
        FieldPanel("introduction"),
        FieldPanel("editor_notes"),
        FieldPanel("source_ref"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("number")]
    api_fields = BasePage.api_fields + [
        APIField("level_label"),
        APIField("number"),
        APIField("introduction", serializer=RichTextHTMLField()),
    ]

    parent_page_types = ["home.StrategyPage", "home.StrategySectionPage"]
    subpage_types = ["home.StrategySectionPage", "home.ActionPage"]

    class Meta:
        verbose_name = _("strategy section")
        verbose_name_plural = _("strategy sections")


class ActionPageTag(TaggedItemBase):
    content_object = ParentalKey("home.ActionPage", on_delete=models.CASCADE, related_name="tagged_items")


class ActionPage(MainImageMixin, BasePage):
    """An action of a strategy document: what it aims at, where it stands, who leads it, what
    it costs and who funds it. An action may hold sub-actions."""

    code = models.CharField(_("code"), max_length=30, help_text=_("The action's number as the document writes it."))
    full_title = models.TextField(
        _("full title"),
        blank=True,
        help_text=_(
            "The whole heading as the document writes it, when it is longer than a page title holds "
            "(255 characters); shown as the page's heading, the title above being its short form."
        ),
    )
    objective = models.TextField(_("objective"), blank=True)
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UNKNOWN)
    status_note = models.TextField(_("note on the status"), blank=True)
    status_since = models.DateField(
        _("status since"),
        null=True,
        blank=True,
        help_text=_("Filled in when the action is published with a new status; correct it if the change is older."),
    )
    priority = models.BooleanField(_("priority"), default=False)
    start_label = models.CharField(_("start"), max_length=60, blank=True, help_text=_("As printed: 2023, S1 2024…"))
    end_label = models.CharField(_("end"), max_length=60, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    milestones = StreamField([("milestone", MilestoneBlock())], verbose_name=_("milestones"), blank=True)
    lead = models.CharField(_("lead organisation"), max_length=200, blank=True)
    lead_service = models.CharField(_("lead service"), max_length=200, blank=True)
    partners = StreamField([("partner", PartnerBlock())], verbose_name=_("partners"), blank=True)
    budget_lines = StreamField([("line", BudgetLineBlock())], verbose_name=_("budget"), blank=True)
    funding_sources = ParentalManyToManyField(
        FundingSource, verbose_name=_("funding"), blank=True, limit_choices_to=source_language_only
    )
    indicators = StreamField([("indicator", IndicatorBlock())], verbose_name=_("indicators"), blank=True)
    tags = ClusterTaggableManager(through=ActionPageTag, verbose_name=_("tags"), blank=True)
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True, limit_choices_to=source_language_only)
    target_publics = StreamField([("public", TargetPublicBlock())], verbose_name=_("target publics"), blank=True)
    communes = ParentalManyToManyField("home.Commune", verbose_name=_("communes concerned"), blank=True)
    related_pages = StreamField([("page", RelatedPageBlock())], verbose_name=_("related pages"), blank=True)
    related_actions = StreamField([("action", RelatedActionBlock())], verbose_name=_("related actions"), blank=True)
    source_ref = models.CharField(_("source reference"), max_length=200, blank=True, help_text=SOURCE_REF_HELP)

    translatable_fields = (
        BasePage.translatable_fields
        + MainImageMixin.image_translatable_fields
        + [
            TranslatableField("full_title"),
            TranslatableField("objective"),
            TranslatableField("description"),
            TranslatableField("status_note"),
            TranslatableField("start_label"),
            TranslatableField("end_label"),
            TranslatableField("milestones"),
            TranslatableField("lead"),
            TranslatableField("lead_service"),
            TranslatableField("partners"),
            TranslatableField("budget_lines"),
            TranslatableField("indicators"),
            TranslatableField("target_publics"),
            TranslatableField("related_pages"),
            TranslatableField("related_actions"),
            TranslatableField("status_entries"),
            SynchronizedField("code", overridable=False),
            SynchronizedField("status", overridable=False),
            SynchronizedField("status_since", overridable=False),
            SynchronizedField("priority", overridable=False),
            SynchronizedField("start_date", overridable=False),
            SynchronizedField("end_date", overridable=False),
            SynchronizedField("funding_sources"),
            SynchronizedField("themes"),
            SynchronizedField("tagged_items"),
            SynchronizedField("communes"),
            SynchronizedField("source_ref"),
            # Figures are the same in every language (home/strategy/money.py).
            SynchronizedField("budget_items"),
        ]
    )

    content_panels = (
        [StatusChangePanel()]
        + BasePage.content_panels
        + [
            FieldPanel("full_title"),
            FieldPanel("code"),
            FieldPanel("objective"),
            FieldPanel("description"),
            *MainImageMixin.image_panels,
            FieldPanel("target_publics"),
            TaxonomyPanel("themes"),
            FieldPanel("tags"),
        ]
    )
    status_panels = [
        InlinePanel("status_entries", heading=_("Status history"), label=_("status entry")),
        FieldRowPanel(
            [
                FieldPanel("status", help_text=_("Once the status history has entries, its latest entry sets it.")),
                FieldPanel("status_since"),
                FieldPanel("priority"),
            ]
        ),
        FieldPanel("status_note"),
        FieldRowPanel([FieldPanel("start_label"), FieldPanel("end_label")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("milestones"),
        FieldPanel("indicators"),
    ]
    people_panels = [
        FieldRowPanel([FieldPanel("lead"), FieldPanel("lead_service")]),
        FieldPanel("partners"),
        FieldPanel("budget_lines"),
        InlinePanel("budget_items", heading=_("Budget lines (figures)"), label=_("Budget line")),
        TaxonomyPanel("funding_sources"),
    ]
    links_panels = [
        FieldPanel("communes"),
        FieldPanel("related_actions"),
        FieldPanel("related_pages"),
        FieldPanel("source_ref"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(status_panels, heading=_("Schedule and status")),
            ObjectList(people_panels, heading=_("People and money")),
            ObjectList(links_panels, heading=_("Links")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("code", boost=3),
        index.AutocompleteField("code"),
        index.SearchField("objective"),
        index.SearchField("description"),
        index.FilterField("status"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("code"),
        APIField("status"),
        APIField("priority"),
        APIField("objective"),
        APIField("description", serializer=RichTextHTMLField()),
        APIField("start_label"),
        APIField("end_label"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("lead"),
        APIField("lead_service"),
        APIField("themes", serializer=TranslatedNamesField(Theme, many=True)),
        APIField("funding_sources", serializer=TranslatedNamesField(FundingSource, many=True)),
        APIField("tags", serializer=TagNamesField()),
        APIField("communes", serializer=CommunesField()),
    ]
    api_prefetch_related = ["themes", "funding_sources", "tags", "communes"]

    parent_page_types = ["home.StrategyPage", "home.StrategySectionPage", "home.ActionPage"]
    subpage_types = ["home.ActionPage"]

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = list(self.themes.all())
        funding = list(self.funding_sources.all())
        theme_names = localized_names(themes, Theme)
        funding_names = localized_names(funding, FundingSource)
        context.update(
            {
                "theme_names": sorted(theme_names.values()),
                "funding_names": sorted(funding_names.values()),
                "sub_actions": ActionPage.objects.live().child_of(self),
                "communes_concerned": self.communes.all(),
                "document": StrategyPage.objects.ancestor_of(self).first(),
                "lineage": lineage_links(self),
                "timeline": self.timeline,
            }
        )
        return context

    def full_clean(self, *args, **kwargs):
        # Drafts too: a revision holds the status its latest entry gives.
        apply_latest_entry(self)
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        # The home page's "recent progress" reads status_since. With a status history, it is the
        # latest entry's date; without one, the day the status was first stated or last changed.
        # A draft's entries are saved with the page only when it is published (update_fields
        # leaves them out), so only the date stated here is written at once.
        if not apply_latest_entry(self):
            previous = None
            if self.pk:
                previous = ActionPage.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            changed = self.status != previous if previous is not None else self.status != Status.UNKNOWN
            if changed and (previous is not None or self.status_since is None):
                self.status_since = timezone.localdate()
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "status_since"}
        return super().save(*args, **kwargs)

    @property
    def timeline(self):
        """The status history, oldest first."""
        return timeline(self.status_entries.all())

    @property
    def progress(self):
        return current_progress(self.status_entries.all())

    @property
    def heading(self):
        """The action's whole heading: its full title when the page title is a short form."""
        return self.full_title or self.title

    @property
    def status_label(self):
        return Status(self.status).label
