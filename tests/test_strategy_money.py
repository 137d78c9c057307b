"""The money of a strategy: structured budget lines, their totals per axis and per plan, the
plan's budget table, amounts in each language, and what the free text becomes."""

import csv
import io
import json
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.utils import translation

from home.models import ActionPage, StrategyPage
from home.strategy.budget_text import structured_lines
from home.strategy.demo import read_json
from home.strategy.money import BudgetLine, budget_totals, format_amount
from tests import strategy_data
from tests.test_strategy import strategy_loader

pytestmark = pytest.mark.django_db

SEEDS = Path("/work/shared/seeds")


def budgeted_document(actions_count=6, slug="feuille-test", bilingual=True):
    """The test document, every action with two lines: a planned one and, on every other
    action, a committed one; every third action also spends Swiss francs."""
    data = strategy_data.document(actions_count, slug=slug, bilingual=bilingual)
    number = 0
    for axis in data["sections"]:
        for action in axis["actions"]:
            number += 1
            action["budget"] = [{"amount": 1000 * number, "nature": "operation", "year_start": 2023, "year_end": 2025}]
            if number % 2 == 0:
                action["budget"].append({"amount": "250.50", "nature": "investment", "stage": "committed"})
            if number % 3 == 0:
                action["budget"].append({"amount": 99, "currency": "CHF", "nature": "operation"})
    return data


def amounts(totals):
    return {(total["currency"], total["stage"]): total["amount"] for total in totals}


def test_totals_per_axis_and_per_plan_equal_the_sum_of_their_lines(site):
    document = strategy_loader(site).load_document(budgeted_document())
    budget = budget_totals(document)
    assert [row["axis"].number for row in budget["axes"]] == ["1", "2"]
    for row in budget["axes"]:
        actions = ActionPage.objects.live().descendant_of(row["axis"])
        lines = BudgetLine.objects.filter(action__in=actions)
        expected = {}
        for line in lines:
            key = (line.currency, line.stage)
            expected[key] = expected.get(key, Decimal(0)) + line.amount
        assert amounts(row["totals"]) == expected
    # Axis 1 holds actions 1-3, axis 2 actions 4-6.
    assert amounts(budget["axes"][0]["totals"]) == {
        ("CHF", "planned"): Decimal(99),
        ("EUR", "planned"): Decimal(6000),
        ("EUR", "committed"): Decimal("250.50"),
    }
    plan = amounts(budget["totals"])
    assert plan == {
        ("CHF", "planned"): Decimal(198),
        ("EUR", "planned"): Decimal(21000),
        ("EUR", "committed"): Decimal("751.50"),
    }
    for key, value in plan.items():
        assert value == sum(amounts(row["totals"]).get(key, 0) for row in budget["axes"])


def test_lines_are_the_same_figures_in_english(site):
    document = strategy_loader(site).load_document(budgeted_document())
    english = document.get_translation(site.home_en.locale)
    french_lines = [(line.amount, line.stage) for line in budget_totals(document)["lines"]]
    assert french_lines == [(line.amount, line.stage) for line in budget_totals(english)["lines"]]
    assert len(french_lines) == 6 + 3 + 2


def test_amounts_follow_the_language():
    with translation.override("fr"):
        assert format_amount(Decimal("1234.00")) == "1\xa0234\xa0€"
        assert format_amount(Decimal("1234.5")) == "1\xa0234,50\xa0€"
        assert format_amount(Decimal("99"), "CHF") == "99\xa0CHF"
    with translation.override("en"):
        assert format_amount(Decimal("1234.00")) == "€1,234"
        assert format_amount(Decimal("1234.5")) == "€1,234.50"
        assert format_amount(Decimal("99"), "CHF") == "CHF\xa099"


