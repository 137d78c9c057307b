"""The search page in a real browser: axe at zero violations, keyboard use, suggestions."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.core.management import call_command

from tests.browser.test_public_pages import WCAG_AA


@pytest.fixture(scope="module")
def indexed_demo(demo_to_read):
    # The test settings do not index pages as they are saved: index the demo once loaded.
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    return demo_to_read


PATHS = [
    "/fr/search/?q=fete",
    "/fr/search/?q=marche&type=merchants",
    "/fr/search/?q=marche&commune=bavay",
    "/en/search/?q=museum",
    "/en/search/?q=musee",
    "/fr/search/?q=zzqxw",
    "/fr/search/",
]


def test_search_pages_have_no_axe_violation(indexed_demo, page):
    # One test for all the states, so the demo is loaded and indexed once.
    reports = {}
    for path in PATHS:
        page.goto(indexed_demo.url + path)
        results = Axe().run(page, options=WCAG_AA)
        if results.violations_count:
            reports[path] = results.generate_report()
    assert not reports, reports


def test_search_with_the_keyboard_then_narrow_by_kind_and_commune(indexed_demo, page):
    page.goto(indexed_demo.url + "/fr/search/")
    page.get_by_label("Mots à rechercher").focus()
    page.keyboard.type("marche")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/search/?q=marche")
    status = page.get_by_role("status").first.inner_text()
    assert "résultat" in status and not status.startswith("0 ")
    kinds = page.get_by_role("navigation", name="Types de résultat")
    kinds.get_by_role("link", name="Tous les résultats").focus()
    page.keyboard.press("Tab")
    chosen = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator('.search-kinds a[aria-current="page"]').inner_text() == chosen
    commune = page.get_by_label("Commune", exact=True)
    if commune.count():
        options = commune.locator("option").all_inner_texts()
        commune.select_option(index=1)
        page.get_by_role("button", name="Filtrer").press("Enter")
        page.wait_for_load_state()
        assert options[1].rsplit(" (", 1)[0] in page.get_by_role("status").first.inner_text()


def test_suggestions_are_offered_while_typing(indexed_demo, page):
    page.goto(indexed_demo.url + "/fr/search/")
    box = page.get_by_label("Mots à rechercher")
    with page.expect_response(lambda response: "/fr/search/suggest/" in response.url) as answer:
        box.type("mus", delay=50)
    suggestions = answer.value.json()["suggestions"]
    assert suggestions, "the demo has pages whose title starts with 'mus'"
    page.wait_for_function("document.querySelectorAll('#search-query-suggestions option').length > 0")
    assert box.get_attribute("list") == "search-query-suggestions"
