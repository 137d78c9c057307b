import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_public_pages import WCAG_AA
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

DOCUMENT_FR = "/fr/strategie/feuille-de-route-numerique-2023-2025/"
DOCUMENT_EN = "/en/strategy/digital-roadmap-2023-2025/"


@pytest.fixture
def roadmap_server(live_server):
    load_demo()  # the Pays de Mormal, strategy included
    return live_server


def test_strategy_pages_have_no_axe_violation_and_filters_work(roadmap_server, page):
    paths = [
        "/fr/strategie/",
        "/en/strategy/",
        DOCUMENT_FR,
        DOCUMENT_FR + "?status=planned&theme=tiers-lieux",
        DOCUMENT_EN,
        DOCUMENT_FR + "axe-1/",
        DOCUMENT_EN + "axis-1/sub-theme-1-a/1-a-1/",
    ]
    for path in paths:
        page.goto(roadmap_server.url + path)
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, path + "\n" + results.generate_report()

    page.goto(roadmap_server.url + DOCUMENT_FR)
    # The document's summary comes after the progress of each axis.
    total = page.locator(".status-summary__total").last.inner_text()
    page.get_by_label("État d'avancement").select_option("in_progress")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**status=in_progress**")
    filtered = page.locator(".status-summary__total").last.inner_text()
    assert filtered != total
    assert page.locator(".outline .badge").all_inner_texts() == ["En cours"] * page.locator(".outline .badge").count()
