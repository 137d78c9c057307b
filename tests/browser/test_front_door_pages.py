"""The home page's sections and the news pages, in both languages, in Chromium: axe finds no
WCAG AA violation, and the demo fills the home page's sections."""

from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_public_pages import WCAG_AA

PAGES = [
    "/fr/",
    "/en/",
    "/fr/actualites/",
    "/en/news/",
    "/fr/actualites/travaux-bavay/",
    "/en/news/roadworks-alternating-traffic-in-the-centre-of-bavay/",
    "/fr/communes/bavay/",
]
SECTIONS = ("home-quick-links", "home-events", "home-news", "home-featured")


def test_front_door_and_news_pages_have_no_axe_violation(demo_to_read, page):
    # One test for every page, so the demo is loaded once.
    reports = {}
    for path in PAGES:
        response = page.goto(demo_to_read.url + path)
        assert response.status == 200, path
        results = Axe().run(page, options=WCAG_AA)
        if results.violations_count:
            reports[path] = results.generate_report()
    assert reports == {}


def test_demo_fills_the_home_page_in_both_languages(demo_to_read, page):
    for path, news in (("/fr/", "Toutes les actualités"), ("/en/", "All the news")):
        page.goto(demo_to_read.url + path)
        for section in SECTIONS:
            assert page.locator(f"#{section}").count() == 1, (path, section)
        assert page.get_by_role("link", name=news).count() == 1