def test_plan_page_shows_the_budget_table_in_each_language(client, site):
    strategy_loader(site).load_document(budgeted_document())
    french = BeautifulSoup(client.get("/fr/strategie/feuille-test/").content, "html.parser")
    table = french.find("caption", string="Lignes budgétaires par axe, avec leurs totaux").parent
    totals = [row.get_text(" ", strip=True) for row in table.select(".budget__total")]
    assert "Sous-total : Axe 1 – Prévu 6\xa0000\xa0€" in totals
    assert "Total du plan – Engagé 751,50\xa0€" in totals
    assert table.select("tbody a")[0]["href"] == "/fr/strategie/feuille-test/axe-1/1-1/"
    english = BeautifulSoup(client.get("/en/strategy/feuille-test-en/").content, "html.parser")
    table = english.find("caption", string="Budget lines by axis, with their totals").parent
    totals = [row.get_text(" ", strip=True) for row in table.select(".budget__total")]
    assert "Subtotal: Axis 1 – Planned €6,000" in totals
    assert "Total of the plan – Planned €21,000" in totals
    assert table.select("tbody a")[0]["href"].startswith("/en/strategy/feuille-test-en/")


def test_action_page_shows_its_lines_and_total(client, site):
    strategy_loader(site).load_document(budgeted_document())
    html = BeautifulSoup(client.get("/en/strategy/feuille-test-en/axis-1/1-2/").content, "html.parser")
    table = html.find("caption", string="Budget lines").parent
    assert [td.get_text(" ", strip=True) for td in table.select("tbody tr")[0].find_all("td")] == [
        "Not stated",
        "Operation",
        "2023–2025",
        "Planned",
        "€2,000",
    ]
    assert table.select_one("tfoot").get_text(" ", strip=True) == "Total – Planned €2,000 Total – Committed €250.50"


def seed_amount(pattern):
    """A sum as the seed text of the Porte du Hainaut writes it, in euros."""
    text = re.sub(r"\s+", " ", next(SEEDS.glob("002_*.txt")).read_text())
    figure, thousands = re.search(pattern, text).groups()
    return Decimal(figure.replace(" ", "")) * (1000 if thousands else 1)


def test_financial_summary_of_the_porte_du_hainaut_matches_the_source(client, site):
    document = strategy_loader(site, translate=False).load_document(read_json("002-porte-du-hainaut-strategie.json"))
    expected = {
        # §3.3.2: "Un marché de médiation numérique budgété, à hauteur de 210 000 € HT répartis sur 3 ans"
        "FA 2": seed_amount(r"à hauteur de (\d+ \d{3}) (k?)€ HT répartis sur 3 ans"),
        # Fiche 4: "Webinaire d'acculturation (jusqu'à 100 participants) : env. 4 200 € HT"
        "FA 4": seed_amount(r"Webinaire d’acculturation \(jusqu’à 100 participants\) : env\. (\d+ \d{3}) (k?)€ HT"),
        # Fiche 7: "Bilan de l'impact environnemental 35 k€ HT envisagé, devis à établir"
        "FA 7": seed_amount(r"environnemental (\d+) (k)€ HT envisagé"),
    }
    assert expected == {"FA 2": Decimal(210000), "FA 4": Decimal(4200), "FA 7": Decimal(35000)}
    budget = budget_totals(document)
    assert {line.action.code: line.amount for line in budget["lines"]} == expected
    assert {line.tax for line in budget["lines"]} == {"excl"}
    assert amounts(budget["totals"]) == {("EUR", "planned"): sum(expected.values())}

    html = BeautifulSoup(client.get(document.url).content, "html.parser")
    table = html.find("caption", string="Lignes budgétaires par axe, avec leurs totaux").parent
    rows = {
        row.th.get_text(" ", strip=True).split(" ", 2)[0] + " " + row.th.get_text(" ", strip=True).split(" ", 2)[1]: row
        for row in table.select("tbody tr")
        if row.th.a
    }
    assert rows["FA 2"].select_one(".budget__amount").get_text(" ", strip=True) == "210\xa0000\xa0€ HT"
    assert "Total du plan – Prévu 249\xa0200\xa0€" in table.select_one("tfoot").get_text(" ", strip=True)
    # The means in words, as the document's summary gives them, for every action that has some.
    means = html.find("caption", string="Moyens de chaque action, tels que le document les écrit").parent
    assert "Intégré à la feuille de route des agents de la CAPH." in means.get_text()
    assert len(means.select("tbody tr")) == 8


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # One sum: it becomes a line, with the VAT the text states.
        ([{"raw": "35 k€ HT envisagé", "amount": 35000, "unit": "eur_ht"}], [("35000", "excl", "")]),
        (
            [{"raw": "Investissement : 88 K€", "label": "Investissement", "amount": 88, "unit": "keur_ht"}],
            [("88000", "", "investment")],
        ),
        # A yearly or daily rate, staff time, no figure: nothing.
        ([{"raw": "~ 35 k€ / an", "amount": 35000, "unit": "eur_ht_year"}], []),
        ([{"raw": "env. 1 000 € HT par jour", "amount": 1000, "unit": "eur_ht", "period": "par jour"}], []),
        ([{"raw": "1 ETP", "amount": 1, "unit": "etp"}], []),
        ([{"raw": "A définir.", "amount": None}], []),
        # A total and its breakdown: which to add up is a reading, so nothing.
        ([{"raw": "Fonctionnement : 145 K€", "amount": 145, "unit": "keur_ht"}] * 2, []),
    ],
)
def test_free_text_becomes_a_line_only_when_it_reads_one_way(lines, expected):
    result = structured_lines([{"value": line} for line in lines])
    assert [(str(line["amount"].normalize()), line["tax"], line["nature"]) for line in result] == [
        (str(Decimal(amount).normalize()), tax, nature) for amount, tax, nature in expected
    ]


