"""Reading a strategy document: its outline, its counts by status, and how the documents of an
index compare.

Every function here runs a fixed number of queries, whatever the number of actions.
"""

from collections import Counter
from dataclasses import dataclass, field

from home.localized_names import localized_names

from .filters import STATUS_ORDER, filtered_actions
from .models import ActionPage, Status, StrategyPage, StrategySectionPage, Theme


@dataclass
class Node:
    page: object
    is_action: bool
    children: list = field(default_factory=list)
    matches: bool = True


def status_summary(actions):
    """Counts by status, in a fixed order, with the share of each (for the progress bar)."""
    counts = Counter(action.status for action in actions)
    total = sum(counts.values())
    rows, offset = [], 0.0
    for status in STATUS_ORDER:
        if counts[status]:
            percent = round(100 * counts[status] / total, 1)
            rows.append(
                {
                    "status": status,
                    "label": Status(status).label,
                    "count": counts[status],
                    "percent": percent,
                    "offset": round(offset, 1),
                }
            )
            offset += percent
    return {"total": total, "rows": rows}


def outline(root, filters=None):
    """The tree of sections and actions under ``root`` (a document or a section), in document
    order. With filters, only matching actions and what contains them are kept."""
    filters = filters or {}
    sections = (
        StrategySectionPage.objects.live()
        .descendant_of(root)
        .only("id", "path", "depth", "title", "url_path", "locale_id", "level_label", "number")
    )
    actions = list(
        ActionPage.objects.live()
        .descendant_of(root)
        .only("id", "path", "depth", "title", "url_path", "locale_id", "code", "status", "priority")
    )
    matching = set(filtered_actions(root, filters).values_list("pk", flat=True)) if filters else None
    items = sorted([Node(page, False) for page in sections] + [Node(page, True) for page in actions], key=_path)
    by_path = {}
    top = []
    for node in items:
        if node.is_action and matching is not None:
            node.matches = node.page.pk in matching
        parent = by_path.get(node.page.path[: -ActionPage.steplen])
        (parent.children if parent else top).append(node)
        by_path[node.page.path] = node
    if matching is None:
        return top, actions
    return _prune(top), [page for page in actions if page.pk in matching]


def _path(node):
    return node.page.path


def _prune(nodes):
    kept = []
    for node in nodes:
        node.children = _prune(node.children)
        if (node.is_action and node.matches) or node.children:
            kept.append(node)
    return kept


def documents_overview(index):
    """Each document of the index, newest first, with its action counts by status and its
    achievements, and the themes they share: how the territory's plans evolved."""
    documents = list(StrategyPage.objects.live().child_of(index).order_by("-period_start", "-period_end", "path"))
    actions = ActionPage.objects.live().descendant_of(index).only("id", "path", "status")
    per_document = {document.pk: [] for document in documents}
    prefix_length = index.depth * ActionPage.steplen + ActionPage.steplen
    owner = {document.path: document.pk for document in documents}
    action_owner = {}
    for action in actions:
        document_pk = owner.get(action.path[:prefix_length])
        if document_pk:
            per_document[document_pk].append(action)
            action_owner[action.pk] = document_pk
    theme_links = ActionPage.themes.through.objects.filter(actionpage_id__in=action_owner).select_related("theme")
    counts = Counter()
    themes = {}
    for link in theme_links:
        counts[(link.theme_id, action_owner[link.actionpage_id])] += 1
        themes[link.theme_id] = link.theme
    names = localized_names(list(themes.values()), Theme)
    matrix = [
        {"name": names[theme_pk], "counts": [counts[(theme_pk, document.pk)] for document in documents]}
        for theme_pk in sorted(themes, key=lambda pk: names[pk])
    ]
    return {
        "documents": [
            {"page": document, "summary": status_summary(per_document[document.pk])} for document in documents
        ],
        "themes": matrix,
    }
