"""View restrictions read in one query (``BasePage.get_view_restrictions``): the same
restrictions as Wagtail's own reading, on the page, its descendants and aliases, and the
restricted pages still refused to anonymous visitors."""

import pytest

from django.contrib.auth.models import Group

from wagtail.models import Page, PageViewRestriction

from tests.builders import add_standard_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site):
    site.open = add_standard_page(site.home, "Vivre ici", "vivre-ici")
    site.private = add_standard_page(site.home, "Espace élus", "espace-elus")
    site.deep = add_standard_page(site.private, "Comptes rendus", "comptes-rendus")
    site.other = add_standard_page(site.home, "Autre rubrique", "autre-rubrique")
    site.alias = site.private.create_alias(parent=site.other, update_slug="espace-elus-alias")
    site.alias_child = add_standard_page(site.alias, "Sous-page", "sous-page")
    site.restriction = PageViewRestriction.objects.create(page=site.private, restriction_type="login")
    groups = PageViewRestriction.objects.create(page=site.open, restriction_type="groups")
    groups.groups.add(Group.objects.create(name="Élus"))
    PageViewRestriction.objects.create(page=site.alias, restriction_type="login")  # ignored, as in Wagtail
    return site


def test_same_restrictions_as_wagtail_in_one_query(tree, django_assert_num_queries):
    pages = [tree.home, tree.open, tree.private, tree.deep, tree.other, tree.alias, tree.alias_child]
    for page in pages:
        page = Page.objects.get(pk=page.pk).specific
        expected = set(Page.get_view_restrictions(page))
        with django_assert_num_queries(1):
            assert set(page.get_view_restrictions()) == expected, page.title
    assert {r.pk for r in Page.objects.get(pk=tree.deep.pk).specific.get_view_restrictions()} == {tree.restriction.pk}


def test_restricted_pages_are_refused_to_anonymous_visitors(client, tree):
    assert client.get(tree.other.url).status_code == 200
    for page in (tree.private, tree.deep, tree.open):
        response = client.get(page.url)
        assert response.status_code == 302, page.url
        assert "login" in response["Location"]


def test_routing_skips_the_query_only_where_wagtail_finds_no_restriction(client, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages = [tree.home, tree.open, tree.private, tree.deep, tree.other, tree.alias, tree.alias_child]
    for page in pages:
        client.get(page.url)  # the chrome cached
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url)
        routed = response.wsgi_request._wagtail_route_for_request[0]
        restricted = bool(list(Page.get_view_restrictions(Page.objects.get(pk=page.pk))))
        # The reading of get_view_restrictions (the home page also filters its sections with
        # public(), which reads every restriction without looking at aliases).
        asked = any(
            query["sql"].startswith('SELECT "wagtailcore_pageviewrestriction"')
            and '"alias_of_id" IS NULL' in query["sql"]
            for query in captured.captured_queries
        )
        # Skipped only when Wagtail's own reading finds nothing; the alias and its child are asked.
        assert routed._hub_unrestricted is not (restricted or page in (tree.alias, tree.alias_child)), page.title
        assert asked is not routed._hub_unrestricted, page.title
    assert not tree.other.get_view_restrictions().exists()


def test_a_restriction_added_later_applies_at_once(client, tree):
    assert client.get(tree.other.url).status_code == 200
    PageViewRestriction.objects.create(page=tree.other, restriction_type="login")
    response = client.get(tree.other.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