def test_plan_budget_query_count_does_not_grow_with_the_number_of_lines(client, site):
    strategy = strategy_loader(site, translate=False)
    strategy.load_document(budgeted_document(6, slug="petit", bilingual=False))
    strategy.load_document(budgeted_document(60, slug="grand", bilingual=False))
    counts = strategy_data.query_counts(client, ["/fr/strategie/petit/", "/fr/strategie/grand/"])
    assert counts[0] == counts[1]
    assert StrategyPage.objects.count() == 2


def test_document_exports_carry_the_budget_as_numbers(client, site):
    document = strategy_loader(site).load_document(budgeted_document())
    rows = list(csv.DictReader(io.StringIO(client.get(document.url + "export/csv/").content.decode())))
    actions = json.loads(client.get(document.url + "export/json/").content)["actions"]
    # Action 1.2: 2 000 € planned over 2023-2025 and 250.50 € committed; action 1.1 spent nothing.
    assert actions[1]["budget_planned_eur"] == 2000 and isinstance(actions[1]["budget_planned_eur"], int)
    assert actions[1]["budget_committed_eur"] == 250.5
    assert actions[1]["budget_spent_eur"] is None
    assert actions[1]["budget_years"] == "2023/2025"
    assert (rows[1]["budget_planned_eur"], rows[1]["budget_committed_eur"], rows[1]["budget_spent_eur"]) == (
        "2000",
        "250.5",
        "",
    )
    assert float(rows[2]["budget_planned_eur"]) == 3000  # the francs are not added to the euros


def test_budget_dataset_has_one_row_per_line_with_numbers_and_iso_dates(client, site):
    strategy_loader(site).load_document(budgeted_document())
    response = client.get("/open-data/budget.json", {"lang": "en"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["count"] == 11
    first = data["data"][0]
    assert (first["code"], first["amount"], first["currency"], first["stage"]) == ("1.1", 1000.0, "EUR", "planned")
    assert (first["year_start"], first["year_end"], first["nature"]) == (2023, 2025, "operation")
    assert first["section"].startswith("Axis 1")
    assert datetime.fromisoformat(first["last_update"]).tzinfo is not None
    rows = list(csv.DictReader(io.StringIO(client.get("/open-data/budget.csv", {"lang": "fr"}).content.decode())))
    assert [row["amount"] for row in rows[:3]] == ["1000.00", "2000.00", "250.50"]
    assert rows[0]["year_start"] == "2023" and datetime.fromisoformat(rows[0]["last_update"])
    committed = client.get("/open-data/budget.csv", {"lang": "fr", "stage": "committed"}).content.decode()
    assert len(list(csv.DictReader(io.StringIO(committed)))) == 3
    wrong = client.get("/open-data/budget.csv", {"lang": "en", "stage": "dreamt"})
    assert wrong.status_code == 400 and b"stage" in wrong.content
