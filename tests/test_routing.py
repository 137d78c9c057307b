"""The public addresses find the page Wagtail's own routing finds, in two queries.

``home/routing.py`` replaces the walk down the tree (two queries per level) by one query for
every page on the way; these tests hold it to Wagtail's answer on every page of the demo, in
both languages, on sub-routes of routable pages and on addresses that name nothing.
"""

import pytest

from django.core.cache import cache
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page, Site

from home import chrome, routing
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo territory, loaded once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield Site.objects.get(is_default_site=True)
        transaction.set_rollback(True)
    cache.clear()


def request_for():
    # Another host than the Site record's: the default site answers it, as in production
    # behind a proxy.
    return RequestFactory().get("/", HTTP_HOST="hub.example.org")


def wagtail_route(path):
    """What Wagtail's own ``Page.route_for_request`` answers, on a fresh request."""
    return Page.route_for_request(request_for(), path)


def hub_route(path):
    return routing.route(request_for(), path)


def same(found, expected):
    if expected is None:
        return found is None
    if found is None:
        return False
    (page, args, kwargs), (expected_page, expected_args, expected_kwargs) = found, expected
    if (page.pk, type(page), kwargs) != (expected_page.pk, type(expected_page), expected_kwargs):
        return False
    if len(args) != len(expected_args):
        return False
    if args:  # a routable page: (view, args, kwargs) of its sub-route
        view, view_args, view_kwargs = args
        expected_view, expected_view_args, expected_view_kwargs = expected_args
        return (view.__name__, view_args, view_kwargs) == (
            expected_view.__name__,
            expected_view_args,
            expected_view_kwargs,
        )
    return True


def addresses(site, language):
    """The path of every page of the site under the home page in ``language``, and around
    them: sub-routes of routable pages, a slug that names nothing, one level too deep."""
    with translation.override(language):
        home = site.root_page.localized
    paths = [""]
    for page in Page.objects.descendant_of(home).order_by("path"):
        path = page.url_path[len(home.url_path) :]
        paths += [path, path + "nothing-here/", path + "geojson/", path + "embed/", path + "calendrier/"]
    paths += ["agenda/embed/extra/", "nothing/at/all/", "communes/no-such-commune/"]
    return paths


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_address_of_the_demo_finds_what_wagtail_finds(demo, language):
    paths = addresses(demo, language)
    assert len(paths) > 100
    with translation.override(language):
        differences = [path for path in paths if not same(hub_route(path), wagtail_route(path))]
        found = [path for path in paths if hub_route(path) is not None]
    assert differences == []
    # Both pages and sub-routes are among the addresses checked, not only 404s.
    assert any(path.endswith("embed/") for path in found)
    assert any(path.endswith("geojson/") for path in found)
    assert len(found) > len(paths) / 5


def test_drafts_and_pages_of_other_sites_are_not_found(demo):
    draft = Page.objects.descendant_of(demo.root_page).filter(live=False).first()
    other = Page.objects.exclude(pk=demo.root_page.pk).filter(depth=2).first()
    # The demo holds both: drafts (the proposals waiting for moderation) and a second tree under
    # the root (the English home page).
    assert draft is not None and other is not None
    with translation.override("fr"):
        path = draft.url_path[len(demo.root_page.url_path) :]
        assert hub_route(path) is None
        assert wagtail_route(path) is None
        # The other tree's home page's slug names no child of this home page.
        assert hub_route(other.slug + "/") is None


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_routing_takes_two_queries_at_any_depth_once_the_chrome_is_cached(demo, depth):
    with translation.override("fr"):
        home = demo.root_page.localized
        page = Page.objects.descendant_of(home).filter(depth=home.depth + depth, live=True).first()
        path = page.url_path[len(home.url_path) :]
        warm = request_for()
        chrome.for_request(warm)
        request = request_for()
        with CaptureQueriesContext(connection) as captured:
            found = routing.route(request, path)
    assert found is not None and found[0].pk == page.pk
    # The site, then the pages on the way, then the specific row of the page found.
    assert len(captured) <= 3


def test_a_page_is_served_through_the_view_with_its_own_template(demo, client):
    response = client.get("/fr/agenda/", HTTP_HOST="hub.example.org")
    assert response.status_code == 200
    assert response.wsgi_request._wagtail_route_for_request[0].slug == "agenda"
    assert client.get("/fr/agenda/no-such-event/", HTTP_HOST="hub.example.org").status_code == 404
