"""Blocks used by the strategy pages: the structured parts of an action sheet."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import RICH_TEXT_FEATURES

from .indicators import IndicatorValue, MeasurementBlock


class LevelLabelBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(label=_("Level name"), max_length=60, **kwargs)

    class Meta:
        icon = "list-ol"


class TargetPublicBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(label=_("Public"), max_length=120, **kwargs)

    class Meta:
        icon = "group"


class AchievementBlock(blocks.StructBlock):
    """Something the document reports as already done."""

    text = blocks.RichTextBlock(label=_("Achievement"), features=RICH_TEXT_FEATURES)
    source_ref = blocks.CharBlock(label=_("Source reference"), required=False, max_length=200)

    class Meta:
        icon = "tick"
        label = _("Achievement")
        template = "blocks/achievement.html"
        description = _("An achievement the document reports, with where it says so.")
        preview_value = {"text": "<p>Ouverture de trois tiers-lieux.</p>", "source_ref": "Introduction"}


class MilestoneBlock(blocks.StructBlock):
    period = blocks.CharBlock(label=_("When"), max_length=60, help_text=_("For example: S2 2024."))
    text = blocks.CharBlock(label=_("What"), max_length=500)

    class Meta:
        icon = "date"
        label = _("Milestone")
        description = _("A step of the action and when it is planned.")
        preview_value = {"period": "S2 2024", "text": "Lancement de l'étude"}


class PartnerBlock(blocks.StructBlock):
    """A partner of an action: a known organisation, or a name as the document prints it."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    organisation = SnippetChooserBlock("home.Organisation", label=_("Organisation"), required=False)
    role = blocks.CharBlock(label=_("Role"), required=False, max_length=200)

    class Meta:
        icon = "group"
        label = _("Partner")
        description = _("Who takes part in the action and in what role.")
        preview_value = {"name": "Région Hauts-de-France", "role": "cofinanceur"}


class BudgetLineValue(blocks.StructValue):
    def has_amount(self):
        return self.get("amount") is not None


class BudgetLineBlock(blocks.StructBlock):
    """A budget line: the source's own wording is kept beside the parsed amount and unit."""

    UNITS = [
        ("eur_ht", _("€ excl. VAT")),
        ("eur_ht_year", _("€ excl. VAT per year")),
        ("eur_ttc", _("€ incl. VAT")),
        ("keur_ht", _("k€ excl. VAT")),
        ("etp", _("full-time equivalents")),
        ("days", _("days")),
    ]

    label = blocks.CharBlock(label=_("Item"), required=False, max_length=200)
    raw = blocks.CharBlock(
        label=_("As written in the source"), max_length=300, help_text=_("Copied exactly, mistakes included.")
    )
    amount = blocks.DecimalBlock(label=_("Amount"), required=False, max_digits=14, decimal_places=2)
    unit = blocks.ChoiceBlock(label=_("Unit"), choices=UNITS, required=False)
    period = blocks.CharBlock(label=_("Period"), required=False, max_length=100)
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=300)

    class Meta:
        icon = "pick"
        label = _("Budget line")
        value_class = BudgetLineValue
        description = _("A cost or a means, as written in the source and as a figure.")
        preview_value = {"label": "Investissement", "raw": "210 000 € HT répartis sur 3 ans", "unit": "eur_ht"}


class IndicatorBlock(blocks.StructBlock):
    """How progress is measured: the document's own words (target, value, date as printed) and,
    when known, the figures: a baseline, a target and dated measured values, drawn as a chart."""

    name = blocks.CharBlock(label=_("Indicator"), max_length=200)
    target = blocks.CharBlock(label=_("Target"), required=False, max_length=100)
    value = blocks.CharBlock(label=_("Measured value"), required=False, max_length=100)
    unit = blocks.CharBlock(label=_("Unit"), required=False, max_length=50)
    date = blocks.CharBlock(label=_("Measured on"), required=False, max_length=50)
    baseline = blocks.DecimalBlock(label=_("Baseline (figure)"), required=False, max_digits=14, decimal_places=2)
    baseline_date = blocks.DateBlock(label=_("Baseline measured on"), required=False)
    target_value = blocks.DecimalBlock(label=_("Target (figure)"), required=False, max_digits=14, decimal_places=2)
    target_date = blocks.DateBlock(label=_("Target date"), required=False)
    measurements = blocks.ListBlock(MeasurementBlock(), label=_("Measured values"), default=[])

    class Meta:
        icon = "doc-full"
        label = _("Indicator")
        value_class = IndicatorValue
        description = _("How progress is measured: target and last measured value.")
        preview_value = {"name": "Personnes accompagnées", "target": "500", "value": "320", "unit": "personnes"}

    def clean(self, value):
        value = super().clean(value)
        days = [item["date"] for item in value.get("measurements") or []]
        if len(days) != len(set(days)):
            raise blocks.StructBlockValidationError(
                non_block_errors=ErrorList([ValidationError(_("Give each date one measured value only."))])
            )
        return value


class RelatedActionBlock(blocks.StructBlock):
    action = blocks.PageChooserBlock(label=_("Action"), page_type="home.ActionPage")
    note = blocks.CharBlock(label=_("Why it is related"), required=False, max_length=300)

    class Meta:
        icon = "link"
        label = _("Related action")
        description = _("Another action this one depends on or feeds.")


class RelatedPageBlock(blocks.PageChooserBlock):
    class Meta:
        icon = "doc-empty"
        label = _("Related page")


class GovernanceBodyBlock(blocks.StructBlock):
    """A body that steers or follows the plan (a steering committee, a local council, a network
    of referents): what it does, who leads it, who sits on it, how often it meets. Shown on the
    plan page under "Governance", as the document describes it."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.TextBlock(label=_("Role"), required=False)
    chair = blocks.CharBlock(label=_("Led by"), required=False, max_length=200)
    members = blocks.TextBlock(label=_("Members"), required=False)
    frequency = blocks.CharBlock(
        label=_("Meets"), required=False, max_length=120, help_text=_("For example: twice a year.")
    )

    class Meta:
        icon = "group"
        label = _("Governance body")
        template = "blocks/governance_body.html"
        description = _("A committee, council or network that steers the plan, and its role.")
        preview_value = {
            "name": "Comité de pilotage",
            "role": "Suit la stratégie et décide de ses orientations.",
            "chair": "Les élus",
            "frequency": "Deux fois par an",
        }


class GovernanceTextBlock(blocks.TextBlock):
    """What the document says of its governance as a whole, before or between its bodies."""

    def __init__(self, **kwargs):
        super().__init__(label=_("Text"), **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/governance_text.html"
