"""Filtering a plan's actions by partner (issue 18, item 4): the options come from the partners
of the live actions, in an order that never changes, in a fixed number of queries."""

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import StrategyPage
from home.strategy.filters import filter_choices
from tests import strategy_data
from tests.test_strategy import strategy_loader

pytestmark = pytest.mark.django_db

PARTNERS = ["Région Hauts-de-France", "orange", "Orange", "CAF du Nord"]


def partnered_document(actions_count=6, slug="feuille-test"):
    data = strategy_data.document(actions_count, slug=slug, bilingual=True)
    for index, action in enumerate(action for axis in data["sections"] for action in axis["actions"]):
        name = PARTNERS[index % len(PARTNERS)]
        action["partners"] = [{"name": name, "role": {"fr": "cofinanceur", "en": "co-funder"}}]
        if index == 0:
            action["partners"].append({"name": "CAF du Nord"})
    return data


def test_partner_options_are_those_of_the_actions_in_a_fixed_order(site):
    document = strategy_loader(site, translate=False).load_document(partnered_document())
    options = [name for name, _label in filter_choices(document)["partner"]]
    # Case-insensitive order, ties broken by the exact spelling: the same in every process.
    assert options == ["CAF du Nord", "Orange", "orange", "Région Hauts-de-France"]


@pytest.mark.parametrize(
    ("partner", "expected"),
    [
        ("CAF+du+Nord", ["1.1", "2.1"]),
        ("orange", ["1.2", "2.3"]),
        ("Orange", ["1.3"]),
        ("Inconnu", ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]),
    ],
)
def test_actions_filter_by_partner_name(client, site, partner, expected):
    strategy_loader(site).load_document(partnered_document())
    html = BeautifulSoup(client.get(f"/fr/strategie/feuille-test/?partner={partner}").content, "html.parser")
    assert [code.get_text(strip=True) for code in html.select(".outline__code")] == expected
    assert html.find("label", attrs={"for": "filter-partner"}).get_text() == "Partenaire"
    english = BeautifulSoup(client.get("/en/strategy/feuille-test-en/").content, "html.parser")
    assert english.find("label", attrs={"for": "filter-partner"}).get_text() == "Partner"


def test_partner_options_take_the_same_number_of_queries_at_any_size(site):
    strategy = strategy_loader(site, translate=False)
    counts = []
    for size, slug in ((6, "petit"), (60, "grand")):
        document = strategy.load_document(partnered_document(size, slug=slug))
        document = StrategyPage.objects.get(pk=document.pk)
        with CaptureQueriesContext(connection) as queries:
            assert len(filter_choices(document)["partner"]) == 4
        counts.append(len(queries))
    assert counts[0] == counts[1]
