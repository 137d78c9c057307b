"""The demo's strategy documents, transcribed in ``demo_data/`` (see SCHEMA.md there), and the
loading of any such file (``manage.py load_strategy``).

Each document becomes a StrategyPage under the territory's StrategyIndexPage, with its sections
and actions as child pages in document order. Documents written in both languages get English
translations through wagtail-localize; French-only documents stay French-only.

The demo loader (``home.demo``) is handed this module by ``manage.py load_demo`` and calls
``load_themes`` first, then ``load_territory`` once each territory's own pages exist.
"""

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.text import slugify

from wagtail.models import Locale

from home.demo.loader import DemoLoader
from home.demo.streams import block_id
from home.demo.translation import publish_translation
from home.models import Commune, Organisation

from .budget_text import structured_lines
from .models import ActionPage, FundingSource, StrategyIndexPage, StrategyPage, StrategySectionPage, Theme
from .money import BudgetLine
from .tracker_demo import entries_for, latest_status, load_lineage, read_tracker, set_entries

DATA = Path(__file__).resolve().parent / "demo_data"
TITLE_LIMIT = 255
INDEX = {
    "title": {"fr": "Stratégie numérique", "en": "Digital strategy"},
    "slug": {"fr": "strategie", "en": "strategy"},
    "introduction": {
        "fr": "<p>Les documents qui fixent la stratégie numérique du territoire, leurs axes et leurs actions, "
        "avec où en est chacune.</p>",
        "en": "<p>The documents that set out the territory's digital strategy, their axes and actions, and "
        "where each action stands.</p>",
    },
}


def text(value, language):
    """A text of the data file in one language; French when the document has no translation."""
    if not value:
        return ""
    return value.get(language) or value.get("fr", "")


def partner_name(item, language):
    """A partner's name: a proper name the same in both languages, or {"fr", "en"} when the
    name says what the partner is ("Écoles, collèges et lycées")."""
    name = item["name"]
    return text(name, language) if isinstance(name, dict) else name


def code_slug(value):
    """A slug that keeps numbering readable: "1.1" → "1-1", never "11" (which 11 would also give)."""
    return slugify(value.replace(".", "-"))


def short_title(heading):
    """A page title for a heading: the heading itself, or when longer than a title holds, its
    first clause (up to a full stop, colon, semicolon, parenthesis or comma), never an
    ellipsis; the page keeps the whole heading in ``full_title``."""
    if len(heading) <= TITLE_LIMIT:
        return heading
    window = heading[:TITLE_LIMIT]
    for separator in (". ", " : ", " ; ", " (", ", "):
        end = window.rfind(separator)
        if end > 40:
            return heading[:end].rstrip(" .,;:")
    return window.rsplit(" ", 1)[0].rstrip(" .,;:")


def is_bilingual(document):
    return bool(document.get("title", {}).get("en"))


