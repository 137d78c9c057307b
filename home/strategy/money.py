"""The money of a strategy: an action's budget as structured lines, and their totals per axis
and per plan.

A BudgetLine is one sum of money an action plans, has committed or has spent: how much, in
which currency, for which year or years, paid by whom, and whether it is investment or
running costs. The free-text budget of an action ("210 000 € HT répartis sur 3 ans") stays
beside it as the source's wording; lines are what the totals, the plan's budget table and the
open data add up.
"""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from home.localized_names import localized_names

from .models import ActionPage, FundingSource, StrategySectionPage

CURRENCY_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}


class BudgetLine(Orderable):
    """One sum of money of an action, shown in its budget table and added up per axis and per
    plan. Its figures are the same in every language (translations copy them)."""

    class Nature(models.TextChoices):
        INVESTMENT = "investment", _("Investment")
        OPERATION = "operation", _("Operation")

    class Stage(models.TextChoices):
        PLANNED = "planned", _("Planned")
        COMMITTED = "committed", _("Committed")
        SPENT = "spent", _("Spent")

    class Tax(models.TextChoices):
        EXCLUDED = "excl", _("excl. VAT")
        INCLUDED = "incl", _("incl. VAT")
        NOT_STATED = "", _("VAT not stated")

    action = ParentalKey(ActionPage, on_delete=models.CASCADE, related_name="budget_items")
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR", help_text=_("ISO 4217 code: EUR…"))
    tax = models.CharField(_("VAT"), max_length=4, choices=Tax.choices, blank=True)
    year_start = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    year_end = models.PositiveSmallIntegerField(
        _("last year"), null=True, blank=True, help_text=_("For a sum spread over several years.")
    )
    funder = models.ForeignKey(
        FundingSource,
        verbose_name=_("funder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the document does not say who pays."),
    )
    nature = models.CharField(
        _("nature"),
        max_length=12,
        choices=Nature.choices,
        blank=True,
        help_text=_("Empty when the document does not say."),
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.PLANNED)

    panels = [
        FieldRowPanel([FieldPanel("amount"), FieldPanel("currency"), FieldPanel("tax")]),
        FieldRowPanel([FieldPanel("year_start"), FieldPanel("year_end")]),
        FieldRowPanel([FieldPanel("funder"), FieldPanel("nature"), FieldPanel("stage")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def clean(self):
        super().clean()
        self.currency = (self.currency or "").strip().upper()
        if len(self.currency) != 3 or not self.currency.isalpha():
            raise ValidationError({"currency": _("Give the three-letter code of the currency, such as EUR.")})
        if self.year_end and not self.year_start:
            raise ValidationError({"year_start": _("Give the first year of the period too.")})
        if self.year_start and self.year_end and self.year_end < self.year_start:
            raise ValidationError({"year_end": _("The last year cannot come before the first.")})

    @property
    def period(self):
        if self.year_start and self.year_end and self.year_end != self.year_start:
            return f"{self.year_start}–{self.year_end}"
        return str(self.year_start or "")


def budget_totals(document):
    """The plan's budget: each top-level axis (section) with its actions' lines and its totals,
    and the plan's totals. Totals are per currency and stage (planned, committed and spent
    money are never added together). A fixed number of queries, whatever the number of lines."""
    axes = list(StrategySectionPage.objects.live().child_of(document).order_by("path"))
    lines = list(
        BudgetLine.objects.filter(action__in=ActionPage.objects.live().descendant_of(document))
        .select_related("action", "funder")
        .order_by("action__path", "sort_order", "pk")
    )
    _name_funders(lines)
    by_axis = defaultdict(list)
    prefix = (document.depth + 1) * ActionPage.steplen
    for line in lines:
        by_axis[line.action.path[:prefix]].append(line)
    rows = [{"axis": axis, "lines": by_axis.pop(axis.path, [])} for axis in axes]
    # Actions placed directly under the document belong to no axis.
    rows.append({"axis": None, "lines": [line for group in by_axis.values() for line in group]})
    return {
        "axes": [dict(row, totals=totals(row["lines"])) for row in rows if row["lines"]],
        "totals": totals(lines),
        "lines": lines,
    }


def action_budget(action):
    """An action's budget lines, their funders named in the active language, and their totals."""
    lines = _name_funders(list(action.budget_items.select_related("funder").order_by("sort_order", "pk")))
    return {"lines": lines, "totals": totals(lines)}


def _name_funders(lines):
    names = localized_names({line.funder for line in lines if line.funder_id}, FundingSource)
    for line in lines:
        line.funder_name = names.get(line.funder_id, "")
    return lines


def totals(lines):
    """The sums of ``lines`` per (currency, stage), in a fixed order."""
    sums = defaultdict(Decimal)
    for line in lines:
        sums[(line.currency, line.stage)] += line.amount
    stages = [stage.value for stage in BudgetLine.Stage]
    return [
        {"currency": currency, "stage": stage, "label": BudgetLine.Stage(stage).label, "amount": amount}
        for (currency, stage), amount in sorted(sums.items(), key=lambda item: (item[0][0], stages.index(item[0][1])))
    ]


def format_amount(amount, currency="EUR"):
    """An amount as the active language writes it: ``1 234 €`` in French, ``€1,234`` in
    English (Django's locale formats); cents only when there are some."""
    decimals = 0 if amount == amount.to_integral_value() else 2
    number = number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    if get_language() == "fr":
        return f"{number}\N{NO-BREAK SPACE}{symbol}"
    # English puts a symbol against the figure and a code before it with a space: €1,234, CHF 1,234.
    return f"{symbol}{number}" if symbol != currency else f"{currency}\N{NO-BREAK SPACE}{number}"


def means_as_written(document):
    """Each action of the plan with a budget in words, as the document writes it (a plan's
    summary of means), in document order; one query."""
    actions = (
        ActionPage.objects.live()
        .descendant_of(document)
        .order_by("path")
        .only("id", "path", "url_path", "title", "code", "locale_id", "lead", "lead_service", "budget_lines")
    )
    return [action for action in actions if action.budget_lines.raw_data]
