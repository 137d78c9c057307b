import pytest

from django.core.cache import cache

from tests.builders import build_site


@pytest.fixture
def site(db):
    """A French home page with its English translation, as a namespace."""
    site, home, home_en = build_site()

    class Tree:
        pass

    tree = Tree()
    tree.site, tree.home, tree.home_en = site, home, home_en
    return tree


@pytest.fixture
def search_index(settings):
    """Keep the search index up to date as pages are saved (off by default in tests)."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}


@pytest.fixture(autouse=True)
def no_cache_from_other_tests():
    """The page chrome is cached by site and language (home/chrome.py): a site of the previous
    test, rolled back, may have had the same id."""
    cache.clear()


@pytest.fixture
def fresh_cache():
    """The cache emptied before and after the test (rate limits, feed bodies)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def moderated(site, fresh_cache):
    """The site with communes, an agenda under moderation, categories and two associations."""
    from tests.contribution_builders import Moderated

    return Moderated(site)