def read_json(name):
    """A file of ``demo_data/``: a document, or ``themes.json`` (the themes they all share)."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def documents(territory):
    """(file name, data) of each demo document of ``territory``, in file order."""
    for path in sorted(DATA.glob("*.json")):
        if path.name == "themes.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("territory") == territory:
            yield path.name, data


def load_themes(loader):
    StrategyLoader(loader, None, None).load_themes(read_json("themes.json"))


def load_territory(loader, territory, site, home):
    """The demo documents of ``territory`` on its ``site``, below its ``home`` page."""
    strategy = StrategyLoader(loader, site, home)
    for name, data in documents(territory):
        strategy.load_document(data)
        loader.say(f"Strategy {name}: published")
    index = StrategyIndexPage.objects.child_of(home).first()
    if index is not None:
        load_lineage(read_tracker(territory), index, loader.say)
    if strategy.stats["actions"]:
        loader.say(
            f"Strategy of {territory}: {strategy.stats['sections']} sections, {strategy.stats['actions']} actions "
            f"({strategy.stats['translated']} English translations published)"
        )


def site_loader(site, stdout=None):
    """A loader of documents for ``site`` (``manage.py load_strategy``), the shared themes
    loaded."""
    loader = DemoLoader(stdout=stdout)
    loader.french, _ = Locale.objects.get_or_create(language_code="fr")
    loader.english, _ = Locale.objects.get_or_create(language_code="en")
    strategy = StrategyLoader(loader, site, site.root_page.specific)
    strategy.load_themes(read_json("themes.json"))
    return strategy


class StrategyLoader:
    def __init__(self, loader, site, home, translate=True):
        self.loader = loader
        self.translate = translate
        self.site = site
        self.home = home
        self.french = loader.french
        self.english = loader.english
        self.communes = {commune.name.lower(): commune for commune in Commune.objects.filter(site=site)} if site else {}
        self.organisations = {
            organisation.name.lower(): organisation.pk
            for organisation in Organisation.objects.filter(locale=self.french)
        }
        self.stats = {"sections": 0, "actions": 0, "published": 0, "translated": 0}

    # -- snippets ---------------------------------------------------------------------------

    def load_themes(self, themes):
        for item in themes:
            self._snippet(Theme, item["slug"], {"name": item["name"]}, translate=True)

    def _snippet(self, model, slug, texts, translate):
        instance = model.objects.filter(slug=slug, locale=self.french).first() or model(slug=slug, locale=self.french)
        changed = self.loader.assign_values(instance, {name: text(value, "fr") for name, value in texts.items()})
        if changed:
            instance.save()
        if translate and all(value.get("en") for value in texts.values()):
            english = model(slug=slug, **{name: value["en"] for name, value in texts.items()})
            publish_translation(instance, self.english, english, force=changed)
        return instance

    # -- pages ------------------------------------------------------------------------------

    def index_page(self, bilingual):
        index = StrategyIndexPage.objects.child_of(self.home).first()
        if index is None:
            index = StrategyIndexPage(title=INDEX["title"]["fr"], slug=INDEX["slug"]["fr"], locale=self.french)
            self.home.add_child(instance=index)
        values = {language: self._index_values(language) for language in ("fr", "en")}
        changed = self.loader.publish(index, values["fr"])
        if bilingual and self.home.get_translation_or_none(self.english):
            publish_translation(index, self.english, StrategyIndexPage(**values["en"]), force=changed)
        return index

    def _index_values(self, language):
        return {
            "title": INDEX["title"][language],
            "slug": INDEX["slug"][language],
            "introduction": INDEX["introduction"][language],
            "show_in_menus": True,
        }

    def load_document(self, data):
        """Create or update one document and everything in it; returns the StrategyPage."""
        bilingual = is_bilingual(data) and self.translate
        self.tracker = read_tracker(data.get("territory"))
        index = self.index_page(bilingual)
        funding = {
            item["slug"]: self._snippet(FundingSource, item["slug"], {"name": item["name"]}, translate=bilingual)
            for item in data.get("funding_sources", [])
        }
        key = data["slug"]["fr"]
        document = StrategyPage.objects.child_of(index).filter(slug=key).first()
        if document is None:
            document = StrategyPage(title=text(data["title"], "fr"), slug=key, kind=data["kind"], locale=self.french)
            index.add_child(instance=document)
        changes = {document.pk: self.loader.publish(document, self._document_values(data, "fr"))}
        tree = [(document, data, None)]  # (page, data, None for the document / "section" / "action")
        self._children(document, data, key, tree, changes, funding)
        self._resolve_related(tree, changes)
        if bilingual:
            self._translate(tree, changes)
        return document

    def _document_values(self, data, language):
        key = data["slug"]["fr"]
        return {
            "title": text(data["title"], language),
            "slug": text(data["slug"], language),
            "kind": data["kind"],
            "version": data.get("version", ""),
            "date_label": text(data.get("date_label"), language),
            "period_start": data.get("period_start"),
            "period_end": data.get("period_end"),
            "period_note": text(data.get("period_note"), language),
            "source_file": data.get("source_file", ""),
            "source_author": text(data.get("source_author"), "fr"),
            "adoption": text(data.get("adoption"), language),
            "introduction": text(data.get("introduction"), language),
            "level_labels": [
                {"type": "level", "value": text(label, language), "id": block_id(key, "level", index)}
                for index, label in enumerate(data.get("level_labels", []))
            ],
            "action_label": text(data.get("action_label"), language),
            # What the transcription lost is for editors, never shown publicly.
            "editor_notes": text(data.get("missing_note"), language),
            "bilan": [
                {
                    "type": "achievement",
                    "value": {"text": text(item["text"], language), "source_ref": item.get("source_ref", "")},
                    "id": block_id(key, "bilan", index),
                }
                for index, item in enumerate(data.get("bilan", []))
            ],
            "governance": [
                governance_block(item, language, block_id(key, "governance", index))
                for index, item in enumerate(data.get("governance", []))
            ],
        }

    def _children(self, parent, data, key, tree, changes, funding):
        used = set()
        for section in data.get("sections", []):
            slug = self._unique(code_slug(f"{text(section['level'], 'fr')}-{section['number']}") or "section", used)
            page = self._child(
                parent,
                StrategySectionPage,
                slug,
                text(section["title"], "fr"),
                level_label=text(section["level"], "fr"),
                number=section["number"],
            )
            changes[page.pk] = self.loader.publish(page, self._section_values(section, "fr", slug))
            tree.append((page, section, "section"))
            self.stats["sections"] += 1
            self._children(page, section, key, tree, changes, funding)
        for action in data.get("actions", []):
            slug = self._unique(code_slug(action["code"]) or "action", used)
            page = self._child(parent, ActionPage, slug, short_title(text(action["title"], "fr")), code=action["code"])
            values = self._action_values(action, "fr", slug, key)
            relations_changed = self._relations(page, action, funding)
            # The status history and budget lines are child relations: set apart from the fields compared.
            entries_changed = set_entries(page, entries_for(self.tracker, key, action["code"], "fr"))
            budget_changed = self._budget(page, action, funding)
            force = relations_changed or entries_changed or budget_changed
            changes[page.pk] = self.loader.publish(page, values, force=force)
            tree.append((page, action, "action"))
            self.stats["actions"] += 1
            self._children(page, action, key, tree, changes, funding)

    @staticmethod
    def _unique(slug, used):
        candidate, number = slug, 2
        while candidate in used:
            candidate, number = f"{slug}-{number}", number + 1
        used.add(candidate)
        return candidate

    def _child(self, parent, model, slug, title, **values):
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = model(title=title, slug=slug, locale=self.french, **values)
            parent.add_child(instance=page)
        return page

    def _section_values(self, section, language, slug):
        return {
            "title": text(section["title"], language),
            "slug": slug if language == "fr" else code_slug(f"{text(section['level'], language)}-{section['number']}"),
            "level_label": text(section["level"], language),
            "number": section["number"],
            "introduction": text(section.get("introduction"), language),
            "editor_notes": text(section.get("missing_note"), language),
            "source_ref": section.get("source_ref", ""),
        }

    def _action_values(self, action, language, slug, key):
        code = action["code"]

        def stream(name, kind, build):
            return [
                {"type": kind, "value": build(item), "id": block_id(key, code, name, index)}
                for index, item in enumerate(action.get(name, []))
            ]

        heading = text(action["title"], language)
        title = short_title(heading)
        return {
            "title": title,
            # A page title holds 255 characters: a longer heading is kept whole here.
            "full_title": heading if title != heading else "",
            "slug": slug,
            "code": code,
            "objective": text(action.get("objective"), language),
            "description": text(action.get("description"), language),
            "status": latest_status(entries_for(self.tracker, key, code, language), action["status"]),
            "status_note": text(action.get("status_note"), language),
            "priority": bool(action.get("priority")),
            "start_label": text(action.get("start_label"), language),
            "end_label": text(action.get("end_label"), language),
            "lead": text(action.get("lead"), language),
            "lead_service": text(action.get("lead_service"), language),
            "source_ref": action.get("source_ref", ""),
            "milestones": stream(
                "milestones",
                "milestone",
                lambda item: {"period": text(item["period"], language), "text": text(item["text"], language)},
            ),
            "partners": stream(
                "partners",
                "partner",
                lambda item: {
                    "name": partner_name(item, language),
                    "organisation": self.organisations.get(partner_name(item, "fr").lower()),
                    "role": text(item.get("role"), language),
                },
            ),
            "budget_lines": stream(
                "budget_lines",
                "line",
                lambda item: {
                    "label": text(item.get("label"), language),
                    "raw": item["raw"],
                    "amount": _decimal(item.get("amount")),
                    "unit": item.get("unit") or "",
                    "period": text(item.get("period"), language),
                    "note": text(item.get("note"), language),
                },
            ),
            "indicators": stream(
                "indicators",
                "indicator",
                lambda item: {
                    "name": text(item["name"], language),
                    "target": item.get("target", ""),
                    "value": item.get("value", ""),
                    "unit": item.get("unit", ""),
                    "date": item.get("date", ""),
                    "baseline": _decimal(item.get("baseline")),
                    "baseline_date": item.get("baseline_date"),
                    "target_value": _decimal(item.get("target_value")),
                    "target_date": item.get("target_date"),
                    "measurements": [
                        {"date": measure["date"], "value": _decimal(measure["value"])}
                        for measure in item.get("measurements", [])
                    ],
                },
            ),
            "target_publics": stream("publics", "public", lambda item: text(item, language)),
        }

    def _relations(self, page, action, funding):
        """Themes, funding, communes and tags (synchronised to translations); tell whether they
        changed."""
        themes = list(Theme.objects.filter(slug__in=action.get("themes", []), locale=self.french))
        sources = [funding[slug] for slug in action.get("funding", []) if slug in funding]
        communes = []
        for name in action.get("communes", []):
            commune = self.communes.get(name.lower())
            if commune is None:
                self.loader.say(f"  ! {action['code']}: commune {name!r} is not in this territory, skipped")
            else:
                communes.append(commune)
        tags = sorted(set(action.get("tags", [])))
        before = (
            {theme.pk for theme in page.themes.all()},
            {item.pk for item in page.funding_sources.all()},
            {commune.pk for commune in page.communes.all()},
            sorted(page.tags.names()),
        )
        after = ({t.pk for t in themes}, {s.pk for s in sources}, {c.pk for c in communes}, tags)
        if before == after:
            return False
        page.themes = themes
        page.funding_sources = sources
        page.communes = communes
        page.tags.set(tags, clear=True)
        return True

    @staticmethod
    def _budget(page, action, funding):
        """The action's structured budget lines: as the data file gives them, else what its
        free-text budget reads as when it reads one way; tell whether they changed."""
        if "budget" in action:
            wanted = [
                {
                    "amount": Decimal(str(item["amount"])),
                    "currency": item.get("currency", "EUR"),
                    "tax": item.get("tax", ""),
                    "year_start": item.get("year_start"),
                    "year_end": item.get("year_end"),
                    "funder": funding.get(item.get("funder")),
                    "nature": item.get("nature", ""),
                    "stage": item.get("stage", "planned"),
                }
                for item in action["budget"]
            ]
        else:
            raw = [
                {"value": {**item, "label": text(item.get("label"), "fr"), "period": text(item.get("period"), "fr")}}
                for item in action.get("budget_lines", [])
            ]
            wanted = [{"year_start": None, "year_end": None, "funder": None, **line} for line in structured_lines(raw)]
        fields = ("amount", "currency", "tax", "year_start", "year_end", "funder", "nature", "stage")
        before = [tuple(getattr(line, name) for name in fields) for line in page.budget_items.all()]
        if before == [tuple(line[name] for name in fields) for line in wanted]:
            return False
        page.budget_items = [BudgetLine(sort_order=order, **line) for order, line in enumerate(wanted)]
        return True

    def _resolve_related(self, tree, changes):
        """Related actions point at pages, so they are set once every action exists."""
        codes = {data["code"]: page.pk for page, data, kind in tree if kind == "action"}
        for page, data, kind in tree:
            if kind != "action" or not data.get("related"):
                continue
            value = self._related_value(data, codes, "fr")
            changes[page.pk] = self.loader.publish(page, {"related_actions": value}) or changes[page.pk]

    def _related_value(self, data, codes, language):
        return [
            {
                "type": "action",
                "value": {"action": codes[item["code"]], "note": text(item.get("note"), language)},
                "id": block_id(data["code"], "related", index),
            }
            for index, item in enumerate(data["related"])
            if item["code"] in codes
        ]

    def _translate(self, tree, changes):
        # Every page needs its English version before any is translated: related actions
        # point at English pages.
        for page, _data, _kind in tree:
            if page.get_translation_or_none(self.english) is None:
                page.copy_for_translation(self.english)
        document_data = tree[0][1]
        key = document_data["slug"]["fr"]
        codes = {data["code"]: page.pk for page, data, kind in tree if kind == "action"}
        for page, data, kind in tree:
            if kind is None:
                english = StrategyPage(**self._document_values(data, "en"))
            elif kind == "section":
                english = StrategySectionPage(**self._section_values(data, "en", page.slug))
            else:
                values = self._action_values(data, "en", page.slug, key)
                if data.get("related"):
                    values["related_actions"] = self._related_value(data, codes, "en")
                english = ActionPage(**values, status_entries=entries_for(self.tracker, key, data["code"], "en"))
            _, translated = publish_translation(page, self.english, english, force=changes.get(page.pk, False))
            self.stats["translated"] += translated


def governance_block(item, language, identifier):
    """A governance entry of the data file: a text, or a body with its role, lead, members and
    frequency."""
    if "text" in item:
        return {"type": "text", "value": text(item["text"], language), "id": identifier}
    fields = ("name", "role", "chair", "members", "frequency")
    return {"type": "body", "value": {name: text(item.get(name), language) for name in fields}, "id": identifier}


def _decimal(value):
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
