"""What a visitor's search covers: the pages searched, the kinds of result they are grouped
into, and the two facets (kind and commune).

Everything goes through Wagtail's search backend (search/backend.py); the facets reuse the
backend's own queryset of matches as a subquery, so their cost does not grow with the number
of results shown.
"""

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page
from wagtail.search.query import And, Or, Phrase, PlainText

from home.models import Commune

from .backend import backend_for
from .postgresql import ranked_top_and_facet
from .synonyms import synonyms_of, table


@dataclass(frozen=True)
class Group:
    """A kind of result, shown as its own section with its own count."""

    key: str
    label: str
    models: tuple = ()


GROUPS = (
    Group("actions", _("Roadmap actions"), ("home.ActionPage",)),
    Group("events", _("Upcoming events"), ("events.EventPage",)),
    Group("places", _("Places and trails"), ("tourism.PlacePage", "tourism.TrailPage")),
    Group("merchants", _("Shops and producers"), ("commerce.MerchantPage",)),
    Group("news", _("News"), ("news.NewsPage",)),
    # Everything else: the home page, standard pages, roadmaps, agendas, directories…
    Group("pages", _("Pages")),
)
GROUP_KEYS = [group.key for group in GROUPS]

# How each kind of page reaches its commune from Page (the action's is many-to-many).
COMMUNE_FIELDS = {
    "events.EventPage": "eventpage__commune",
    "tourism.PlacePage": "placepage__commune",
    "commerce.MerchantPage": "merchantpage__commune",
    "tourism.TrailPage": "trailpage__start_commune",
    "news.NewsPage": "newspage__commune",
}
ACTION_COMMUNES = "actionpage__communes"


def group_content_types():
    """{group key: [content type ids]}, the "pages" group left empty (it is the rest)."""
    models = {label: apps.get_model(label) for group in GROUPS for label in group.models}
    types = ContentType.objects.get_for_models(*models.values())
    return {group.key: [types[models[label]].pk for label in group.models] for group in GROUPS}


def group_of(content_type_id, types):
    for key, ids in types.items():
        if content_type_id in ids:
            return key
    return "pages"


