"""What the search page shows about each result, the editors' promoted results, and what it
suggests when nothing is found. A constant number of queries whatever the number of results."""

from django.apps import apps
from django.core.cache import cache
from django.db.models import Min
from django.utils.translation import get_language

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.utils import normalise_query_string

from home.models import Commune

from .highlight import fold, mark, page_text, snippet
from .query import GROUPS, group_of

PROMOTED_KEY = "search:promoted-wordings"
LABELS = {group.key: group.label for group in GROUPS}


class Result:
    """A found page with what the list shows about it."""

    def __init__(self, page, asked, request):
        self.page = page
        self.url = page.get_url(request)
        self.group = group_of(page.content_type_id, asked.types)
        self.title = mark(getattr(page, "card_title", page.title), asked.marked_words)
        text = page_text(page)
        self.snippet = snippet(text or getattr(page, "card_summary", "") or "", asked.marked_words)
        # In English, a French page without translation is shown in French: say so, and tell
        # screen readers which language to read it in.
        self.language = asked.languages[page.locale_id] if page.locale_id != asked.visitor_locale.pk else ""
        self.commune = None
        self.next_start = None
        self.next_all_day = False


def decorate(request, asked, pages):
    results = [Result(page, asked, request) for page in pages]
    for result in results:
        # Read with the page when the results were (SearchRequest.top).
        for name in ("commune", "start_commune"):
            if name in result.page._state.fields_cache:
                result.commune = result.page._state.fields_cache[name]
    commune_ids = {commune_id(result.page) for result in results if result.commune is None} - {None}
    communes = Commune.objects.in_bulk(commune_ids) if commune_ids else {}
    for result in results:
        result.commune = result.commune or communes.get(commune_id(result.page))
    events = [result for result in results if result.group == "events"]
    if events and all(hasattr(result.page, "next_start") for result in events):
        # Read with the pages (SearchRequest.top): no query.
        for result in events:
            result.next_start = result.page.next_start
            result.next_all_day = getattr(result.page, "all_day", False)
    elif events:
        occurrence = apps.get_model("events", "Occurrence")
        starts = dict(
            occurrence.objects.filter(event__in=[r.page.pk for r in events], end__gt=asked.now)
            .values("event")
            .annotate(first=Min("start"))
            .values_list("event", "first")
        )
        for result in events:
            result.next_start = starts.get(result.page.pk)
            result.next_all_day = getattr(result.page, "all_day", False)
    return results


def commune_id(page):
    return getattr(page, "commune_id", None) or getattr(page, "start_commune_id", None)


def promoted_wordings():
    """[(query id, wording)] of the wordings with promoted results, kept in the cache until
    a promotion changes (``forget_promotions``)."""
    wordings = cache.get(PROMOTED_KEY)
    if wordings is None:
        wordings = list(Query.objects.filter(editors_picks__isnull=False).distinct().values_list("pk", "query_string"))
        cache.set(PROMOTED_KEY, wordings, None)
    return wordings


def forget_promotions(**kwargs):
    cache.delete(PROMOTED_KEY)


def promotions(request, asked):
    """The editors' promoted results for these exact words (Wagtail's search promotions), in
    the visitor's language when the page has a version in it, live pages of the site only."""
    # The wording an editor promoted matches whatever the accents ("fete" as "fête"); there
    # are a few dozen promoted wordings at most, compared here.
    wanted = fold(normalise_query_string(asked.words))[0]
    wordings = promoted_wordings()
    matching = [pk for pk, wording in wordings if fold(wording)[0] == wanted]
    if not matching:
        return []
    promoted = SearchPromotion.objects.filter(query__in=matching).select_related("page").order_by("sort_order")
    shown = []
    in_site = tuple(home.path for home in asked.homes)
    for promotion in promoted:
        if promotion.page_id:
            page = promotion.page.localized
            if not page.live or not page.path.startswith(in_site):
                continue
            shown.append({"title": page.title, "url": page.get_url(request), "description": promotion.description})
        elif promotion.external_link_url:
            shown.append(
                {
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "description": promotion.description,
                    "external": True,
                }
            )
    return shown


def suggestions_for_nothing(request, site):
    """Where to go when a search finds nothing: searches that do find something, and the
    main sections of the site."""
    home = site.root_page.localized
    sections = home.get_children().live().public().in_menu()
    # Only wordings an editor chose (those with promoted results): what visitors typed is
    # never shown to other visitors, it may be personal or offensive.
    curated = (
        Query.objects.filter(editors_picks__page__locale__language_code=get_language())
        .distinct()
        .order_by("query_string")
        .values_list("query_string", flat=True)[:6]
    )
    return {
        "sections": [(page.title, page.get_url(request)) for page in sections],
        "curated": list(curated),
    }
