"""The merchants directory in a real browser: axe-core finds nothing on the directory and on
merchant pages in French and English, the filters work with the keyboard, and without
JavaScript the form still filters the list."""

import re

from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_public_pages import WCAG_AA

PATHS = [
    "/fr/commerces/",
    "/en/shops/",
    "/fr/commerces/?category=producteurs&service=farm_sales&service=farm_drive",
    "/en/shops/?q=nothing-matches-this",
    "/fr/commerces/fromagerie-de-la-sambre/",
    "/en/shops/sambre-cheese-shop-fictional/",
    "/fr/commerces/les-jardins-de-l-hogneau/",
    "/fr/communes/landrecies/",
]


def count(page):
    return int(re.match(r"\d+", page.locator(".result-count").inner_text()).group())


def test_directory_has_no_axe_violation_and_filters_with_the_keyboard(demo_to_read, page):
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in PATHS:
        response = page.goto(demo_to_read.url + path)
        assert response.status == 200, path
        assert not errors, path
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, path + "\n" + results.generate_report()

    page.goto(demo_to_read.url + "/fr/commerces/")
    total = count(page)
    assert total == 31
    # The filters are folded under the results: open them with the keyboard.
    page.locator("#filters > summary").focus()
    page.keyboard.press("Enter")
    # Category by keyboard: focus the select, type the start of an option, submit with Enter.
    page.get_by_label("Catégorie").focus()
    page.keyboard.type("Produc")
    assert page.get_by_label("Catégorie").input_value() == "producteurs"
    page.get_by_role("button", name="Afficher").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**category=producteurs**")
    producers = count(page)
    assert 0 < producers < total
    assert page.locator(".merchant-item").count() == producers
    # Then "open now" with the space bar: every business listed says it is open.
    page.get_by_label("Ouvert maintenant").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Afficher").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**open=1**")
    assert "category=producteurs" in page.url
    open_now = count(page)
    assert open_now <= producers
    items = page.locator(".merchant-item")
    assert items.count() == open_now
    for number in range(items.count()):
        assert "Ouvert maintenant" in items.nth(number).inner_text()
    if open_now == 0:
        assert page.locator(".empty-state").is_visible()


def test_without_javascript_the_form_filters_the_list(demo_to_read, browser):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(demo_to_read.url + "/en/shops/")
    assert page.locator(".merchant-item").count() == 20  # first page of 31
    assert not page.locator("[data-map-section]").is_visible()
    page.locator("#filters > summary").click()  # folded under the results
    page.get_by_label("Category").select_option("restaurants-cafes")
    page.get_by_label("Card payment").check()
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**category=restaurants-cafes**")
    titles = page.locator(".merchant-item h3").all_inner_texts()
    assert titles and all("(fictional)" in title for title in titles)
    assert count(page) == len(titles) < 20
    assert "service=card_payment" in page.url
    context.close()
