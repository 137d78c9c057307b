"""A proposal sent from a host and port no Site record names (the live server's, with the four
demo territories) reaches its confirmation: the redirect is a path, which the CSP's
``form-action 'self'`` allows, not the Site record's ``http://localhost/``."""

import pytest

from wagtail.models import Site

from events.models import Submission
from tests.contribution_builders import next_saturday
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def territories_server(live_server):
    """The live server with every demo territory (several Sites, so Wagtail would build
    absolute addresses from the Site records)."""
    load_demo("--all")  # the copy the address and clean-page tests load too
    return live_server


def test_a_proposal_sent_on_another_port_shows_its_confirmation(territories_server, page, settings):
    settings.HUB_PROPOSAL_MIN_SECONDS = 0  # the robot types faster than a person
    default = Site.objects.get(is_default_site=True)
    assert Site.objects.count() == 4
    assert not territories_server.url.endswith(f"{default.hostname}:{default.port}")

    page.goto(territories_server.url + "/fr/agenda/proposer/")
    page.locator("#id_title").fill("Initiation à la photographie de nuit")
    page.locator("#id_description").fill("Réglages, trépied et ciel étoilé.\n\nApportez votre appareil.")
    page.locator("#id_start_date").fill(next_saturday().isoformat())
    page.locator("#id_start_time").fill("20:00")
    page.locator("#id_end_time").fill("23:00")
    page.locator("#id_commune").select_option(label="Bavay")
    page.locator("#id_category").select_option(index=1)
    page.locator("#id_organiser").select_option(label="Collectif Parasites")
    page.locator("#id_contact_name").fill("Camille")
    page.locator("#id_contact_email").fill("camille@example.org")
    page.locator("#id_consent").check()
    page.locator("#id_title").locator("xpath=ancestor::form").locator("button[type=submit]").click()

    page.wait_for_url("**/fr/agenda/proposer/envoye/?ref=**")
    assert page.url.startswith(territories_server.url + "/")
    assert "Merci" in page.get_by_role("heading", level=1).inner_text()
    submission = Submission.objects.get(title="Initiation à la photographie de nuit")
    assert submission.reference in page.locator("main").inner_text()
