"""The URLs the benchmark measures, one case each.

To add a case, write a function that takes the built tree (bench.tree.SyntheticTree) and
returns the URL to request, and decorate it with ``@case("name")``. When the case needs more
content than the tree has (events, say), pass ``setup=``: a function of the tree, called once
for each tree size (``tree.size``) before the case is measured, that creates that content.
Cases are measured in the order they are declared here.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    name: str
    url: Callable
    setup: Callable | None = None


CASES = []


def case(name, setup=None):
    """Register the decorated function (tree -> URL) as a case called ``name``."""

    def register(url):
        CASES.append(Case(name, url, setup))
        return url

    return register


@case("home-fr")
def home_fr(tree):
    """The French home page: header menu, key figures and a card per section."""
    return "/fr/"


@case("home-en")
def home_en(tree):
    """The English home page, a translation of the French one."""
    return "/en/"


@case("standard-deep")
def standard_deep(tree):
    """A standard page two levels below the home page, among its section's many siblings."""
    return tree.deep.url
