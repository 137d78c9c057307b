"""The open dataset of the strategy: the actions of the territory's strategy documents
(registered in ``home/wagtail_hooks.py``)."""

from django.utils.translation import gettext_lazy as _

from home.localized_names import localized_names
from home.opendata.datasets import Dataset, Filter, commune_filter, read_slug

from .exports import EXPORT_FIELDS, action_records
from .models import ActionPage, FundingSource, Status
from .money import BudgetLine

# The columns of a document's own export (exports.py), with the document named on each row and
# the date of the last update.
ACTION_COLUMNS = ("id", "code", "title", "document", "document_id", *EXPORT_FIELDS[3:], "last_update")


def actions_queryset(scope, filters):
    actions = scope.pages(ActionPage)
    if "commune" in filters:
        concerned = ActionPage.communes.through.objects.filter(commune=filters["commune"])
        actions = actions.filter(pk__in=concerned.values("actionpage_id"))
    if "status" in filters:
        actions = actions.filter(status=filters["status"])
    return actions.order_by("path")


def actions_rows(scope, actions):
    if scope.home is None:
        return []
    queryset = ActionPage.objects.filter(pk__in=[action.pk for action in actions])
    return action_records(scope.home, queryset, scope.request)


def dataset():
    return Dataset(
        slug="actions",
        title=_("Actions of the digital strategy"),
        description=_(
            "Every action of the territory's strategy documents: status, schedule, lead, partners, "
            "budget, funding, themes and communes concerned (INSEE codes)."
        ),
        columns=ACTION_COLUMNS,
        queryset=actions_queryset,
        rows=actions_rows,
        filters=(
            commune_filter(),
            Filter(
                "status",
                _("status of the action"),
                Status.IN_PROGRESS.value,
                read_slug("status", lambda scope: Status.values),
            ),
        ),
        located=False,
        order=10,
    )


# One row per structured budget line, with its action named as in the actions dataset.
BUDGET_COLUMNS = (
    "action_id",
    "code",
    "action",
    "document",
    "document_id",
    "section",
    "amount",
    "currency",
    "vat",
    "year_start",
    "year_end",
    "funder",
    "nature",
    "stage",
    "url",
    "last_update",
)


def budget_queryset(scope, filters):
    lines = BudgetLine.objects.filter(action__in=scope.pages(ActionPage))
    if "stage" in filters:
        lines = lines.filter(stage=filters["stage"])
    return lines.select_related("funder").order_by("action__path", "sort_order", "pk")


def budget_rows(scope, lines):
    lines = list(lines)
    if scope.home is None or not lines:
        return []
    actions = ActionPage.objects.filter(pk__in={line.action_id for line in lines})
    records = {record["pk"]: record for record in action_records(scope.home, actions, scope.request)}
    funders = localized_names({line.funder for line in lines if line.funder_id}, FundingSource, scope.locale)
    rows = []
    for line in lines:
        record = records[line.action_id]
        rows.append(
            {
                "action_id": record["id"],
                "code": record["code"],
                "action": record["title"],
                "document": record["document"],
                "document_id": record["document_id"],
                "section": record["section"],
                "amount": line.amount,
                "currency": line.currency,
                "vat": line.tax,
                "year_start": line.year_start,
                "year_end": line.year_end,
                "funder": funders.get(line.funder_id, ""),
                "nature": line.nature,
                "stage": line.stage,
                "url": record["url"],
                "last_update": record["last_update"],
            }
        )
    return rows


def budget_dataset():
    return Dataset(
        slug="budget",
        title=_("Budget of the digital strategy"),
        description=_(
            "Every budget line of the actions of the territory's strategy documents: amount (a number, "
            "in the currency given), VAT (excl, incl or empty when not stated), years, funder, nature "
            "(investment or operation) and stage (planned, committed or spent)."
        ),
        columns=BUDGET_COLUMNS,
        queryset=budget_queryset,
        rows=budget_rows,
        updated="action__last_published_at",
        filters=(
            Filter(
                "stage",
                _("stage of the money"),
                BudgetLine.Stage.PLANNED.value,
                read_slug("stage", lambda scope: BudgetLine.Stage.values),
            ),
        ),
        located=False,
        order=11,
    )
