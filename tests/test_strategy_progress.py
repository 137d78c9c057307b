"""The plan's overview: each axis with its actions counted by status."""

from collections import Counter

import pytest
from bs4 import BeautifulSoup

from home.models import ActionPage, StrategySectionPage
from home.strategy.axis_progress import axis_progress
from tests import strategy_data
from tests.test_strategy import strategy_loader

pytestmark = pytest.mark.django_db


def test_counts_by_status_per_axis_are_those_of_the_actions(site):
    document = strategy_loader(site, translate=False).load_document(strategy_data.document(30))
    rows = axis_progress(document)
    assert [row["axis"].number for row in rows] == ["1", "2"]
    for row in rows:
        actions = ActionPage.objects.live().descendant_of(row["axis"])
        counts = {item["status"]: item["count"] for item in row["summary"]["rows"]}
        assert counts == Counter(actions.values_list("status", flat=True))
        assert row["summary"]["total"] == actions.count() == 15
    assert sum(row["summary"]["total"] for row in rows) == ActionPage.objects.live().descendant_of(document).count()


def test_plan_page_shows_each_axis_progress_in_words(client, site):
    strategy_loader(site).load_document(strategy_data.document(bilingual=True))
    html = BeautifulSoup(client.get("/fr/strategie/feuille-test/").content, "html.parser")
    section = html.find(id="progress-title").parent
    axes = section.select(".axis-progress__axis")
    assert [axis.h3.get_text(" ", strip=True) for axis in axes] == ["Axe 1 – Axe numéro 1", "Axe 2 – Axe numéro 2"]
    # Axis 1: done, in progress, planned; axis 2: considered, to define, done.
    assert axes[0].select_one(".status-summary__total").get_text(strip=True) == "3 actions"
    assert [li.get_text(" ", strip=True) for li in axes[1].select(".status-summary__list li")] == [
        "Réalisé\xa0: 1 (33\xa0%)",
        "Envisagé\xa0: 1 (33\xa0%)",
        "À définir\xa0: 1 (33\xa0%)",
    ]
    # The bar is a picture of the words beside it, hidden from assistive technologies.
    assert axes[0].select_one("svg")["aria-hidden"] == "true"
    english = BeautifulSoup(client.get("/en/strategy/feuille-test-en/").content, "html.parser")
    assert english.find(id="progress-title").get_text() == "Progress by axis"
    link = english.select_one(".axis-progress__axis h3 a")
    assert link["href"] == StrategySectionPage.objects.get(locale__language_code="en", number="1").url


def test_overview_query_count_does_not_grow_with_the_number_of_actions(client, site):
    strategy = strategy_loader(site, translate=False)
    strategy.load_document(strategy_data.document(10, slug="petit"))
    strategy.load_document(strategy_data.document(120, slug="grand"))
    counts = strategy_data.query_counts(client, ["/fr/strategie/petit/", "/fr/strategie/grand/"])
    html = BeautifulSoup(client.get("/fr/strategie/grand/").content, "html.parser")
    assert len(html.select(".axis-progress__axis")) == 2
    assert counts[0] == counts[1]


def led_document():
    data = strategy_data.document(bilingual=True)
    for index, action in enumerate(action for axis in data["sections"] for action in axis["actions"]):
        lead = "Pôle Ressources" if index % 2 else "Service Stratégie Numérique"
        action["lead"] = {"fr": lead, "en": lead}
    return data


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?axis=axe-2", ["2.1", "2.2", "2.3"]),
        ("?lead=P%C3%B4le+Ressources", ["1.2", "2.1", "2.3"]),
        ("?axis=axe-1&lead=P%C3%B4le+Ressources", ["1.2"]),
        ("?axis=axe-9", ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]),
    ],
)
def test_actions_filter_by_axis_and_lead(client, site, query, expected):
    strategy_loader(site).load_document(led_document())
    html = BeautifulSoup(client.get("/fr/strategie/feuille-test/" + query).content, "html.parser")
    assert [code.get_text(strip=True) for code in html.select(".outline__code")] == expected
    options = [option.get_text() for option in html.select("#filter-axis option")]
    assert options == ["Tous", "Axe 1 – Axe numéro 1", "Axe 2 – Axe numéro 2"]
    assert html.find("label", attrs={"for": "filter-lead"}).get_text() == "Pilotage"


def test_action_names_the_kind_of_each_linked_page(client, site):
    document = strategy_loader(site, translate=False).load_document(strategy_data.document())
    action = ActionPage.objects.get(code="1.1")
    action.related_pages = [{"type": "page", "value": site.home.pk}, {"type": "page", "value": document.pk}]
    action.save_revision().publish()
    html = BeautifulSoup(client.get(action.url).content, "html.parser")
    links = [item.get_text(" ", strip=True) for item in html.select(".action-sheet__facts li") if item.a]
    assert f"{site.home.title} (Page d'accueil)" in links
    assert f"{document.title} (Document de stratégie)" in links
