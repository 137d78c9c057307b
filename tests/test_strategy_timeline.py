"""A plan's timeline by year (issue 18, item 4): bars for the eye, a list by year for everyone,
the actions without dates apart, in a fixed number of queries."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.utils import translation

from home.models import ActionPage, StrategyPage
from home.strategy.demo import read_json
from home.strategy.schedule import plan_schedule
from tests import strategy_data
from tests.test_strategy import strategy_loader

pytestmark = pytest.mark.django_db

PLAN = "/fr/strategie/feuille-test/"
PLAN_EN = "/en/strategy/feuille-test-en/"


def dated_document(actions_count=6, slug="feuille-test"):
    """Actions 1.1 (2024–2025), 1.2 (until 2024: from the plan's 2023 start), 2.1 (early 2023),
    the others without dates."""
    data = strategy_data.document(actions_count, slug=slug, bilingual=True)
    actions = {action["code"]: action for axis in data["sections"] for action in axis["actions"]}
    actions["1.1"].update(start_label={"fr": "S1 2024", "en": "H1 2024"}, end_label={"fr": "2025", "en": "2025"})
    actions["1.2"]["end_label"] = {"fr": "Jusqu’en 2024", "en": "Until 2024"}
    actions["2.1"]["start_label"] = {"fr": "début 2023", "en": "early 2023"}
    return data


def test_actions_are_grouped_by_their_first_year_with_bars_from_start_to_end(site):
    document = strategy_loader(site, translate=False).load_document(dated_document())
    schedule = plan_schedule(document)
    assert schedule["years"] == [2023, 2024, 2025]
    assert [(year, [row.action.code for row in rows]) for year, rows in schedule["by_year"]] == [
        (2023, ["1.2", "2.1"]),
        (2024, ["1.1"]),
    ]
    bars = {row.action.code: (row.offset, row.span, row.after) for row in schedule["rows"]}
    assert bars == {"1.1": (1, 2, 0), "1.2": (0, 2, 1), "2.1": (0, 1, 2)}
    assert [action.code for action in schedule["undated"]] == ["1.3", "2.2", "2.3"]


def test_dates_win_over_printed_labels(site):
    document = strategy_loader(site, translate=False).load_document(dated_document())
    action = ActionPage.objects.get(code="2.2")
    action.start_date, action.end_date = datetime.date(2025, 3, 1), datetime.date(2026, 6, 30)
    action.save_revision().publish()
    row = next(row for row in plan_schedule(document)["rows"] if row.action.code == "2.2")
    assert (row.start, row.end, row.when) == (2025, 2026, "2025 – 2026")


def test_timeline_page_is_a_list_by_year_and_the_bars_are_hidden_from_assistive_technologies(client, site):
    strategy_loader(site).load_document(dated_document())
    plan = BeautifulSoup(client.get(PLAN).content, "html.parser")
    link = plan.find("a", string="Les actions année par année (calendrier)")
    assert link["href"] == PLAN + "calendrier/"
    response = client.get(link["href"])
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.h1.get_text() == "Calendrier par année"
    years = html.select(".schedule-years > li")
    assert [year.h3.get_text() for year in years] == ["2023", "2024"]
    first = [item.get_text(" ", strip=True) for item in years[0].select(".schedule-actions > li")]
    # The status in words, the dates as printed; an action with only an end starts with the plan.
    assert first == [
        "1.2 Action 1.2 En cours début du plan – Jusqu’en 2024",
        "2.1 Action 2.1 Envisagé début 2023",
    ]
    assert html.find(id="undated-title").get_text() == "Non datées"
    assert len(html.find(id="undated-title").parent.select(".schedule-actions > li")) == 3
    chart = html.select_one(".schedule-chart")
    assert chart["aria-hidden"] == "true" and not chart.select("a, button, input")
    bar = chart.select("tbody tr")[0].select("td")
    assert [cell.get("colspan") for cell in bar] == [None, "2", "1"]
    assert bar[1].get_text(strip=True) == "En cours"


def test_timeline_page_in_english(client, site):
    strategy_loader(site).load_document(dated_document())
    plan = BeautifulSoup(client.get(PLAN_EN).content, "html.parser")
    href = plan.find("a", string="The actions year by year (timeline)")["href"]
    html = BeautifulSoup(client.get(href).content, "html.parser")
    assert html.h1.get_text() == "Timeline by year"
    items = [item.get_text(" ", strip=True) for item in html.select(".schedule-years .schedule-actions > li")]
    assert items[0] == "1.2 Action 1.2 in English In progress start of the plan – Until 2024"
    assert html.find(id="undated-title").get_text() == "Not dated"
    assert client.get(PLAN_EN + "timeline/").status_code == 200


def test_timeline_query_count_does_not_grow_with_the_number_of_actions(client, site):
    strategy = strategy_loader(site, translate=False)
    strategy.load_document(dated_document(10, slug="petit"))
    strategy.load_document(dated_document(120, slug="grand"))
    counts = strategy_data.query_counts(client, ["/fr/strategie/petit/calendrier/", "/fr/strategie/grand/calendrier/"])
    html = BeautifulSoup(client.get("/fr/strategie/grand/calendrier/").content, "html.parser")
    assert len(html.select(".schedule-actions > li")) == 120
    assert counts[0] == counts[1]


def test_mormal_2018_plan_timeline(site):
    document = strategy_loader(site, translate=False).load_document(read_json("000-pays-de-mormal-sdus.json"))
    schedule = plan_schedule(StrategyPage.objects.get(pk=document.pk))
    rows = {row.action.code: row for row in schedule["rows"]}
    assert len(rows) == 21 and not schedule["undated"]
    assert (rows["1.2"].start, rows["1.2"].end) == (2019, 2021)
    # The French page is read in French, whatever language an earlier test left active.
    with translation.override("fr"):
        assert (rows["2.1"].start, rows["2.1"].when) == (2019, "début 2019")
        assert rows["1.1"].end == 2022 and rows["1.1"].when == "début du plan – Jusqu’en 2022"
