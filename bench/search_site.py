"""The site the search bench searches: live pages of every type the site search covers, fast.

The structure (home pages, indexes, strategy documents and their sections, the sections of the
standard pages, categories, kinds and communes) is built with the usual API and published with a
revision, in French and English. The content pages below it (events, merchants, places,
strategy actions, standard pages), thousands of them, are inserted in bulk: each is a real live
Wagtail page (a row of ``wagtailcore_page`` with its tree path, depth, URL path, locale,
content type and translation key, and a row of its own table), its parent's child count is
updated, and events get their occurrences as publishing would. Nothing else happens on these
inserts: no revision (anonymous visitors are served the page row), no log entry, no reference
index, no search index (the bench fills it afterwards, in bulk).
"""

import csv
import datetime as dt
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Locale, Page

from commerce.models import MerchantCategory, MerchantIndexPage, MerchantPage
from events.models import EventCategory, EventIndexPage, EventPage, Occurrence
from events.occurrences import window
from events.recurrence import occurrences
from home.models import ActionPage, Commune, StandardPage, StrategyIndexPage, StrategyPage, StrategySectionPage
from tests.builders import build_site, publish, translate
from tourism.models import PlaceIndexPage, PlaceKind, PlacePage

from .search_text import (
    ACTIONS,
    COMMUNES,
    EVENT_KINDS,
    PLACE_KINDS,
    STANDARD_TITLES,
    TRADE_NAMES,
    TRADE_SUMMARIES,
    TRADES,
    VENUES,
    Draw,
    slug,
)

COMMUNES_CSV = Path(__file__).resolve().parent.parent / "home" / "demo" / "data" / "communes-pays-de-mormal.csv"
BATCH = 500  # French pages (and their translations) per transaction


@dataclass(frozen=True)
class Kind:
    """A kind of content page: its share of all the content pages, and how many of its French
    pages have an English translation."""

    name: str
    model: type
    share: float
    translated: float


# Most of a territory's pages are events and businesses; tourism and the roadmap are
# translated more often than the agenda and the directory.
KINDS = [
    Kind("events", EventPage, 0.35, 0.15),
    Kind("merchants", MerchantPage, 0.20, 0.10),
    Kind("places", PlacePage, 0.15, 0.50),
    Kind("actions", ActionPage, 0.10, 0.60),
    Kind("standard", StandardPage, 0.20, 0.40),
]

# The category of each kind of event, in the order of EVENT_KINDS.
EVENT_CATEGORIES = [
    ("fetes", "Fêtes et traditions", "Festivities"),
    ("marches", "Marchés", "Markets"),
    ("nature", "Sport et nature", "Sport and nature"),
    ("numerique", "Numérique", "Digital"),
    ("culture", "Culture et loisirs", "Culture and leisure"),
]
EVENT_KIND_CATEGORY = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 1, 0, 4, 4, 2, 3, 4, 4]
# The category of each trade, in the order of TRADES.
MERCHANT_CATEGORIES = [
    ("alimentation", "Commerces alimentaires", "Food shops", "GroceryStore"),
    ("restaurants-cafes", "Restaurants et cafés", "Restaurants and cafés", "FoodEstablishment"),
    ("producteurs", "Producteurs", "Producers", "LocalBusiness"),
    ("artisans-services", "Artisans et services", "Crafts and services", "Store"),
]
TRADE_CATEGORY = [0, 0, 0, 0, 1, 1, 2, 0, 3, 3, 3, 3, 0, 3, 1]
# The kind of each place, in the order of PLACE_KINDS.
PLACE_KIND_ROWS = [
    ("patrimoine", "Patrimoine", "Heritage", "CulturalSite"),
    ("culture", "Culture", "Culture", "CulturalSite"),
    ("nature", "Nature", "Nature", "NaturalHeritage"),
    ("services", "Services publics", "Public services", "ServiceProvider"),
    ("loisirs", "Loisirs", "Leisure", "SportsAndLeisurePlace"),
]
PLACE_KIND_OF = [1, 4, 0, 0, 0, 3, 2, 0, 0, 4, 3, 4, 2, 0, 1]
STATUSES = ["done", "in_progress", "in_progress", "planned", "planned", "considered", "to_define"]
RUBRIQUES = [
    ("Vivre ici", "Living here"),
    ("Services aux habitants", "Services for residents"),
    ("Enfance et jeunesse", "Children and youth"),
    ("Environnement", "Environment"),
    ("Économie et emploi", "Economy and jobs"),
    ("Mobilité", "Getting around"),
    ("Culture et sport", "Culture and sport"),
    ("La communauté de communes", "The community of municipalities"),
]
DOCUMENTS = [
    ("sdus", "Schéma directeur des usages numériques 2021-2026", "Digital services master plan 2021-2026"),
    ("feuille_de_route", "Feuille de route numérique 2023", "Digital roadmap 2023"),
    ("strategie", "Stratégie numérique du territoire 2025", "The territory's digital strategy 2025"),
]
AXES = [
    ("Inclusion numérique", "Digital inclusion"),
    ("Services publics en ligne", "Online public services"),
    ("Tiers-lieux et médiathèques", "Third places and media libraries"),
    ("Économie locale et numérique", "Local economy and digital"),
]


