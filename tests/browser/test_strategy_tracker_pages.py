"""The tracker in a real browser (issue 18): the timeline and lineage of Mormal's actions read
well and pass axe in both languages; an editor records a status change in two clicks."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.contrib.auth import get_user_model

from wagtail.models import Locale

from home.models import ActionPage, StrategyIndexPage
from home.strategy.demo import read_json
from home.strategy.tracker_demo import load_lineage, read_tracker
from tests.browser.test_public_pages import WCAG_AA
from tests.builders import build_site
from tests.test_strategy import strategy_loader

pytestmark = pytest.mark.django_db(transaction=True)


class Tree:
    pass


def test_tracker_pages_pass_axe_and_a_status_changes_in_two_clicks(live_server, page):
    tree = Tree()
    tree.site, tree.home, tree.home_en = build_site()
    strategy = strategy_loader(tree)
    plan_2018 = strategy.load_document(read_json("000-pays-de-mormal-sdus.json"))
    plan_2023 = strategy.load_document(read_json("001-pays-de-mormal-feuille-de-route-2023.json"))
    load_lineage(read_tracker("pays-de-mormal"), StrategyIndexPage.objects.child_of(tree.home).get(), print)
    english = Locale.objects.get(language_code="en")
    earlier = ActionPage.objects.descendant_of(plan_2018).get(code="2.1")
    later = ActionPage.objects.descendant_of(plan_2023).get(code="1.B.1")
    for action in (earlier, earlier.get_translation(english), later, later.get_translation(english)):
        page.goto(live_server.url + action.url)
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, action.url + "\n" + results.generate_report()
    page.goto(live_server.url + earlier.url)
    assert page.locator("ol.timeline > li").count() == 2
    assert page.get_by_role("link", name=f"1.B.1 {later.title}").is_visible()

    get_user_model().objects.create_superuser("redaction", "redaction@example.org", "redaction")
    page.goto(live_server.url + "/admin/login/")
    page.locator("[name=username]").fill("redaction")
    page.locator("[name=password]").fill("redaction")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")
    target = ActionPage.objects.descendant_of(plan_2018).get(code="1.2")
    page.goto(f"{live_server.url}/admin/pages/{target.pk}/edit/")
    page.get_by_role("link", name="Abandonné").click()  # click 1
    page.wait_for_url("**/status/?status=abandoned")
    results = Axe().run(page, context="#w-editor-form", options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_label("Commentaire").fill("Remplacée par le plan de mobilité.")
    page.get_by_role("button", name="Enregistrer le changement de statut").click()  # click 2
    page.wait_for_url(f"**/admin/pages/{target.pk}/edit/")
    target.refresh_from_db()
    assert target.status == "abandoned" and not target.has_unpublished_changes
    assert [entry.comment for entry in target.timeline] == ["Remplacée par le plan de mobilité."]
