"""The demo's tracker facts (``demo_data/tracker/<territory>.json``): dated status entries on
actions, from what a later document reports about them, and the lineage between the plans.

Called by the strategy loader (``demo.py``): the entries while each action is published, in both
languages; the lineage once every document of the territory exists.
"""

import datetime
import json
import uuid
from pathlib import Path

from wagtail.models import Page

from .models import ActionPage, StrategyPage
from .tracker import ActionLineage, StatusEntry, latest_entry

TRACKER_DATA = Path(__file__).resolve().parent / "demo_data" / "tracker"
NAMESPACE = uuid.UUID("6f1d3c52-8a0e-4c53-9d8e-2b7f0e6a1c44")
COMPARED = ("translation_key", "date", "date_precision", "status", "progress", "comment", "source")


def read_tracker(territory):
    """The territory's tracker facts, or an empty set when it has none."""
    path = TRACKER_DATA / f"{territory}.json"
    if not territory or not path.exists():
        return {"documents": {}, "status_entries": [], "lineage": []}
    return json.loads(path.read_text(encoding="utf-8"))


def entries_for(tracker, document_slug, code, language):
    """Unsaved status entries of one action in ``language``; their translation keys are stable,
    so the French and English entries pair up and a reload changes nothing."""
    documents = tracker["documents"]
    for item in tracker["status_entries"]:
        if documents[item["document"]] != document_slug or item["code"] != code:
            continue
        return [
            StatusEntry(
                translation_key=uuid.uuid5(NAMESPACE, f"{document_slug}/{code}/{index}"),
                sort_order=index,
                date=datetime.date.fromisoformat(entry["date"]),
                date_precision=entry.get("precision", "day"),
                status=entry["status"],
                progress=entry.get("progress"),
                comment=entry["comment"].get(language) or entry["comment"]["fr"],
                source=entry["source"].get(language) or entry["source"]["fr"],
            )
            for index, entry in enumerate(item["entries"])
        ]
    return []


def latest_status(entries, default):
    latest = latest_entry(entries)
    return latest.status if latest else default


def set_entries(page, entries):
    """Give ``page`` these entries (keeping the rows of those it has); tell whether they changed."""
    existing = {entry.translation_key: entry for entry in page.status_entries.all()}

    def snapshot(items):
        return sorted(tuple(str(getattr(entry, name)) for name in COMPARED) for entry in items)

    if snapshot(existing.values()) == snapshot(entries):
        return False
    for entry in entries:
        if entry.translation_key in existing:
            entry.pk = existing[entry.translation_key].pk
    page.status_entries = entries
    return True


def load_lineage(tracker, index, say):
    """The links between the plans of the strategy index ``index`` (French pages)."""
    documents = {
        key: StrategyPage.objects.child_of(index).filter(slug=slug).first()
        for key, slug in tracker["documents"].items()
    }

    def action(reference):
        document = documents.get(reference[0])
        if document is None:
            return None
        return ActionPage.objects.descendant_of(document).filter(code=reference[1]).first()

    for link in tracker["lineage"]:
        earlier, later = action(link["earlier"]), action(link["later"])
        if earlier is None or later is None:
            say(f"  ! lineage {link['earlier']} → {link['later']}: action not found, skipped")
            continue
        ActionLineage.objects.update_or_create(earlier=earlier, later=later, defaults={"kind": link["kind"]})


def load_related_pages(loader):
    """The pages a resident meets an action through (a tiers-lieu, a repair café, the France
    Services bus), from ``related_pages`` of the tracker facts: run once every page type has
    its demo pages. The action's translations link the translations of those pages."""
    for territory, site in loader.sites.items():
        tracker = read_tracker(territory)
        documents = tracker["documents"]
        for item in tracker.get("related_pages", []):
            document = (
                StrategyPage.objects.descendant_of(site.root_page).filter(slug=documents[item["document"]]).first()
            )
            action = document and ActionPage.objects.descendant_of(document).filter(code=item["code"]).first()
            if action is None:
                loader.say(f"  ! related pages of {item['document']} {item['code']}: action not found, skipped")
                continue
            targets = list(
                Page.objects.descendant_of(site.root_page).live().filter(locale=action.locale, slug__in=item["pages"])
            )
            targets.sort(key=lambda page: item["pages"].index(page.slug))
            if len(targets) != len(item["pages"]):
                loader.say(f"  ! related pages of {item['document']} {item['code']}: some pages not found")
            for page in [action, *action.get_translations().live().specific()]:
                linked = [target.get_translation_or_none(page.locale) or target for target in targets]
                if [block.value.pk for block in page.related_pages if block.value] == [target.pk for target in linked]:
                    continue
                page.related_pages = [("page", target) for target in linked]
                page.save_revision().publish()
