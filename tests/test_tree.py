"""The tree rules are the information architecture: each page type only where it belongs.

Plain pytest functions rather than WagtailPageTestCase: a Django TestCase class in the session
breaks the serialized rollback the transactional tests rely on.
"""

import pytest

from wagtail.models import Page

from home.models import HomePage, StandardPage
from tests.builders import add_standard_page


def test_home_page_lives_directly_under_the_root():
    assert set(HomePage.allowed_parent_page_models()) == {Page}


def test_standard_page_lives_under_the_home_page_or_another_standard_page():
    assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}


def test_standard_page_only_holds_standard_pages():
    assert set(StandardPage.allowed_subpage_models()) == {StandardPage}


@pytest.mark.django_db
def test_editors_can_only_create_each_page_type_where_it_belongs(site):
    standard = add_standard_page(site.home, "Le territoire", "le-territoire")
    assert StandardPage.can_create_at(site.home)
    assert StandardPage.can_create_at(standard)
    assert not HomePage.can_create_at(site.home)
    assert not HomePage.can_create_at(standard)
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert not StandardPage.can_create_at(Page.get_first_root_node())
