"""Reading a strategy document: its outline, filters, status counts, comparisons and exports.

Every function here runs a fixed number of queries, whatever the number of actions.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from home.models import ActionPage, Commune, Status, StrategyPage, StrategySectionPage, Theme
from home.public_urls import absolute_page_url

STATUS_ORDER = [choice.value for choice in Status]
FILTERS = ("theme", "status", "tag", "commune")


@dataclass
class Node:
    page: object
    is_action: bool
    children: list = field(default_factory=list)
    matches: bool = True


def localized_names(objects, model):
    """Names of translatable snippets (themes, funding) in the active language, in one query.
    Pages keep pointing at the French rows; their translations share the translation key."""
    keys = {obj.translation_key for obj in objects}
    if not keys:
        return {}
    rows = model.objects.filter(translation_key__in=keys, locale=Locale.get_active())
    names = {row.translation_key: row.name for row in rows}
    return {obj.pk: names.get(obj.translation_key, obj.name) for obj in objects}


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


def filter_form(choices, filters):
    """The filter form's fields, each with its options and what is selected."""
    labels = {"theme": _("Theme"), "status": _("Status"), "tag": _("Keyword"), "commune": _("Commune")}
    return [
        {"name": name, "label": labels[name], "options": choices[name], "selected": filters.get(name, "")}
        for name in FILTERS
        if choices[name]
    ]


def read_filters(request, choices):
    """The filters of the GET form that name something that exists; anything else is ignored."""
    values = {}
    for name in FILTERS:
        value = request.GET.get(name, "").strip()
        if value and value in {option for option, _label in choices[name]}:
            values[name] = value
    return values


def filter_choices(root):
    """The options the filter form offers: only what the actions under ``root`` use."""
    actions = ActionPage.objects.live().descendant_of(root)
    themes = list(Theme.objects.filter(actionpage__in=actions).distinct())
    theme_names = localized_names(themes, Theme)
    tags = ActionPage.tags.through.tag_model().objects.filter(home_actionpagetag_items__content_object__in=actions)
    communes = Commune.objects.filter(actionpage__in=actions).distinct()
    statuses = set(actions.values_list("status", flat=True).distinct())
    return {
        "theme": sorted(((theme.slug, theme_names[theme.pk]) for theme in themes), key=lambda item: item[1]),
        "status": [(status, Status(status).label) for status in STATUS_ORDER if status in statuses],
        "tag": sorted({(tag.slug, tag.name) for tag in tags.distinct()}, key=lambda item: (item[1].lower(), item)),
        "commune": [(commune.slug, commune.name) for commune in communes.order_by("name")],
    }


def filtered_actions(root, filters):
    actions = ActionPage.objects.live().descendant_of(root)
    if "theme" in filters:
        actions = actions.filter(themes__slug=filters["theme"])
    if "status" in filters:
        actions = actions.filter(status=filters["status"])
    if "tag" in filters:
        actions = actions.filter(tags__slug=filters["tag"])
    if "commune" in filters:
        actions = actions.filter(communes__slug=filters["commune"])
    return actions.distinct()


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


EXPORT_FIELDS = [
    "id",
    "code",
    "title",
    "section",
    "parent_action",
    "status",
    "status_label",
    "status_note",
    "priority",
    "objective",
    "description",
    "start",
    "end",
    "start_date",
    "end_date",
    "lead",
    "lead_service",
    "partners",
    "budget",
    "funding",
    "indicators",
    "milestones",
    "tags",
    "themes",
    "target_publics",
    "communes",
    "related_actions",
    "source_ref",
    "url",
]


def export_rows(document, request=None):
    """Every action of a document as flat rows with stable ids (the translation key, shared
    by the French and English versions), for CSV and JSON downloads."""
    actions = ActionPage.objects.live().descendant_of(document)
    return [
        {name: _joined(record[name]) for name in EXPORT_FIELDS} for record in action_records(document, actions, request)
    ]


def _joined(value):
    return "; ".join(value) if isinstance(value, list) else value


def action_records(root, actions, request=None):
    """The actions of ``actions`` (all below ``root``) with every attribute, several values as
    lists, names in the active language; a fixed number of queries whatever their number."""
    actions = list(actions.order_by("path").prefetch_related("themes", "funding_sources", "tags", "communes"))
    sections = {
        page.path: page
        for page in StrategySectionPage.objects.live()
        .descendant_of(root)
        .only("path", "title", "number", "level_label")
    }
    documents = {
        page.path: page
        for page in StrategyPage.objects.live()
        .descendant_of(root, inclusive=True)
        .only("path", "title", "translation_key")
    }
    codes = dict(ActionPage.objects.live().descendant_of(root).values_list("path", "code"))
    themes = localized_names({theme for action in actions for theme in action.themes.all()}, Theme)
    funding_model = ActionPage.funding_sources.rel.model
    funding = localized_names({item for action in actions for item in action.funding_sources.all()}, funding_model)
    # Raw stream data: reading chooser values through the blocks would cost a query per action.
    related_ids = {block["value"]["action"] for action in actions for block in action.related_actions.raw_data}
    related_codes = dict(ActionPage.objects.filter(pk__in=related_ids).values_list("pk", "code"))
    records = []
    for action in actions:
        prefixes = [action.path[:length] for length in range(ActionPage.steplen, len(action.path), ActionPage.steplen)]
        section_path = [sections[prefix] for prefix in prefixes if prefix in sections]
        document = next((documents[prefix] for prefix in prefixes if prefix in documents), None)
        records.append(
            {
                "id": str(action.translation_key),
                "code": action.code,
                "title": action.title,
                "document": document.title if document else "",
                "document_id": str(document.translation_key) if document else "",
                "section": " > ".join(f"{s.level_label} {s.number} {s.title}".strip() for s in section_path),
                "parent_action": codes.get(action.path[: -ActionPage.steplen], ""),
                "status": action.status,
                "status_label": str(Status(action.status).label),
                "status_note": action.status_note,
                "priority": action.priority,
                "objective": action.objective,
                "description": strip_tags(action.description).strip(),
                "start": action.start_label,
                "end": action.end_label,
                "start_date": action.start_date.isoformat() if action.start_date else "",
                "end_date": action.end_date.isoformat() if action.end_date else "",
                "lead": action.lead,
                "lead_service": action.lead_service,
                "partners": [_partner(block["value"]) for block in action.partners.raw_data],
                "budget": [block.value["raw"] for block in action.budget_lines],
                "funding": [funding[item.pk] for item in action.funding_sources.all()],
                "indicators": [_indicator(block.value) for block in action.indicators],
                "milestones": [f"{b.value['period']}: {b.value['text']}" for b in action.milestones],
                "tags": sorted(tag.name for tag in action.tags.all()),
                "themes": sorted(themes[theme.pk] for theme in action.themes.all()),
                "target_publics": [str(block.value) for block in action.target_publics],
                "communes": sorted(commune.insee_code for commune in action.communes.all()),
                "related_actions": [
                    related_codes.get(block["value"]["action"], "") for block in action.related_actions.raw_data
                ],
                "source_ref": action.source_ref,
                "url": absolute_page_url(action, request),
                "last_update": action.last_published_at,
            }
        )
    return records


def _partner(value):
    return f"{value['name']} ({value['role']})" if value.get("role") else value["name"]


def _indicator(value):
    parts = [value["name"]]
    if value.get("target"):
        parts.append(f"target {value['target']}")
    if value.get("value"):
        parts.append(f"value {value['value']}")
    return " ".join(parts + [value.get("unit") or ""]).strip()


def export_filename(document, extension):
    return f"{slugify(document.slug)}-actions.{extension}"
