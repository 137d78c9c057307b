"""Every title of the demo's strategy data compared to its seed document (issue 18, item 5): no
title is shorter than the heading it transcribes, and none ends in "…" where the source goes on.

The demo data files carry the titles verbatim (home/strategy/demo_data/SCHEMA.md), and
tests/test_clean_public_pages.py checks that the pages show them whole. This module checks the
data files themselves against the seed texts, which live beside the checkout (shared/seeds/):
without them it is skipped.
"""

import json
import re
from pathlib import Path

import pytest

from home.strategy.demo import DATA as STRATEGY_DATA

CHECKOUT = Path(__file__).resolve().parents[1]
SEEDS = next(
    (path for path in (CHECKOUT.parent / "shared" / "seeds", Path("/work/shared/seeds")) if path.is_dir()), None
)
SEED_FILES = sorted(STRATEGY_DATA.glob("0*.json"))
# What may follow a whole heading on its source line: nothing, or the end of a sentence or clause
# ("Campagne de publicité digitale et outil de mailing groupé : permettre…"), or the source's
# own ellipsis ("… pour les RH ...").
HEADING_END = re.compile(r"^(?:$|\s*[.…:;,)–—-])")
# Headings found on one line of their source; the others (a heading wrapped over lines, an
# action named from the prose around it) are compared by tests/test_clean_public_pages.py only.
LEAST_COMPARED = 0.6

pytestmark = pytest.mark.skipif(SEEDS is None, reason="the seed documents (shared/seeds/) are not beside the checkout")


def normalised(value):
    return re.sub(r"\s+", " ", value.replace("**", "").replace("’", "'")).strip()


def headings(node):
    """(code, French heading) of every section and action of a data file, at every depth."""
    for key in ("sections", "actions"):
        for item in node.get(key, []):
            yield item.get("code") or item["number"], item["title"]["fr"]
            yield from headings(item)


def source_units(data):
    """The lines of the seed text, table cells apart (003's table is tab-separated)."""
    text = (SEEDS / data["source_file"]).read_text(encoding="utf-8")
    return [normalised(cell) for line in text.splitlines() for cell in line.split("\t") if normalised(cell)]


def whole_somewhere(heading, units):
    """Whether some source line holds ``heading`` followed by nothing that continues it."""
    found = False
    for unit in units:
        start = unit.find(heading)
        if start < 0:
            continue
        found = True
        if HEADING_END.match(unit[start + len(heading) :]):
            return True, True
    return found, False


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: path.stem)
def test_no_title_is_shorter_than_its_source_heading(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    units = source_units(data)
    source = " ".join(units)
    titles = list(headings(data))
    compared, shorter, cut = 0, [], []
    for code, title in titles:
        heading = normalised(title).rstrip(" .;:,")
        if heading.endswith("…") and heading not in source:
            cut.append(code)
            continue
        found, whole = whole_somewhere(heading, units)
        if found:
            compared += 1
            if not whole:
                shorter.append((code, title))
    assert cut == [], "titles cut with '…' where the source goes on"
    assert shorter == [], "titles shorter than their source heading"
    assert compared >= LEAST_COMPARED * len(titles), (compared, len(titles))


def test_a_cut_title_would_be_caught():
    units = ["Valoriser les activités des services via la vidéo ou le motion design. Par exemple…"]
    assert whole_somewhere("Valoriser les activités des services via la vidéo ou le motion design", units) == (
        True,
        True,
    )
    assert whole_somewhere("Valoriser les activités des services via la vidéo", units) == (True, False)