@dataclass
class SearchRequest:
    """A search as asked: the words, and the optional kind and commune."""

    site: object
    words: str
    group: str = ""
    commune: Commune | None = None
    operator: str = "and"
    now: object = field(default_factory=timezone.now)
    # (first, last): the places of the results of the kind chosen that the page lists, ranked
    # with ``top`` on PostgreSQL (see ``listed_page``).
    listed = None

    @cached_property
    def text(self):
        """The words as given to the backend: letters and digits only. Quotes and operators
        would reach SQLite's FTS5 query syntax unescaped (a lone quote is an error there)."""
        return " ".join(re.findall(r"\w+", self.words))

    @cached_property
    def locale(self):
        return Locale.get_active()

    @cached_property
    def visitor_locale(self):
        """The visitor's locale: the pages' own, unless searching another language's."""
        return self.locale

    @cached_property
    def language(self):
        """The language the words are meant in (that of the visitor, even when the pages
        searched are those of another language)."""
        return self.locale.language_code

    @cached_property
    def synonyms(self):
        """{word searched: the words the synonyms table says mean the same}."""
        known = table()
        return {word: synonyms_of(word, known) for word in self.text.split() if synonyms_of(word, known)}

    def query(self):
        """The words as the backend searches them: each word, or any word meaning the same."""
        if not self.synonyms:
            return PlainText(self.text, operator=self.operator)
        parts = []
        for word in self.text.split():
            others = [" ".join(re.findall(r"\w+", other)) for other in self.synonyms.get(word, ())]
            others = [other for other in others if other]
            words = [PlainText(word)] + [Phrase(other) if " " in other else PlainText(other) for other in others]
            parts.append(Or(words) if len(words) > 1 else words[0])
        if len(parts) == 1:
            return parts[0]
        return And(parts) if self.operator == "and" else Or(parts)

    @cached_property
    def marked_words(self):
        """The words to mark in the results: those searched and their synonyms."""
        return " ".join([self.words, *(other for others in self.synonyms.values() for other in others)])

    @cached_property
    def private(self):
        """Wagtail's condition for pages in a private section: read once, not once for each of
        the facets and kinds of result (``public()`` reads the restrictions every time)."""
        return Page.objects.private_q()

    @cached_property
    def languages(self):
        return dict(Locale.objects.values_list("pk", "language_code"))

    @cached_property
    def types(self):
        return group_content_types()

    @cached_property
    def homes(self):
        """The site's home page in each language."""
        home = self.site.root_page
        return list(Page.objects.filter(translation_key=home.translation_key, live=True).only("path", "locale_id"))

    def pages(self, group=None, commune=None):
        """The live public pages of the site that can be found, before any words."""
        in_site = Q()
        for tree in self.homes:
            in_site |= Q(path__startswith=tree.path)
        pages = Page.objects.live().exclude(self.private).filter(in_site)
        source = self.site.root_page.locale_id
        if self.locale.pk == source:
            pages = pages.filter(locale=self.locale)
        else:
            # In English, French pages that have no English version are found too (and shown
            # as French): a visitor is better served by them than by nothing.
            translated = Page.objects.live().filter(locale=self.locale).values("translation_key")
            pages = pages.filter(Q(locale=self.locale) | (Q(locale_id=source) & ~Q(translation_key__in=translated)))
        pages = pages.exclude(pk__in=self.past_events())
        if group:
            grouped = [pk for ids in self.types.values() for pk in ids]
            if group == "pages":
                pages = pages.exclude(content_type__in=grouped)
            else:
                pages = pages.filter(content_type__in=self.types[group])
        if commune is not None:
            pages = pages.filter(in_commune(commune))
        return pages

    def next_start(self):
        """The start of an event's first occurrence not over yet, as a subquery on the event."""
        occurrence = apps.get_model("events", "Occurrence")
        upcoming = occurrence.objects.filter(event=OuterRef("pk"), end__gt=self.now).order_by("start")
        return Subquery(upcoming.values("start")[:1])

    def past_events(self):
        event_page = apps.get_model("events", "EventPage")
        occurrence = apps.get_model("events", "Occurrence")
        upcoming = occurrence.objects.filter(event=OuterRef("pk"), end__gt=self.now)
        return event_page.objects.filter(~Exists(upcoming)).values("pk")

    def search(self, group=None, commune=None):
        return backend_for(self.language).search(self.query(), self.pages(group, commune).specific())

    def in_source_language(self):
        """The same search among the pages of the site's first language (French), the words
        still read as the visitor means them: for when nothing is found in theirs."""
        source = SearchRequest(self.site, self.words, self.group, self.commune, self.operator, self.now)
        source.visitor_locale, source.language = self.locale, self.language
        source.listed = self.listed
        source.locale = Locale.objects.get(pk=self.site.root_page.locale_id)
        return source

    def results(self):
        """The ranked results with both filters applied."""
        return self.search(self.group or None, self.commune)

    def top(self, per_group, read=True):
        """({group key: its best `per_group` matches, best first}, {group key: number of
        matches}) for the commune chosen: one query ranks every match within its kind (a window
        over the backend's own ordering) and counts each kind, then one query per type of page
        found reads the pages (unless `read` is false). On PostgreSQL the same query also counts
        the commune facet (``commune_counts``), from the same matches."""
        if connection.vendor == "postgresql":
            rows = self.top_and_facet_on_postgresql(per_group)
        else:
            found = self.search(commune=self.commune).get_queryset()
            place = Window(RowNumber(), partition_by=[self.kind()], order_by=list(found.query.order_by))
            total = Window(Count("pk"), partition_by=[self.kind()])
            rows = sorted(
                found.annotate(kind=self.kind(), place=place, total=total)
                .filter(place__lte=max(per_group, 1))  # one row at least: every kind's count
                .values_list("kind", "place", "pk", "content_type_id", "total")
            )
        counts = dict.fromkeys(GROUP_KEYS, 0)
        counts.update({key: count for key, _place, _pk, _type, count in rows})
        rows = [row[:4] for row in rows if row[1] <= per_group]
        if not read:
            return {}, counts
        pages = self.read_pages((pk, content_type) for _kind, _place, pk, content_type in rows)
        top = {}
        for key, _place, pk, _content_type in rows:
            if pk in pages:  # unless deleted in between
                top.setdefault(key, []).append(pages[pk])
        return top, counts

    def read_pages(self, found):
        """{pk: page} of the (pk, content type) found: one query per type of page, each page read
        with the commune it shows and, for an event, its next date (results.decorate)."""
        by_type = {}
        for pk, content_type in found:
            by_type.setdefault(content_type, []).append(pk)
        pages = {}
        for content_type, pks in by_type.items():
            model = ContentType.objects.get_for_id(content_type).model_class()
            fields = {field.name for field in model._meta.fields}
            related = [name for name in ("commune", "start_commune") if name in fields]
            read = model.objects.select_related(*related)
            if model is apps.get_model("events", "EventPage"):
                read = read.annotate(next_start=self.next_start())
            pages.update(read.in_bulk(pks))
        return pages

    def listed_page(self, first, last):
        """The results of the kind chosen at places `first` + 1 to `last`, best first: those
        ranked with ``top`` when they are the ones asked for (``listed``, PostgreSQL), without
        a query to rank them again; otherwise from the backend's search."""
        if getattr(self, "_listed", None) is not None and self.listed[0] == first and last <= self.listed[1]:
            found = self._listed[: last - first]
            pages = self.read_pages(found)
            return [pages[pk] for pk, _type in found if pk in pages]
        return list(self.results()[first:last])

    def kind(self):
        """The group key of a page, from its content type, as an SQL expression."""
        return Case(
            *(When(content_type_id__in=ids, then=Value(key)) for key, ids in self.types.items() if ids),
            default=Value("pages"),
            output_field=CharField(),
        )

    def top_and_facet_on_postgresql(self, per_group):
        """The rows of ``top`` (kind, place, pk, content type, count of the kind), and the commune
        facet kept for ``commune_counts``: one statement, the words matched once
        (search/postgresql.py). The ranking is the backend's own score, unchanged."""
        self._listed = None
        found = self.search().annotate_score("_score").get_queryset()
        matches = found.order_by().values_list("pk", "content_type_id", "_score")
        rows = ranked_top_and_facet(
            matches,
            self.types,
            per_group,
            commune_pages().query.sql_with_params(),
            commune=self.commune.pk if self.commune else None,
            group_condition=("matches.kind = %s", [self.group]) if self.group else None,
            listed=(self.group, self.listed[0] + 1, self.listed[1]) if self.group and self.listed else None,
        )
        if self.group and self.listed:
            first, last = self.listed
            # Best first: (kind, place, pk, content type) sorted on the place.
            listed = sorted(row[1:5] for row in rows if row[0] == "top" and row[1] == self.group)
            self._listed = [(pk, content_type) for _kind, place, pk, content_type in listed if first < place <= last]
        self._facet = sorted(
            (
                (Commune(pk=commune_id, name=name, slug=slug), count)
                for _row, name, _place, commune_id, _type, count, slug in rows
                if _row == "commune"
            ),
            key=lambda item: (-item[1], item[0].name),
        )
        return sorted(row[1:6] for row in rows if row[0] == "top")

    def commune_counts(self):
        """[(commune, number of matches)] for the kind chosen but whatever the commune, most
        matches first. One query (none on PostgreSQL: counted with ``top``): an action counts once
        for each of its communes."""
        if getattr(self, "_facet", None) is not None:
            return self._facet
        matches = self.search(self.group or None).get_queryset().order_by().values("pk")
        paths = [*COMMUNE_FIELDS.values(), ACTION_COMMUNES]
        rows = (
            # No ordering: Page's default one (path) would be grouped on too, one row per page.
            Page.objects.filter(pk__in=matches)
            .order_by()
            # A page has one of these paths to its commune; the others are empty.
            .annotate(
                commune=Coalesce(*paths),
                commune_name=Coalesce(*(f"{path}__name" for path in paths)),
                commune_slug=Coalesce(*(f"{path}__slug" for path in paths)),
            )
            .filter(commune__isnull=False)
            .values("commune", "commune_name", "commune_slug")
            .annotate(count=Count("pk"))
        )
        communes = [
            (Commune(pk=row["commune"], name=row["commune_name"], slug=row["commune_slug"]), row["count"])
            for row in rows
        ]
        return sorted(communes, key=lambda item: (-item[1], item[0].name))


