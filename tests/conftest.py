import pytest

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
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
