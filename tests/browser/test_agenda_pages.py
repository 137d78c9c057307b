import pytest
from axe_playwright_python.sync_playwright import Axe

from events.models import EventPage
from tests.browser.test_public_pages import WCAG_AA
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agenda_server(live_server):
    load_demo("--without-strategy")
    return live_server


def test_agenda_pages_have_no_axe_violation_and_filters_work(agenda_server, page):
    event = EventPage.objects.live().filter(locale__language_code="fr", frequency="monthly").first()
    english = event.get_translation(event.locale.__class__.objects.get(language_code="en"))
    paths = [
        "/fr/agenda/",
        "/en/agenda/",
        "/fr/agenda/?when=month&free=1",
        "/fr/agenda/?past=1",
        "/fr/agenda/?from=31/12/2026",  # an error state
        event.url,
        english.url,
        "/fr/communes/bavay/",
        "/en/municipalities/bavay/",
        "/fr/agenda/embed/?commune=bavay",
        "/en/agenda/screen/",
    ]
    for path in paths:
        page.goto(agenda_server.url + path)
        results = Axe().run(page, options=WCAG_AA)
        assert results.violations_count == 0, path + "\n" + results.generate_report()

    page.goto(agenda_server.url + "/fr/agenda/")
    everything = page.get_by_role("status").first.inner_text()
    page.locator("#filters > summary").click()  # folded under the results
    page.get_by_label("Commune", exact=True).select_option("bavay")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**commune=bavay**")
    assert page.get_by_role("status").first.inner_text() != everything
    assert "commune=bavay" in page.locator("#feed-url").input_value()
