"""The search page and its suggestions endpoint."""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from wagtail.models import Site

from home.chrome import active_locale, for_request
from home.models import Commune

from .highlight import terms
from .query import GROUP_KEYS, GROUPS, Listed, SearchRequest
from .results import decorate, promotions, suggestions_for_nothing
from .tasks import count_after_response

RESULTS_PER_PAGE = 10
PER_GROUP = 3
MAX_QUERY_LENGTH = 200
MAX_SUGGESTIONS = 8


def read_words(request):
    # Control characters are no use to the search and could end up in the logged terms.
    words = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable())
    return " ".join(words.split())[:MAX_QUERY_LENGTH]


def search(request):
    """Search every kind of page of the site in the visitor's language, grouped by kind."""
    site = Site.find_for_request(request)
    words = read_words(request)
    group = request.GET.get("type", "")
    group = group if group in GROUP_KEYS else ""
    commune = None
    if site and request.GET.get("commune"):
        commune = Commune.objects.filter(site=site, slug=request.GET["commune"]).first()
    context = {"query": words, "search_query": words, "group": group, "commune": commune, "groups": GROUPS}
    asked = SearchRequest(site, words, group, commune) if words and site else None
    if asked:
        asked.locale = active_locale(request)  # the chrome's: no query
        chrome = for_request(request)
        if chrome is not None:  # the site's home pages and languages, cached with the chrome
            asked.homes = [home for home in chrome.homes.values() if home.live]
            asked.languages = {pk: locale.language_code for pk, locale in chrome.locales.items()}
    if asked and asked.text:
        context.update(run(request, asked))
    elif asked:
        context.update(total=0, suggestions=suggestions_for_nothing(request, site))
    elif site:
        context["suggestions"] = suggestions_for_nothing(request, site)
    return render(request, "search/search.html", context)


def run(request, asked):
    # The overview's first results and every kind's count come from one ranking of the matches.
    read = not asked.group
    if asked.group:
        asked.listed = listed_places(request)
    found, counts = asked.top(PER_GROUP, read)
    total = sum(counts.values())
    any_word = False
    if not total and len(terms(asked.words)) > 1:
        # Nothing has all the words: show what has some of them, and say so.
        asked.operator = "or"
        found, counts = asked.top(PER_GROUP, read)
        total = sum(counts.values())
        any_word = total > 0
    in_source_language = False
    if not total and asked.locale.pk != asked.site.root_page.locale_id:
        # Nothing in the visitor's language: the pages of the site's first language may
        # have the words (the English site only lists French pages without translation).
        source = asked.in_source_language()
        found, counts = source.top(PER_GROUP, read)
        total = sum(counts.values())
        if total:
            asked, in_source_language = source, True
    context = {
        "in_source_language": asked.locale.language_code if in_source_language else "",
        "total": total,
        "any_word": any_word,
        "group_links": group_links(asked, counts, total),
        "communes": asked.commune_counts() if total or asked.commune else [],
        "promotions": promotions(request, asked),
    }
    if asked.group:
        # The page's results were ranked with the counts (PostgreSQL): no query to rank them again.
        paginator = Paginator(Listed(asked, counts[asked.group]), RESULTS_PER_PAGE)
        paginator.count = counts[asked.group]  # known from the facet: no COUNT query
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (EmptyPage, PageNotAnInteger):
            page_obj = paginator.page(1)
        context.update(
            page_obj=page_obj,
            results=decorate(request, asked, list(page_obj.object_list)),
            query_prefix=urlencode(params(asked, asked.group, asked.commune)) + "&",
        )
    else:
        shown = [group for group in GROUPS if counts[group.key] and found.get(group.key)]
        # Decorated together: one query for the communes and one for the dates of all sections.
        results = iter(decorate(request, asked, [page for group in shown for page in found[group.key]]))
        context["sections"] = [
            {"group": group, "count": counts[group.key], "results": [next(results) for _page in found[group.key]]}
            for group in shown
        ]
    if not total:
        context["suggestions"] = suggestions_for_nothing(request, asked.site)
    first_view = request.GET.get("page", "1") == "1" and not asked.group and not asked.commune
    if first_view:
        count_after_response(asked.words, get_language(), total)  # no write before the answer
    return context


def listed_places(request):
    """(first, last): the places of the results the page asked for lists, for ``top``."""
    try:
        number = max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        number = 1
    return (number - 1) * RESULTS_PER_PAGE, number * RESULTS_PER_PAGE


def params(asked, group=None, commune=None):
    values = {"q": asked.words}
    if group:
        values["type"] = group
    if commune:
        values["commune"] = commune.slug
    return values


def group_links(asked, counts, total):
    links = [{"key": "", "label": None, "count": total, "query": urlencode(params(asked, "", asked.commune))}]
    for group in GROUPS:
        links.append(
            {
                "key": group.key,
                "label": group.label,
                "count": counts[group.key],
                "query": urlencode(params(asked, group.key, asked.commune)),
            }
        )
    return links


def suggest(request):
    """Up to eight page titles that start like what is being typed, as JSON: the search box
    offers them while typing (the page works without)."""
    site = Site.find_for_request(request)
    words = read_words(request)
    suggestions = []
    asked = SearchRequest(site, words) if site and len(words) >= 2 else None
    if asked and asked.text:
        for page in asked.pages().autocomplete(asked.text)[:MAX_SUGGESTIONS]:
            suggestions.append({"title": page.title, "url": page.get_url(request)})
    response = JsonResponse({"query": words, "suggestions": suggestions})
    patch_cache_control(response, public=True, max_age=300)
    return response
