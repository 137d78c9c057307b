"""Finding the page a public address names, in two queries instead of two per level.

Wagtail's ``serve`` finds the site's home page in the active language (three queries: the
Locale, its translations, its specific row), then walks down the tree one slug at a time, each
level a query for the child and one for its specific row: six of the event page's eleven
queries (the profile of ``bench`` ``event-page``). Here the home page comes from the page chrome
(``home.chrome``, cached per site and language) and every page on the way is read in one query
by its ``url_path``; only the page that answers is read as its specific type.

The answer is the one Wagtail's own routing gives: a page on the way whose type routes the rest
of the address itself (a routable page whose sub-routes match it, or any other ``route``
override) is handed the rest, exactly as ``Page.route`` would hand it. The result is stored
where Wagtail keeps it (``request._wagtail_route_for_request``), and Wagtail's ``serve`` view
then runs unchanged: hooks, view restrictions, ``serve()`` of the page.
"""

from django.http import Http404
from django.urls import Resolver404

from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from home import chrome


def serve(request, path):
    """Wagtail's ``serve`` view, its route found by ``route``."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route(request, path)
    return wagtail_views.serve(request, path)


def route(request, path):
    """``Page.route_for_request``: the ``RouteResult`` of ``path``, or None (not found)."""
    if Site.find_for_request(request) is None:
        return None
    page_chrome = chrome.for_request(request)
    if page_chrome is None or page_chrome.home is None:
        return Page.route_for_request(request, path)
    components = [component for component in path.split("/") if component]
    try:
        found = descend(page_chrome.home, request, components)
    except Http404:
        return None
    page = found[0]
    steps = range(page.steplen, len(page.path) + 1, page.steplen)
    # Read by BasePage.get_view_restrictions, which then needs no query.
    page._hub_unrestricted = not any(page.path[:end] in page_chrome.restricted_paths for end in steps)
    return found


def descend(home, request, components):
    """Route ``components`` from ``home`` (a specific page), as ``home.route`` would."""
    prefixes = [
        home.url_path + "".join(f"{part}/" for part in components[:end]) for end in range(1, len(components) + 1)
    ]
    # The slugs first: url_path has no index, and the home page's descendants are every page of
    # the site (EXPLAIN ANALYZE, 6,500 pages: a scan of all of them, 2.3 ms; by slug, 0.2 ms).
    rows = (
        Page.objects.filter(slug__in=sorted(set(components)), url_path__in=prefixes, path__startswith=home.path)
        if prefixes
        else []
    )
    by_depth = {row.depth: row for row in rows}
    current = home
    for index in range(len(components)):
        if routes_itself(current, components[index:]):
            return specific(current).route(request, components[index:])
        # The row at this depth has the address up to here as its url_path, so the component
        # at this depth as its slug.
        child = by_depth.get(home.depth + index + 1)
        if child is None:
            raise Http404
        # As Page.route: the parent kept on the child spares get_parent() a query.
        child._cached_parent_obj = current
        current = child
    return specific(current).route(request, [])


def routes_itself(page, remaining):
    """Whether ``page``'s own ``route`` would answer ``remaining`` instead of a child page."""
    page_route = (page.specific_class or Page).route
    if page_route is Page.route:
        return False
    if page_route is RoutablePageMixin.route:
        if not page.live:  # RoutablePageMixin.route then goes straight to the child pages
            return False
        try:
            page.specific_class.get_resolver().resolve("/" + "".join(f"{part}/" for part in remaining))
        except Resolver404:
            return False
    return True


def specific(page):
    specific_class = page.specific_class
    return page if specific_class is None or isinstance(page, specific_class) else page.specific
