"""Phone first (issue 20): the header's menu by keyboard, results above their filters, the
list/map toggle, tap targets, no horizontal scrolling at 320 px, axe at zero on the changed
views in both languages, at 390 × 844 and 1280 × 800; screenshots of the main page types are
written to test-artifacts/screenshots/ (git-ignored) for CI to keep as artefacts."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_public_pages import WCAG_AA

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
NARROWEST = {"width": 320, "height": 640}

# One page of each type, in French and in English.
PAGES = {
    "home": ("/fr/", "/en/"),
    "agenda": ("/fr/agenda/", "/en/agenda/"),
    "places": ("/fr/decouvrir/", "/en/discover/"),
    "place": ("/fr/decouvrir/forum-antique-de-bavay/", "/en/discover/bavay-roman-forum-bagacum/"),
    "trail": (
        "/fr/decouvrir/tour-des-remparts-du-quesnoy-trace-de-demonstration/",
        "/en/discover/around-the-ramparts-of-le-quesnoy-demo-trace/",
    ),
    "merchants": ("/fr/commerces/", "/en/shops/"),
    "merchant": ("/fr/commerces/bar-du-canal/", "/en/shops/canal-bar-fictional/"),
    "action": (
        "/fr/strategie/feuille-de-route-numerique-2023-2025/axe-1/sous-theme-1-a/1-a-1/",
        "/en/strategy/digital-roadmap-2023-2025/axis-1/sub-theme-1-a/1-a-1/",
    ),
}
LISTINGS = {"agenda": ".agenda__results", "places": ".discover__list", "merchants": ".discover__list"}
LANGUAGES = [("fr", 0), ("en", 1)]


@pytest.fixture
def open_page(full_demo_to_read, browser):
    """``open_page(viewport, language)``: a new tab of that size and language that reaches only
    the test server (map tiles and anything else from elsewhere are refused)."""
    contexts = []

    def open_page(viewport, language="fr", **options):
        context = browser.new_context(viewport=viewport, locale=f"{language}-FR", **options)
        contexts.append(context)
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: route.continue_() if route.request.url.startswith(full_demo_to_read.url) else route.abort(),
        )
        page.base = full_demo_to_read.url
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize(("language", "column"), LANGUAGES)
def test_phone_menu_opens_and_closes_with_the_keyboard(open_page, language, column):
    page = open_page(PHONE, language)
    page.goto(page.base + PAGES["place"][column])
    button = page.locator(".site-menu__button")
    nav = page.locator(".main-nav")
    assert button.evaluate("element => element.tagName") == "BUTTON"
    assert button.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()
    # The header and its closed menu take a small part of the first screen.
    assert page.locator(".site-header").bounding_box()["height"] < PHONE["height"] * 0.15

    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert nav.is_visible()
    assert button.get_attribute("aria-controls") == page.locator(".site-menu__panel").get_attribute("id")
    page.keyboard.press("Tab")  # into the panel: the search field
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('site-menu__button')")
    # Space opens it too, Escape on the button itself closes it.
    page.keyboard.press("Space")
    assert nav.is_visible()
    page.keyboard.press("Escape")
    assert not nav.is_visible()

    # The menu's links, the language links and the button are at least 44 px high.
    page.keyboard.press("Enter")
    targets = page.locator(".site-menu__button, .main-nav a, .language-switcher a, .language-switcher span")
    heights = [targets.nth(i).bounding_box()["height"] for i in range(targets.count())]
    assert heights and min(heights) >= 44
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_phone_menu_works_without_javascript(open_page):
    page = open_page(PHONE, "en", java_script_enabled=False)
    page.goto(page.base + "/en/")
    nav = page.locator(".main-nav")
    assert not nav.is_visible()
    page.locator("summary.site-menu__button").click()
    assert nav.is_visible()
    second = nav.get_by_role("link").nth(1)
    target = second.get_attribute("href")
    second.click()
    page.wait_for_url(page.base + target)


@pytest.mark.parametrize(("language", "column"), LANGUAGES)
def test_wide_screen_shows_the_whole_menu_without_a_button(open_page, language, column):
    page = open_page(DESKTOP, language)
    page.goto(page.base + PAGES["home"][column])
    assert not page.locator(".site-menu__button").is_visible()
    assert page.locator(".main-nav").is_visible()
    assert page.locator(".search-box").is_visible()
    # Without JavaScript too (the <details> is closed, its content shown all the same).
    page = open_page(DESKTOP, language, java_script_enabled=False)
    page.goto(page.base + PAGES["home"][column])
    assert page.locator(".main-nav").is_visible()
    assert not page.locator("summary.site-menu__button").is_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(("language", "column"), LANGUAGES)
def test_listings_show_results_above_their_filters(open_page, viewport, language, column):
    page = open_page(viewport, language)
    for name, results in LISTINGS.items():
        page.goto(page.base + PAGES[name][column])
        panel = page.locator("#filters")
        assert panel.evaluate("element => element.tagName") == "DETAILS", name
        assert panel.get_attribute("open") is None, name  # nothing chosen: folded
        assert page.locator(results).bounding_box()["y"] < panel.bounding_box()["y"], name
        if viewport is PHONE:
            # Below the results, on a phone: not beside them.
            box = page.locator(results).bounding_box()
            assert box["y"] + box["height"] <= panel.bounding_box()["y"] + 1, name
        results_report = Axe().run(page, options=WCAG_AA)
        assert results_report.violations_count == 0, name + "\n" + results_report.generate_report()

    # The link at the top says how many filters are active and opens the panel.
    page.goto(page.base + PAGES["places"][column] + "?kind=museum&open=1")
    link = page.locator("[data-filters-link]")
    assert "2" in link.inner_text()
    assert page.locator("#filters").get_attribute("open") is not None
    assert "2" in page.locator(".filter-panel__summary").inner_text()
    page.goto(page.base + PAGES["agenda"][column])
    page.locator("[data-filters-link]").click()
    assert page.locator("#filters").get_attribute("open") is not None
    assert page.locator("#filters .filters").is_visible()


@pytest.mark.parametrize(("language", "column"), LANGUAGES)
def test_phone_list_and_map_toggle(open_page, language, column):
    page = open_page(PHONE, language)
    page.goto(page.base + PAGES["places"][column])
    toggle = page.locator("[data-view-toggle]")
    toggle.wait_for(state="visible")
    buttons = toggle.locator("button")
    assert [buttons.nth(i).get_attribute("aria-pressed") for i in range(2)] == ["true", "false"]
    assert page.locator(".discover__list").is_visible()
    assert not page.locator(".map").is_visible()
    assert min(buttons.nth(i).bounding_box()["height"] for i in range(2)) >= 44
    buttons.nth(1).click()
    assert buttons.nth(1).get_attribute("aria-pressed") == "true"
    assert page.locator(".map").is_visible()
    assert page.locator(".map").bounding_box()["width"] > 300
    assert not page.locator(".discover__list").is_visible()
    # The places without coordinates are named under the map.
    assert page.locator(".off-map__list li").count() > 0
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    buttons.nth(0).click()
    assert page.locator(".discover__list").is_visible()
    # On a wide screen both show, without a toggle.
    page = open_page(DESKTOP, language)
    page.goto(page.base + PAGES["places"][column])
    page.locator(".map").wait_for(state="visible")
    assert page.locator(".discover__list").is_visible()
    assert not page.locator("[data-view-toggle]").is_visible()


@pytest.mark.parametrize(("language", "column"), LANGUAGES)
def test_no_horizontal_scrolling_at_320_px(open_page, language, column):
    page = open_page(NARROWEST, language)
    wide = {}
    for name in ("home", "agenda", "place", "trail", "merchant", "action"):
        page.goto(page.base + PAGES[name][column])
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROWEST["width"]:
            wide[name] = width
    assert wide == {}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(("language", "column"), LANGUAGES)
def test_page_types_screenshots_and_axe(open_page, viewport, language, column):
    page = open_page(viewport, language)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    reports = {}
    for name in ("home", "agenda", "place", "trail", "merchant", "action"):
        path = PAGES[name][column]
        assert page.goto(page.base + path).status == 200, path
        size = f"{viewport['width']}x{viewport['height']}"
        target = SCREENSHOTS / f"{name}-{language}-{size}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        results = Axe().run(page, options=WCAG_AA)
        if results.violations_count:
            reports[path] = results.generate_report()
    assert reports == {}
