"""The demo's illustrations in Chromium, in both languages: the browser picks a modern format
from the picture element and loads it, the credit is visible, axe finds no WCAG AA violation,
and a phone 320 pixels wide does not scroll sideways."""

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_public_pages import WCAG_AA

ENGLISH_PAGES = [
    "/en/the-territory/",
    "/en/news/roadworks-alternating-traffic-in-the-centre-of-bavay/",
    "/en/discover/bavay-roman-forum-bagacum/",
    "/en/discover/mormal-forest-loop-demo-trace/",
    "/en/shops/sambre-cheese-shop-fictional/",
]


def both_languages(page, server):
    """The English pages and their French versions (found in each page's alternate links)."""
    paths = []
    for path in ENGLISH_PAGES:
        page.goto(server.url + path)
        french = page.locator('link[rel="alternate"][hreflang="fr"]').get_attribute("href")
        paths += [path, urlsplit(french).path]
    return paths


def check_figure(page):
    figure = page.locator("figure.main-image")
    assert figure.count() == 1
    img = figure.locator("img")
    img.evaluate("img => img.complete || new Promise(done => img.addEventListener('load', done))")
    assert img.evaluate("img => img.naturalWidth") > 0
    assert img.evaluate("img => img.currentSrc").endswith((".avif", ".webp"))
    assert img.get_attribute("alt")
    assert figure.locator("figcaption").is_visible()


def test_illustrated_pages_load_their_image_and_have_no_axe_violation(demo_to_read, page):
    reports = {}
    for path in both_languages(page, demo_to_read):
        response = page.goto(demo_to_read.url + path)
        assert response.status == 200, path
        check_figure(page)
        results = Axe().run(page, options=WCAG_AA)
        if results.violations_count:
            reports[path] = results.generate_report()
    assert reports == {}


def test_illustrated_pages_reflow_at_320_pixels(demo_to_read, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    for path in both_languages(page, demo_to_read):
        page.goto(demo_to_read.url + path)
        check_figure(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[path] = width
    context.close()
    assert wide == {}
