"""The plan's budget, progress by axis and an action's budget and indicator chart pass axe in
French and English."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from home.models import ActionPage
from tests.browser.test_public_pages import WCAG_AA
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

PLAN_FR = "/fr/strategie/schema-developpement-usages-services-numeriques-2018/"
PLAN_EN = "/en/strategy/digital-uses-and-services-plan-2018/"


def measured(action, name):
    action.indicators = [
        {
            "type": "indicator",
            "value": {
                "name": name,
                "unit": "",
                "baseline": "0",
                "target_value": "3",
                "target_date": "2022-12-31",
                "measurements": [{"date": "2020-06-30", "value": "1"}, {"date": "2021-06-30", "value": "2"}],
            },
        }
    ]
    action.save_revision().publish()


@pytest.fixture
def plan_server(live_server):
    load_demo()  # the Pays de Mormal, its 2018 plan included
    for action in ActionPage.objects.filter(code="2.1", url_path__contains="2018"):
        measured(action, "Tiers-lieux ouverts" if action.locale.language_code == "fr" else "Third places open")
    return live_server


def test_budget_progress_and_indicator_views_have_no_axe_violation(plan_server, page):
    for path in (PLAN_FR, PLAN_EN, PLAN_FR + "axe-2/2-1/", PLAN_EN + "axis-2/2-1/"):
        response = page.goto(plan_server.url + path)
        assert response.status == 200, path
        assert page.locator(".budget").count() >= 1, path
        if "2-1" in path:
            assert page.locator("figure.indicator-chart svg").count() == 1, path
        else:
            assert page.locator(".axis-progress__axis").count() == 4, path
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, path + "\n" + results.generate_report()
