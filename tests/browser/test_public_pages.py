from axe_playwright_python.sync_playwright import Axe

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PAGES = [
    "/fr/",
    "/en/",
    "/fr/le-territoire/",
    "/en/the-territory/",
    "/fr/accessibilite/",
    "/en/contact/",
    "/fr/search/?q=Mormal",
    "/en/search/?q=zzzqx",
    "/fr/nulle-part/",
    "/en/?untranslated=1",
    "/fr/donnees-ouvertes/",
    "/en/open-data/",
]


def test_pages_have_no_axe_violation(demo_to_read, page):
    # One test for every page, so the demo is loaded once (30 s a load on PostgreSQL).
    reports = {}
    for path in PAGES:
        response = page.goto(demo_to_read.url + path)
        assert response.status == (404 if "nulle-part" in path else 200), path
        results = Axe().run(page, options=WCAG_AA)
        if results.violations_count:
            reports[path] = results.generate_report()
    assert reports == {}


def test_language_switcher_lands_on_the_translated_page(demo_to_read, page):
    page.goto(demo_to_read.url + "/fr/le-territoire/")
    page.get_by_role("navigation", name="Choisir la langue").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/the-territory/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "About the Pays de Mormal"


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(demo_to_read, page):
    page.goto(demo_to_read.url + "/en/")
    # Off-screen until focused: proves the stylesheet is applied (axe's contrast checks need it).
    assert page.locator(".skip-link").bounding_box()["y"] < 0
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_root_address_picks_the_browsers_language(demo_to_read, browser):
    context = browser.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"})
    page = context.new_page()
    page.goto(demo_to_read.url + "/")
    assert page.url == demo_to_read.url + "/en/"
    context.close()


def test_pages_reflow_at_320_pixels_without_horizontal_scrolling(demo_to_read, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    for path in ["/fr/", "/en/the-territory/", "/fr/donnees-ouvertes/", "/en/search/?q=market"]:
        page.goto(demo_to_read.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[path] = width
    context.close()
    assert wide == {}
