"""Discover in a real browser: the map tiles fail to load, the list and its filters still work,
and axe-core finds nothing on the list, a place and a trail, in French and English."""

from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_public_pages import WCAG_AA

PATHS = [
    "/fr/decouvrir/",
    "/en/discover/",
    "/fr/decouvrir/?kind=museum&commune=le-quesnoy",
    "/fr/decouvrir/fortifications-du-quesnoy/",
    "/en/discover/le-quesnoy-ramparts-and-fortifications/",
    "/fr/decouvrir/bag-numerique-bavay/",
    "/fr/decouvrir/tour-des-remparts-du-quesnoy-trace-de-demonstration/",
    "/en/discover/around-the-ramparts-of-le-quesnoy-demo-trace/",
]


def test_discover_works_without_tiles_and_has_no_axe_violation(demo_to_read, page):
    aborted = []

    def abort(route):
        aborted.append(route.request.url)
        route.abort()

    page.route("https://tile.openstreetmap.org/**", abort)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in PATHS:
        page.goto(demo_to_read.url + path)
        if page.locator("[data-map]").count():
            # Leaflet drew the map, no tile could load, and the page says so.
            page.locator("[data-map-status]").filter(has_text="fond de carte").or_(
                page.locator("[data-map-status]").filter(has_text="map background")
            ).wait_for(state="attached")
        assert not errors, path
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, path + "\n" + results.generate_report()
    assert aborted

    page.goto(demo_to_read.url + "/fr/decouvrir/")
    total = page.locator(".result-count").inner_text()
    assert total.startswith("17")
    page.locator("#filters > summary").click()  # folded under the results
    page.get_by_label("Type de lieu").or_(page.get_by_label("Kind of place")).select_option("museum")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**kind=museum**")
    assert page.locator(".place-item").count() == 4
    # Every museum of the list with coordinates is a marker named after it, reachable by Tab.
    page.locator(".leaflet-marker-icon").first.wait_for(state="attached")
    markers = page.locator(".leaflet-marker-icon[role=button]")
    names = [markers.nth(i).get_attribute("alt") or markers.nth(i).inner_text() for i in range(markers.count())]
    assert "Forum antique de Bavay" in names
    assert all(markers.nth(i).get_attribute("tabindex") == "0" for i in range(markers.count()))


def test_without_javascript_the_map_is_hidden_and_the_list_complete(demo_to_read, browser):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(demo_to_read.url + "/fr/decouvrir/")
    assert page.locator(".place-item").count() == 17
    assert not page.locator("[data-map-section]").is_visible()
    context.close()