def is_translated(number, rate):
    """Whether French page ``number`` of a kind has a translation: a share ``rate`` of the
    pages, spread evenly."""
    return int((number + 1) * rate) > int(number * rate)


def targets(total):
    """How many content pages (French and English) of each kind a site of ``total`` pages has."""
    counts = {kind.name: round(total * kind.share) for kind in KINDS}
    counts[KINDS[0].name] += total - sum(counts.values())
    return counts


@dataclass
class Pending:
    """A page waiting to be inserted under ``parent``, and its many-to-many rows."""

    parent: Page
    page: Page
    communes: list = field(default_factory=list)
    categories: list = field(default_factory=list)


class SearchSite:
    """The French home page (the default site's root), its English translation, the structure
    below them, and ``size`` content pages, which grow: first to the small size, then to N."""

    def __init__(self):
        self.site, self.home, self.home_en = build_site()
        self.french = Locale.objects.get(language_code="fr")
        self.english = Locale.objects.get(language_code="en")
        self.communes = self._communes()
        self._structure()
        self.french_counts = {kind.name: 0 for kind in KINDS}  # French pages of each kind
        self.counts = {kind.name: {"fr": 0, "en": 0} for kind in KINDS}
        self.next_position = {}  # parent page id -> last child's position in the tree

    @property
    def size(self):
        return sum(count["fr"] + count["en"] for count in self.counts.values())

    # The structure, with the usual API.

    def _communes(self):
        names = [name for name, _de, _a in COMMUNES]
        with COMMUNES_CSV.open(encoding="utf-8") as file:
            rows = {row["name"]: row for row in csv.DictReader(file)}
        communes = []
        for name in names:
            row = rows[name]
            communes.append(
                Commune.objects.create(
                    insee_code=row["insee"],
                    name=name,
                    slug=row["slug"],
                    postcode=row["postcode"],
                    population=int(row["population"]),
                    latitude=Decimal(row["latitude"]) if row["latitude"] else None,
                    longitude=Decimal(row["longitude"]) if row["longitude"] else None,
                    site=self.site,
                )
            )
        return communes

    def _pair(self, parent, page, title_en, slug_en, **values_en):
        """Publish ``page`` under ``parent`` and its English translation; return both."""
        parent.add_child(instance=page)
        publish(page)
        return page, translate(page, self.english, title=title_en, slug=slug_en, **values_en)

    def _translated_snippets(self, model, rows):
        """French snippets and their English copies: a list of (French, English) pairs."""
        pairs = []
        for values, name_en in rows:
            french = model.objects.create(locale=self.french, **values)
            english = french.copy_for_translation(self.english)
            english.name = name_en
            english.save()
            pairs.append((french, english))
        return pairs

    def _structure(self):
        home = self.home
        self.rubriques = [
            self._pair(
                home,
                StandardPage(title=fr, slug=slug(fr, number), locale=self.french, show_in_menus=True),
                en,
                slug(en, number),
            )
            for number, (fr, en) in enumerate(RUBRIQUES, start=1)
        ]
        self.agenda = self._pair(
            home, EventIndexPage(title="Agenda", slug="agenda", locale=self.french), "What's on", "whats-on"
        )
        self.places = self._pair(
            home, PlaceIndexPage(title="Découvrir", slug="decouvrir", locale=self.french), "Discover", "discover"
        )
        self.directory = self._pair(
            home,
            MerchantIndexPage(title="Commerces et producteurs", slug="commerces", locale=self.french),
            "Shops and producers",
            "shops",
        )
        strategy = self._pair(
            home,
            StrategyIndexPage(title="Stratégie numérique", slug="strategie-numerique", locale=self.french),
            "Digital strategy",
            "digital-strategy",
        )
        self.sections = []
        for number, (kind, fr, en) in enumerate(DOCUMENTS, start=1):
            document = self._pair(
                strategy[0],
                StrategyPage(
                    title=fr, slug=slug(fr, number), locale=self.french, kind=kind, period_start=2020 + number
                ),
                en,
                slug(en, number),
            )
            for axis, (axis_fr, axis_en) in enumerate(AXES, start=1):
                section = StrategySectionPage(
                    title=axis_fr, slug=slug(axis_fr, axis), locale=self.french, level_label="Axe", number=str(axis)
                )
                self.sections.append(
                    (self._pair(document[0], section, axis_en, slug(axis_en, axis), level_label="Axis"), number, axis)
                )
        self.event_categories = self._translated_snippets(
            EventCategory, [({"slug": slug_, "name": fr}, en) for slug_, fr, en in EVENT_CATEGORIES]
        )
        self.merchant_categories = self._translated_snippets(
            MerchantCategory,
            [({"slug": slug_, "name": fr, "schema_type": schema}, en) for slug_, fr, en, schema in MERCHANT_CATEGORIES],
        )
        self.place_kinds = self._translated_snippets(
            PlaceKind,
            [({"slug": slug_, "name": fr, "datatourisme_class": dt_}, en) for slug_, fr, en, dt_ in PLACE_KIND_ROWS],
        )

    # The content pages, in bulk.

    def grow(self, total):
        """Add content pages until the site holds about ``total`` of them (French and English):
        ``KINDS`` gives each kind's share and how many of its pages are translated."""
        wanted = targets(total)
        to_add = sum(max(0, wanted[name] - count["fr"] - count["en"]) for name, count in self.counts.items())
        added, pending, started = 0, [], time.perf_counter()
        for kind in KINDS:
            make = getattr(self, f"_make_{kind.name}")
            counts = self.counts[kind.name]
            while counts["fr"] + counts["en"] < wanted[kind.name]:
                number = self.french_counts[kind.name]
                self.french_counts[kind.name] += 1
                room = wanted[kind.name] - counts["fr"] - counts["en"]
                items = make(number, is_translated(number, kind.translated) and room >= 2)
                for item in items:
                    counts[item.page.locale.language_code] += 1
                pending += items
                if len(pending) >= BATCH:
                    added += self._flush(pending)
                    pending = []
                    self._progress(total, added, to_add, started)
        if pending:
            added += self._flush(pending)
            self._progress(total, added, to_add, started)

    @staticmethod
    def _progress(total, added, to_add, started):
        elapsed = time.perf_counter() - started
        print(f"bench: N={total}: {added}/{to_add} pages added ({elapsed:.1f} s)", file=sys.stderr)

    def _flush(self, items):
        with transaction.atomic():
            self._insert(items)
            self._many_to_many(items)
            self._occurrences([item.page for item in items if isinstance(item.page, EventPage)])
        return len(items)

    def _insert(self, items):
        """Insert the pages as live pages, their tree paths after their parents' last child."""
        now = timezone.now()
        by_parent = defaultdict(list)
        for item in items:
            by_parent[item.parent.pk].append(item)
        for parent_id, group in by_parent.items():
            parent = group[0].parent
            position = self._last_position(parent)
            for item in group:
                position += 1
                page = item.page
                page.path = Page._get_path(parent.path, parent.depth + 1, position)
                page.depth = parent.depth + 1
                page.numchild = 0
                page.url_path = f"{parent.url_path}{page.slug}/"
                page.locale_id = parent.locale_id
                page.content_type = ContentType.objects.get_for_model(type(page))
                page.draft_title = page.title
                page.live = True
                page.has_unpublished_changes = False
                page.first_published_at = page.last_published_at = now
            self.next_position[parent_id] = position
            Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + len(group))
        page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        rows = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(item.page, f.attname) for f in page_fields}) for item in items]
        )
        by_model = defaultdict(list)
        for item, row in zip(items, rows, strict=True):
            item.page.id = item.page.page_ptr_id = row.pk
            item.page._state.adding = False
            by_model[type(item.page)].append(item.page)
        for model, pages in by_model.items():
            # QuerySet.bulk_create refuses multi-table inheritance: insert the model's own columns.
            model._base_manager.get_queryset()._batched_insert(pages, model._meta.local_concrete_fields, None)

    def _last_position(self, parent):
        if parent.pk not in self.next_position:
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.next_position[parent.pk] = Page._str2int(last[-Page.steplen :]) if last else 0
        return self.next_position[parent.pk]

    @staticmethod
    def _many_to_many(items):
        for model, name, attribute in ((ActionPage, "communes", "communes"), (EventPage, "categories", "categories")):
            relation = model._meta.get_field(name)
            through = relation.remote_field.through
            source, target = f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"
            through.objects.bulk_create(
                [
                    through(**{source: item.page.pk, target: related.pk})
                    for item in items
                    if isinstance(item.page, model)
                    for related in getattr(item, attribute)
                ]
            )

    @staticmethod
    def _occurrences(events):
        """The events' occurrences, as publishing builds them (events.occurrences.rebuild)."""
        start, end = window()
        Occurrence.objects.bulk_create(
            [
                Occurrence(
                    event_id=event.pk, start=item.start, end=item.end, all_day=item.all_day, cancelled=item.cancelled
                )
                for event in events
                for item in occurrences(event, max(start, event.start - dt.timedelta(days=1)), end)
            ]
        )

    # One French page of each kind, and its translation when ``translated``.

    def _items(self, parents, model, french, english, translated, **many):
        """The French page and, when ``translated``, its English translation, as Pending items.
        ``many`` holds the many-to-many values as lists of (French, English) pairs."""
        french_page = model(locale=self.french, **french)
        items = [
            Pending(parents[0], french_page, **{name: [pair[0] for pair in pairs] for name, pairs in many.items()})
        ]
        if translated:
            page = model(locale=self.english, translation_key=french_page.translation_key, **english)
            items.append(
                Pending(parents[1], page, **{name: [pair[1] for pair in pairs] for name, pairs in many.items()})
            )
        return items

    def _commune(self, draw):
        return self.communes[draw.commune_index]

    def _located(self, draw):
        """Address, commune and coordinates near the commune's."""
        commune = self._commune(draw)
        values = {"commune": commune, "street_address": f"{draw.random.randint(1, 90)} rue de la Gare"}
        if commune.latitude is not None:
            values["latitude"] = commune.latitude + Decimal(draw.random.randint(-80, 80)) / 10000
            values["longitude"] = commune.longitude + Decimal(draw.random.randint(-80, 80)) / 10000
        return values

    def _make_events(self, number, translated):
        draw = Draw("event", number)
        kind = draw.random.randrange(len(EVENT_KINDS))
        fr_kind, en_kind = EVENT_KINDS[kind]
        title = (f"{fr_kind} {draw.values['a']}", f"{en_kind} in {draw.values['name']}")
        summary, body, venue = draw.sentences(1, 1), draw.body(), draw.fill(draw.choice(VENUES))
        # One event in five is over, the others are coming up; one in eight repeats weekly.
        days = -draw.random.randint(1, 330) if number % 5 == 0 else draw.random.randint(0, 240)
        day = timezone.localdate() + dt.timedelta(days=days)
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(draw.random.choice([10, 14, 18, 20]))))
        weekly = number % 8 == 3
        shared = {
            "start": start,
            "end": start + dt.timedelta(hours=2),
            "frequency": "weekly" if weekly else "none",
            "count": draw.random.randint(4, 12) if weekly else None,
            "commune": self._commune(draw),
            "is_free": number % 3 != 0,
        }

        def values(language):
            return {
                "title": title[language],
                "slug": slug(title[language], number),
                "summary": summary[language],
                "listing_summary": summary[language],
                "body": body[language],
                "venue_name": venue[language],
                **shared,
            }

        categories = [self.event_categories[EVENT_KIND_CATEGORY[kind]]]
        return self._items(self.agenda, EventPage, values(0), values(1), translated, categories=categories)

    def _make_merchants(self, number, translated):
        draw = Draw("merchant", number)
        trade = draw.random.randrange(len(TRADES))
        name = draw.choice(TRADE_NAMES)
        title = (f"{TRADES[trade][0]} {name}", f"{TRADES[trade][1]} {name}")
        summary = draw.choice(TRADE_SUMMARIES)
        if number % 3 == 0:
            market = draw.fill(("Présent au marché {de} le {day}.", "At the {name} market on {day_en}s."))
            summary = (f"{summary[0]} {market[0]}", f"{summary[1]} {market[1]}")
        description = draw.sentences(1, 3)
        category = self.merchant_categories[TRADE_CATEGORY[trade]]
        shared = {**self._located(draw), "card_payment": number % 2 == 0, "phone": "03 27 00 00 00"}

        def values(language):
            return {
                "title": title[language],
                "slug": slug(title[language], number),
                "introduction": summary[language],
                "listing_summary": summary[language],
                "description": f"<p>{description[language]}</p>",
                "category": category[language],
                **shared,
            }

        return self._items(self.directory, MerchantPage, values(0), values(1), translated)

    def _make_places(self, number, translated):
        draw = Draw("place", number)
        kind = draw.random.randrange(len(PLACE_KINDS))
        fr_kind, en_kind = PLACE_KINDS[kind]
        title = (f"{fr_kind} {draw.values['de']}", f"{draw.values['name']} {en_kind}")
        summary, body = draw.sentences(1, 2), draw.body()
        place_kind = self.place_kinds[PLACE_KIND_OF[kind]]
        shared = {**self._located(draw), "free_entry": number % 2 == 0}

        def values(language):
            return {
                "title": title[language],
                "slug": slug(title[language], number),
                "introduction": summary[language],
                "listing_summary": summary[language][:300],
                "body": body[language],
                "kind": place_kind[language],
                **shared,
            }

        return self._items(self.places, PlacePage, values(0), values(1), translated)

    def _make_actions(self, number, translated):
        draw = Draw("action", number)
        parents, document, axis = self.sections[number % len(self.sections)]
        title = draw.fill(draw.choice(ACTIONS))
        objective, description = draw.sentences(1, 2), draw.sentences(2, 4)
        code = f"{document}.{axis}.{number // len(self.sections) + 1}"
        shared = {"code": code, "status": draw.choice(STATUSES), "priority": number % 7 == 0}

        def values(language):
            return {
                "title": title[language],
                "slug": slug(title[language], number),
                "objective": objective[language],
                "listing_summary": objective[language][:300],
                "description": f"<p>{description[language]}</p>",
                "lead": "Communauté de communes" if language == 0 else "Community of municipalities",
                **shared,
            }

        commune = self._commune(draw)
        return self._items(parents, ActionPage, values(0), values(1), translated, communes=[(commune, commune)])

    def _make_standard(self, number, translated):
        draw = Draw("standard", number)
        parents = self.rubriques[number % len(self.rubriques)]
        title = draw.fill(draw.choice(STANDARD_TITLES))
        introduction, body = draw.sentences(1, 1), draw.body()

        def values(language):
            return {
                "title": title[language],
                "slug": slug(title[language], number),
                "introduction": introduction[language],
                "listing_summary": introduction[language],
                "body": body[language],
            }

        return self._items(parents, StandardPage, values(0), values(1), translated)
