"""A moderator decides on a proposal from the page editor, as the admin UI posts it: one click on
"Approve" publishes the event (MOD-03 still holds for anyone else's edits)."""

import json

import pytest

from django.core import mail
from django.test import Client
from django.urls import reverse

from events.models import Submission
from tests.admin_forms import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def proposed(client, moderated, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        moderated.propose(client, **overrides)
    submission = Submission.objects.get()
    return submission, submission.event.specific


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def workflow_action(staff, event, action, changes=None, comment=""):
    """Click ``action`` in the editor's action menu, with the fields as the browser sends them."""
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    page = staff.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-workflow-action-name="{action}"' in html  # the button is offered
    data = form_data(html, submit="action-workflow-action")
    data.update({key: [value] for key, value in (changes or {}).items()})
    data["workflow-action-name"] = [action]
    if comment:
        data["workflow-action-extra-data"] = [json.dumps({"comment": comment})]
    return staff.post(url, data)


def test_approve_in_the_editor_publishes_at_the_first_click(client, moderated, django_capture_on_commit_callbacks):
    submission, event = proposed(client, moderated, django_capture_on_commit_callbacks)
    staff = signed_in(moderated.moderator())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = workflow_action(staff, event, "approve")
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.live and not event.workflow_in_progress and not event.has_unpublished_changes
    submission.refresh_from_db()
    assert submission.state == Submission.State.APPROVED
    assert [message.to for message in mail.outbox if "camille" in message.to[0]] == [["camille@example.org"]]
    assert client.get(event.url).status_code == 200


def test_the_moderators_corrections_are_published_with_the_approval(
    client, moderated, django_capture_on_commit_callbacks
):
    _submission, event = proposed(client, moderated, django_capture_on_commit_callbacks)
    staff = signed_in(moderated.moderator())
    response = workflow_action(staff, event, "approve", {"title": "Repair café de printemps à Bavay"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.live and event.title == "Repair café de printemps à Bavay"
    assert not event.workflow_in_progress


def test_someone_elses_edit_after_the_submission_is_reviewed_again(
    client, moderated, django_capture_on_commit_callbacks
):
    """MOD-03: the approval covers what the moderator saw, not an association's later edit."""
    member = moderated.association("benevole", moderated.parasites)
    _submission, event = proposed(client, moderated, django_capture_on_commit_callbacks)
    revision = event.get_latest_revision_as_object()
    revision.title = "Repair café (modifié par l'association)"
    revision.save_revision(user=member)
    task_state = event.current_workflow_task_state
    staff = signed_in(moderated.moderator())
    staff.post(reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "approve", task_state.pk]))
    event.refresh_from_db()
    assert not event.live and event.workflow_in_progress
    assert event.current_workflow_task_state.revision_id == event.latest_revision_id


def test_request_changes_in_the_editor_emails_the_comment(client, moderated, django_capture_on_commit_callbacks):
    submission, event = proposed(client, moderated, django_capture_on_commit_callbacks)
    staff = signed_in(moderated.moderator())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = workflow_action(staff, event, "reject", comment="Précisez la salle, merci.")
    assert response.status_code == 302
    submission.refresh_from_db()
    event.refresh_from_db()
    assert submission.state == Submission.State.CHANGES_REQUESTED
    assert submission.decision_comment == "Précisez la salle, merci."
    assert not event.live
    assert event.current_workflow_state.status == "needs_changes"
    [message] = [message for message in mail.outbox if message.to == ["camille@example.org"]]
    assert "Précisez la salle" in message.body


def test_refuse_in_the_editor_closes_the_proposal(client, moderated, django_capture_on_commit_callbacks):
    submission, event = proposed(client, moderated, django_capture_on_commit_callbacks)
    staff = signed_in(moderated.moderator())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = workflow_action(staff, event, "refuse", comment="Hors du champ de l'agenda.")
    assert response.status_code == 302
    submission.refresh_from_db()
    event.refresh_from_db()
    assert submission.state == Submission.State.REJECTED
    assert not event.live and not event.workflow_in_progress
    [message] = [message for message in mail.outbox if message.to == ["camille@example.org"]]
    assert "Hors du champ" in message.body
