"""Indicators measured over time: the chart is an SVG made on the server with a text
equivalent, and a table gives the same figures."""

import pytest
from bs4 import BeautifulSoup

from django.utils import translation

from wagtail.blocks import StructBlockValidationError

from home.strategy.blocks import IndicatorBlock
from tests import strategy_data
from tests.test_strategy import strategy_loader

pytestmark = pytest.mark.django_db

INDICATOR = {
    "name": {"fr": "Personnes accompagnées", "en": "People helped"},
    "unit": "",
    "baseline": 100,
    "baseline_date": "2023-01-01",
    "target_value": 500,
    "target_date": "2025-12-31",
    "measurements": [
        {"date": "2024-06-30", "value": 1320},
        {"date": "2023-06-30", "value": 210},
    ],
}


def load(site):
    data = strategy_data.document(bilingual=True)
    data["sections"][0]["actions"][1]["indicators"] = [INDICATOR]
    return strategy_loader(site).load_document(data)


@pytest.mark.parametrize(
    ("path", "caption", "description", "rows"),
    [
        (
            "/fr/strategie/feuille-test/axe-1/1-2/",
            "Valeurs mesurées : Personnes accompagnées",
            "De 210 le 30 juin 2023 à 1\xa0320 le 30 juin 2024. Situation de départ : 100. "
            "Objectif : 500 d'ici le 31 décembre 2025.",
            [["30 juin 2023", "210"], ["30 juin 2024", "1\xa0320"]],
        ),
        (
            "/en/strategy/feuille-test-en/axis-1/1-2/",
            "Measured values: People helped",
            "From 210 on June 30, 2023 to 1,320 on June 30, 2024. Baseline: 100. Target: 500 by Dec. 31, 2025.",
            [["June 30, 2023", "210"], ["June 30, 2024", "1,320"]],
        ),
    ],
)
def test_indicator_chart_is_an_svg_with_a_text_equivalent_and_a_table(client, site, path, caption, description, rows):
    load(site)
    html = BeautifulSoup(client.get(path).content, "html.parser")
    figure = html.select_one("figure.indicator-chart")
    svg = figure.svg
    assert svg["role"] == "img"
    labels = [html.find(id=name) for name in svg["aria-labelledby"].split()]
    assert labels[1].name == "desc" and labels[1].get_text() == description
    assert figure.select_one(".indicator-chart__legend").get_text() == description
    # The measured values, oldest first, as points of the line; target and baseline as lines.
    points = [tuple(map(float, pair.split(","))) for pair in svg.polyline["points"].split()]
    assert points[0][0] < points[1][0] and points[0][1] > points[1][1]
    assert len(svg.find_all("circle")) == 2 and len(svg.find_all("line")) == 2
    table = figure.table
    assert table.caption.get_text() == caption
    assert [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in table.tbody.find_all("tr")
    ] == rows
    assert table.tbody.time["datetime"] == "2023-06-30"
    # Nothing needs JavaScript.
    assert not figure.find("script") and not any(
        name.startswith("on") for tag in figure.find_all() for name in tag.attrs
    )


def test_action_without_measurements_has_no_chart(client, site):
    load(site)
    assert b"indicator-chart" not in client.get("/fr/strategie/feuille-test/axe-1/1-1/").content


def test_a_date_measured_twice_is_refused():
    block = IndicatorBlock()
    value = block.to_python({"name": "Ateliers", "measurements": [{"date": "2024-01-01", "value": "3"}] * 2})
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)
    with translation.override("en"):
        assert refused.value.non_block_errors.as_text() == "* Give each date one measured value only."
