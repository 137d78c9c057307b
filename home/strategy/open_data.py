"""The open dataset of the strategy: the actions of the territory's strategy documents
(registered in ``home/wagtail_hooks.py``)."""

from django.utils.translation import gettext_lazy as _

from home.opendata.datasets import Dataset, Filter, commune_filter, read_slug

from .exports import EXPORT_FIELDS, action_records
from .models import ActionPage, Status

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
