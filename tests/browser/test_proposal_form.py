"""A contributor proposes an event with a real browser: a mistake, its correction with the
keyboard, the confirmation; axe-core finds nothing on the form and on its error state."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from events.models import Submission
from tests.browser.test_public_pages import WCAG_AA
from tests.contribution_builders import next_saturday

pytestmark = pytest.mark.django_db(transaction=True)


def assert_no_violation(page, what):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, what + "\n" + results.generate_report()


def test_propose_an_event_fix_a_mistake_and_send_it(demo_server, page, settings):
    settings.HUB_PROPOSAL_MIN_SECONDS = 0  # the robot types faster than a person
    page.goto(demo_server.url + "/fr/agenda/proposer/")
    assert_no_violation(page, "French form")
    page.goto(demo_server.url + "/en/agenda/propose/")
    assert_no_violation(page, "English form")

    page.get_by_label("Title of the event").fill("Atelier découverte du fer à souder")
    page.get_by_label("Description").fill("Petits montages électroniques pour débutants.\n\nMatériel fourni.")
    page.get_by_label("Date", exact=False).first.fill(next_saturday().isoformat())
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("End time").fill("17:00")
    page.get_by_label("Municipality", exact=True).select_option(label="Bavay")
    page.get_by_label("Category").select_option(label="Repair cafés")
    page.get_by_label("Organiser", exact=True).select_option(label="Collectif Parasites")
    page.get_by_label("Your name").fill("Dominique")
    page.get_by_label("Your e-mail address").fill("dominique@example.org")
    # The consent box is left unticked: the form comes back with the error.
    page.get_by_role("button", name="Send the proposal").click()
    alert = page.get_by_role("alert")
    assert "1 error" in alert.inner_text()
    assert page.get_by_label("Title of the event").input_value() == "Atelier découverte du fer à souder"
    assert page.get_by_label("Your e-mail address").input_value() == "dominique@example.org"
    assert page.title().startswith("Error")
    assert_no_violation(page, "English form with an error")

    # With the keyboard only: follow the error's link to the box, tick it, send.
    alert.get_by_role("link").focus()
    page.keyboard.press("Enter")
    consent = page.get_by_label(re.compile("privacy notice"))
    assert consent.get_attribute("aria-invalid") == "true"
    consent.focus()
    page.keyboard.press("Space")
    assert consent.is_checked()
    page.get_by_role("button", name="Send the proposal").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**?ref=**")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert "Thank you" in heading
    submission = Submission.objects.get(title="Atelier découverte du fer à souder")
    assert submission.reference in page.content()
    assert not submission.event.live
    assert_no_violation(page, "confirmation")
