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
