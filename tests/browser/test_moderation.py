"""A proposal from the public form to the agenda with a real browser: the visitor sends it, the
moderator opens it from the dashboard, decides with the desk's buttons, and the event appears
on the agenda, its commune's page and the iCal feed (or the contributor is e-mailed the reason)."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from events.contributions.moderation import MODERATORS
from events.models import EventCategory, EventPage, Submission
from home.models import Commune, CommuneIndexPage, Organisation
from tests.contribution_builders import next_saturday

pytestmark = pytest.mark.django_db(transaction=True)


def propose(demo_server, page, title, email):
    """Fill in the French form as a visitor does and send it."""
    commune = Commune.objects.get(insee_code="59053")
    category = EventCategory.objects.get(slug="repair-cafes", locale__language_code="fr")
    organiser = Organisation.objects.get(slug="collectif-parasites", locale__language_code="fr")
    page.goto(demo_server.url + "/fr/agenda/proposer/")
    page.locator("[name=title]").fill(title)
    page.locator("[name=description]").fill("Réglage des freins et des dérailleurs.\n\nVenez avec votre vélo.")
    page.locator("[name=start_date]").fill(next_saturday().isoformat())
    page.locator("[name=start_time]").fill("14:00")
    page.locator("[name=end_time]").fill("17:00")
    page.locator("[name=commune]").select_option(str(commune.pk))
    page.locator("[name=category]").select_option(str(category.pk))
    page.locator("[name=organiser]").select_option(str(organiser.pk))
    page.locator("[name=contact_name]").fill("Dominique")
    page.locator("[name=contact_email]").fill(email)
    page.locator("[name=consent]").check()
    page.get_by_role("button", name="Envoyer la proposition").click()
    page.wait_for_url("**?ref=**")
    return Submission.objects.get(title=title)


def open_desk(demo_server, page, title):
    """Sign in as a moderator and open the proposal from the dashboard's panel."""
    moderator = get_user_model().objects.create_user("moderatrice", "moderatrice@example.org", "moderatrice")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    page.goto(demo_server.url + "/admin/login/")
    page.locator("[name=username]").fill("moderatrice")
    page.locator("[name=password]").fill("moderatrice")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(demo_server.url + "/admin/")
    page.locator("#pending-submissions-section").get_by_role("link", name=title).click()
    page.wait_for_url("**/inspect/**")


def test_a_proposal_approved_with_the_desk_buttons_is_on_the_agenda_and_in_the_feed(demo_server, page, settings):
    settings.HUB_PROPOSAL_MIN_SECONDS = 0  # the robot types faster than a person
    title = "Atelier vélo du samedi"
    submission = propose(demo_server, page, title, "dominique@example.org")
    assert not submission.event.live

    open_desk(demo_server, page, title)
    assert "dominique@example.org" in page.content()
    page.locator("form[data-desk-action=approve]").get_by_role("button").click()
    page.wait_for_load_state()
    submission.refresh_from_db()
    assert submission.state == Submission.State.APPROVED
    event = EventPage.objects.get(pk=submission.event_id)
    assert event.live and not event.workflow_in_progress

    page.goto(demo_server.url + "/fr/agenda/")
    assert page.get_by_role("link", name=title).count() >= 1
    communes = CommuneIndexPage.objects.live().get(locale__language_code="fr")
    page.goto(demo_server.url + communes.url + "bavay/")
    assert title in page.content()
    feed = page.request.get(demo_server.url + "/feeds/fr/events.ics")
    assert feed.ok and "SUMMARY:" + title in feed.text().replace("\r\n ", "")


def test_request_changes_with_the_desk_emails_the_reason(demo_server, page, settings):
    settings.HUB_PROPOSAL_MIN_SECONDS = 0
    title = "Troc de graines de printemps"
    submission = propose(demo_server, page, title, "sacha@example.org")
    mail.outbox.clear()

    open_desk(demo_server, page, title)
    form = page.locator("form[data-desk-action=reject]")
    form.get_by_role("textbox").fill("Merci d'indiquer la salle exacte.")
    form.get_by_role("button").click()
    page.wait_for_load_state()
    assert "Merci d'indiquer la salle exacte." in page.content().replace("&#x27;", "'")

    submission.refresh_from_db()
    assert submission.state == Submission.State.CHANGES_REQUESTED
    assert not EventPage.objects.get(pk=submission.event_id).live
    [message] = [message for message in mail.outbox if message.to == ["sacha@example.org"]]
    assert "Merci d'indiquer la salle exacte." in message.body
