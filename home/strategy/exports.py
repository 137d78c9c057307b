"""The actions of a strategy document as flat records, for its CSV and JSON exports and the
open dataset of actions.

Every function here runs a fixed number of queries, whatever the number of actions.
"""

from django.utils.text import slugify

from home.localized_names import localized_names
from home.public_urls import absolute_page_url
from home.text import plain_text

from .models import ActionPage, Status, StrategyPage, StrategySectionPage, Theme
from .money import BudgetLine
from .tracker import current_progress, history_lines, latest_entry, lineage_by_action

EXPORT_FIELDS = [
    "id",
    "code",
    "title",
    "section",
    "parent_action",
    "status",
    "status_label",
    "status_note",
    "progress",
    "status_date",
    "status_history",
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
    "budget_planned_eur",
    "budget_committed_eur",
    "budget_spent_eur",
    "budget_years",
    "funding",
    "indicators",
    "milestones",
    "tags",
    "themes",
    "target_publics",
    "communes",
    "related_actions",
    "follows_up",
    "continued_in",
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
    actions = list(
        actions.order_by("path").prefetch_related(
            "themes", "funding_sources", "tags", "communes", "status_entries", "budget_items"
        )
    )
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
    lineage = lineage_by_action([action.translation_key for action in actions])
    records = []
    for action in actions:
        entries = list(action.status_entries.all())
        latest = latest_entry(entries)
        prefixes = [action.path[:length] for length in range(ActionPage.steplen, len(action.path), ActionPage.steplen)]
        section_path = [sections[prefix] for prefix in prefixes if prefix in sections]
        document = next((documents[prefix] for prefix in prefixes if prefix in documents), None)
        records.append(
            {
                "pk": action.pk,
                "id": str(action.translation_key),
                "code": action.code,
                "title": action.heading,
                "document": document.title if document else "",
                "document_id": str(document.translation_key) if document else "",
                "section": " > ".join(f"{s.level_label} {s.number} {s.title}".strip() for s in section_path),
                "parent_action": codes.get(action.path[: -ActionPage.steplen], ""),
                "status": action.status,
                "status_label": str(Status(action.status).label),
                "status_note": action.status_note,
                "progress": _or_empty(current_progress(entries)),
                "status_date": latest.date_iso if latest else "",
                "status_history": "\n".join(history_lines(entries)),
                "priority": action.priority,
                "objective": action.objective,
                "description": _plain(action.description),
                "start": action.start_label,
                "end": action.end_label,
                "start_date": action.start_date.isoformat() if action.start_date else "",
                "end_date": action.end_date.isoformat() if action.end_date else "",
                "lead": action.lead,
                "lead_service": action.lead_service,
                "partners": [_partner(block["value"]) for block in action.partners.raw_data],
                "budget": [block.value["raw"] for block in action.budget_lines],
                **budget_columns(action.budget_items.all()),
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
                "follows_up": lineage[action.translation_key]["follows_up"],
                "continued_in": lineage[action.translation_key]["continued_in"],
                "url": absolute_page_url(action, request),
                "last_update": action.last_published_at,
            }
        )
    return records


def _or_empty(value):
    # Like the other columns: an absent value is an empty text, in CSV and JSON alike.
    return "" if value is None else value


def budget_columns(lines):
    """An action's structured budget as numbers: euros planned, committed and spent (empty when
    none), and the years they cover as an ISO 8601 interval (``2023/2025``)."""
    columns = {f"budget_{stage}_eur": None for stage in BudgetLine.Stage.values}
    for line in lines:
        if line.currency == "EUR":
            key = f"budget_{line.stage}_eur"
            columns[key] = (columns[key] or 0) + line.amount
    columns = {key: as_number(value) for key, value in columns.items()}
    years = sorted({year for line in lines for year in (line.year_start, line.year_end) if year})
    columns["budget_years"] = "/".join(str(year) for year in dict.fromkeys([years[0], years[-1]])) if years else ""
    return columns


def as_number(value):
    """A decimal amount as a JSON and CSV number: whole euros as an integer, else with cents."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _plain(html):
    """Rich text as plain text: entities decoded (CSV and JSON have their own escaping), one
    line per paragraph or list item."""
    return "\n".join(line.strip() for line in plain_text(html).splitlines() if line.strip())


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