class Listed:
    """The results of the kind chosen as the paginator reads them, a slice at a time (see
    ``SearchRequest.listed_page``); their number is known from ``top``."""

    def __init__(self, asked, count):
        self.asked, self.count = asked, count

    def __len__(self):
        return self.count

    def __getitem__(self, index):
        return self.asked.listed_page(index.start or 0, index.stop)


def commune_pages():
    """(page id, commune id) of every page with a commune, an action once for each of its
    communes: a UNION ALL of the page tables' commune columns, for ``ranked_top_and_facet``."""
    pairs = []
    for label, path in COMMUNE_FIELDS.items():
        field = path.split("__", 1)[1]
        pairs.append(apps.get_model(label).objects.filter(**{f"{field}__isnull": False}).values_list("pk", field))
    through = apps.get_model("home", "ActionPage").communes.through
    pairs.append(through.objects.values_list("actionpage_id", "commune_id"))
    return pairs[0].order_by().union(*(pair.order_by() for pair in pairs[1:]), all=True)


def in_commune(commune):
    condition = Q()
    for label, path in COMMUNE_FIELDS.items():
        model = apps.get_model(label)
        condition |= Q(pk__in=model.objects.filter(**{path.split("__", 1)[1]: commune}).values("pk"))
    action = apps.get_model("home", "ActionPage")
    return condition | Q(pk__in=action.objects.filter(communes=commune).values("pk"))
