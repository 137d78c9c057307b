"""How far each axis of a plan has got: its actions counted by status, for the plan's overview.

A fixed number of queries, whatever the number of actions.
"""

from collections import defaultdict

from .models import ActionPage, StrategySectionPage
from .outline import status_summary


def axis_progress(document):
    """Each top-level section (axis) of ``document`` with the counts by status of every action
    below it, sub-actions included, in document order."""
    axes = list(
        StrategySectionPage.objects.live()
        .child_of(document)
        .order_by("path")
        .only("id", "path", "depth", "title", "url_path", "locale_id", "level_label", "number")
    )
    prefix = (document.depth + 1) * ActionPage.steplen
    by_axis = defaultdict(list)
    for action in ActionPage.objects.live().descendant_of(document).only("id", "path", "status"):
        by_axis[action.path[:prefix]].append(action)
    return [{"axis": axis, "summary": status_summary(by_axis[axis.path])} for axis in axes if by_axis[axis.path]]
