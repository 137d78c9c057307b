import pytest

from django.core.cache import cache

from tests.builders import build_site


def _transactional(item):
    """pytest-django's own reading: a test whose database changes are committed, and which
    empties the database after itself."""
    marker = item.get_closest_marker("django_db")
    committed = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0]) or marker.kwargs.get("reset_sequences")
    )
    return bool(committed) or bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """One scheduling unit per file for `make test`'s workers (pytest-xdist, ``--dist
    loadgroup``), so that a module's shared fixtures (a demo loaded once) serve all its tests,
    except that a file's transactional tests form a unit of their own. A transactional test empties
    the database after itself, taking the data the migrations made (the root page, the
    groups); Django runs those tests after the others for that reason, and pytest-django sorts
    them last. A worker takes its units in that order, so a unit of transactional tests comes
    after every unit of the others."""
    for item in items:
        unit = item.nodeid.split("::", 1)[0]
        if _transactional(item):
            unit += ":transactional"
        item.add_marker(pytest.mark.xdist_group(unit))


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
