"""A plan's governance and timeline in a real browser (issue 18, item 4): axe finds nothing in
either language; the bars show on a wide screen and give way to the list on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from wagtail.models import Locale

from home.strategy.demo import read_json
from tests.browser.test_public_pages import WCAG_AA
from tests.builders import build_site
from tests.test_strategy import strategy_loader

pytestmark = pytest.mark.django_db(transaction=True)


class Tree:
    pass


def test_timeline_passes_axe_in_both_languages_and_phones_read_the_list(live_server, page):
    tree = Tree()
    tree.site, tree.home, tree.home_en = build_site()
    plan = strategy_loader(tree).load_document(read_json("000-pays-de-mormal-sdus.json"))
    english = plan.get_translation(Locale.objects.get(language_code="en"))
    for document in (plan, english):
        page.goto(live_server.url + document.url)
        # The plan page with its governance, then its timeline.
        assert page.locator("#governance-title").is_visible()
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, page.url + "\n" + results.generate_report()
        page.get_by_role("link", name="calendrier" if document is plan else "timeline").click()
        page.wait_for_url("**/calendrier/")
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, page.url + "\n" + results.generate_report()
        assert page.locator(".schedule-chart").is_visible()
        assert page.locator(".schedule-years .schedule-actions > li").count() == 21
    page.set_viewport_size({"width": 360, "height": 740})
    assert not page.locator(".schedule-chart").is_visible()
    assert page.get_by_role("heading", name="2019").is_visible()
