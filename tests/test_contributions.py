"""Events proposed by the public: nothing is public before a moderator approves it (MOD-01, MOD-04)."""

import re

import pytest

from django.core import mail
from django.urls import reverse

from events.models import Submission
from home.public_urls import absolute_page_url
from tests.contribution_builders import event_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def test_the_form_is_offered_in_both_languages(client, moderated):
    french = client.get(moderated.form_url("fr"))
    english = client.get(moderated.form_url("en"))
    assert french.status_code == english.status_code == 200
    assert '<html lang="fr"' in french.content.decode()
    assert "Proposer un événement" in french.content.decode()
    assert "Propose an event" in english.content.decode()
    assert '<html lang="en"' in english.content.decode()
    assert 'name="token"' in english.content.decode()


def test_a_proposal_is_a_draft_in_the_workflow(client, moderated, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = moderated.propose(client)
    assert response.status_code == 302, response.content.decode()[:3000]
    submission = Submission.objects.get()
    event = submission.event.specific
    assert not event.live
    assert event.get_parent().pk == moderated.agenda.pk
    assert event.owner.username == "contributions"
    assert event.workflow_in_progress
    assert submission.contact_email == "camille@example.org"
    assert submission.state == Submission.State.PENDING
    assert re.fullmatch(r"EV-[A-Z2-9]{6}", submission.reference)
    sent = client.get(response["Location"])
    assert submission.reference in sent.content.decode()
    assert any(submission.reference in message.subject for message in mail.outbox)


FEEDS = [
    "/feeds/fr/events.ics",
    "/feeds/fr/events.rss",
    "/feeds/fr/communes/bavay.ics",
    "/feeds/fr/communes/bavay.rss",
    "/feeds/fr/categories/atelier.ics",
    "/feeds/fr/organisers/collectif-parasites.ics",
]


def commune_page(moderated):
    from home.models import CommuneIndexPage
    from tests.builders import publish

    index = CommuneIndexPage(title="Les communes", slug="communes", locale=moderated.tree.home.locale)
    moderated.tree.home.add_child(instance=index)
    publish(index)
    return index.url + "bavay/"


def visible_everywhere(client, moderated, title, event):
    pages = [moderated.agenda.url, moderated.agenda.url + "?commune=bavay", commune_page.url]
    found = {url: title in client.get(url).content.decode() for url in pages}
    for feed in FEEDS:
        found[feed] = title in client.get(feed).content.decode()
    one = client.get(f"/feeds/fr/events/{event.pk}.ics")
    found["one"] = one.status_code == 200 and title in one.content.decode()
    return found


def approve_url(event, action="approve"):
    task_state = event.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[event.pk, action, task_state.pk])


def test_nothing_is_public_until_a_moderator_approves_in_the_admin(
    client, moderated, django_capture_on_commit_callbacks
):
    commune_page.url = commune_page(moderated)
    title = "Atelier vélo participatif"
    with django_capture_on_commit_callbacks(execute=True):
        assert moderated.propose(client, title=title).status_code == 302
    submission = Submission.objects.get()
    event = submission.event.specific
    # A moderator is told by Wagtail; the contributor gets the reference.
    moderator = moderated.moderator()
    assert not any(visible_everywhere(client, moderated, title, event).values())
    assert client.get(event.url or f"/fr/agenda/{event.slug}/").status_code == 404

    staff = client.__class__()
    staff.force_login(moderator)
    # The moderator sees the proposal and the contributor's details on the dashboard.
    dashboard = staff.get(reverse("wagtailadmin_home")).content.decode()
    assert title in dashboard and "camille@example.org" in dashboard
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(approve_url(event))
    assert response.status_code in (200, 302)
    event.refresh_from_db()
    assert event.live
    submission.refresh_from_db()
    assert submission.state == Submission.State.APPROVED
    assert all(visible_everywhere(client, moderated, title, event).values())
    approved = [message for message in mail.outbox if message.to == ["camille@example.org"]]
    # The public address (WAGTAILADMIN_BASE_URL outside a request), never the Site record's.
    assert len(approved) == 1 and absolute_page_url(event) in approved[0].body


def test_moderators_are_notified_by_wagtail(client, moderated, django_capture_on_commit_callbacks):
    moderated.moderator()
    with django_capture_on_commit_callbacks(execute=True):
        moderated.propose(client)
    assert any(message.to == ["moderatrice@example.org"] for message in mail.outbox)


def test_request_changes_emails_the_reason_and_keeps_the_draft(client, moderated, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        moderated.propose(
            client, language="en", contact_email="sam@example.org", category=str(moderated.workshop_en.pk)
        )
    submission = Submission.objects.get()
    event = submission.event.specific
    staff = client.__class__()
    staff.force_login(moderated.moderator())
    mail.outbox.clear()
    reason = "Merci de préciser l'adresse exacte de la salle."
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(approve_url(event, "reject"), {"comment": reason})
    submission.refresh_from_db()
    assert submission.state == Submission.State.CHANGES_REQUESTED
    assert submission.decision_comment == reason
    [message] = [message for message in mail.outbox if message.to == ["sam@example.org"]]
    assert reason in message.body
    assert "needs changes" in message.subject  # the contributor used the English form
    event.refresh_from_db()
    assert not event.live


def test_refusing_closes_the_proposal_with_the_reason(client, moderated, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        moderated.propose(client)
    submission = Submission.objects.get()
    event = submission.event.specific
    staff = client.__class__()
    staff.force_login(moderated.moderator())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(approve_url(event, "refuse"), {"comment": "Événement commercial hors du champ de l'agenda."})
    submission.refresh_from_db()
    event.refresh_from_db()
    assert submission.state == Submission.State.REJECTED
    assert not event.live and not event.workflow_in_progress
    [message] = [message for message in mail.outbox if message.to == ["camille@example.org"]]
    assert "hors du champ" in message.body


def test_editing_an_approved_contributed_event_is_moderated_again(
    client, moderated, django_capture_on_commit_callbacks
):
    member = moderated.association("benevole", moderated.parasites)
    with django_capture_on_commit_callbacks(execute=True):
        moderated.propose(client)
    event = Submission.objects.get().event.specific
    staff = client.__class__()
    staff.force_login(moderated.moderator())
    staff.post(approve_url(event))
    event.refresh_from_db()
    assert event.live
    volunteer = client.__class__()
    volunteer.force_login(member)
    edit = reverse("wagtailadmin_pages:edit", args=[event.pk])
    assert volunteer.get(edit).status_code == 200
    response = volunteer.post(edit, event_form(event, title="Repair café de printemps (nouvel horaire)"))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    event.refresh_from_db()
    assert event.title == "Repair café de printemps"  # the live version is unchanged
    assert event.has_unpublished_changes and event.workflow_in_progress
