from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render

from wagtail.models import Locale, Page, Site

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Search the live pages of the visitor's language on the current site."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        site = Site.find_for_request(request)
        # Page.objects.in_site() only covers the site's French tree: start from the home page
        # in the visitor's language instead.
        home = site.root_page.localized
        results = (
            Page.objects.live()
            .public()
            .descendant_of(home, inclusive=True)
            .filter(locale=Locale.get_active())
            .specific()
            .search(query)
        )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        page_obj = paginator.page(1)
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "search_query": query,
            "page_obj": page_obj,
            "paginator": paginator,
            "query_prefix": urlencode({"q": query}) + "&" if query else "",
        },
    )
