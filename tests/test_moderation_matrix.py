"""Who may do what with which event, through the admin's own URLs (MOD-02, and the rule that
only moderators and administrators decide on what waits for moderation).

One row per kind of account, one column per action, one cell per event: a draft of the
Collectif Parasites (association A), a draft of Mots & Merveilles (association B), a proposal
from the public waiting for moderation and an event published by the communication officer."""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from events.models import EventPage, Submission
from tests.contribution_builders import event_form
from tests.event_builders import add_event
from tests.test_contribution_accounts import draft, saturday

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache", "search_index")]

EVENTS = ["draft_a", "draft_b", "proposal", "published"]
ROWS = ["anonymous", "association_a", "association_b", "editor", "moderator", "administrator"]

# Outcomes: "ok" (200), "login" (redirected to the login page), "denied" (Wagtail's permission
# denied: 403 or a redirect to the dashboard), "locked" (the form is shown again, nothing saved:
# the page is in a moderation step the user does not belong to); "saved", "published",
# "deleted" when the action took effect, "refused" when the request was answered but the action
# was not taken; True/False: found by the admin search.
MATRIX = {
    "view": {
        "anonymous": ["login", "login", "login", "login"],
        "association_a": ["ok", "denied", "denied", "denied"],
        "association_b": ["denied", "ok", "denied", "denied"],
        "editor": ["ok", "ok", "ok", "ok"],
        "moderator": ["ok", "ok", "ok", "ok"],
        "administrator": ["ok", "ok", "ok", "ok"],
    },
    "edit": {
        "anonymous": ["login", "login", "login", "login"],
        "association_a": ["saved", "denied", "denied", "denied"],
        "association_b": ["denied", "saved", "denied", "denied"],
        "editor": ["saved", "saved", "locked", "saved"],
        "moderator": ["saved", "saved", "saved", "saved"],
        "administrator": ["saved", "saved", "saved", "saved"],
    },
    "publish": {
        "anonymous": ["login", "login", "login", "login"],
        "association_a": ["refused", "denied", "denied", "denied"],
        "association_b": ["denied", "refused", "denied", "denied"],
        "editor": ["refused", "refused", "locked", "refused"],
        "moderator": ["published", "published", "published", "published"],
        "administrator": ["published", "published", "published", "published"],
    },
    "delete": {
        "anonymous": ["login", "login", "login", "login"],
        "association_a": ["deleted", "denied", "denied", "denied"],
        "association_b": ["denied", "deleted", "denied", "denied"],
        "editor": ["deleted", "deleted", "denied", "denied"],
        "moderator": ["deleted", "deleted", "deleted", "deleted"],
        "administrator": ["deleted", "deleted", "deleted", "deleted"],
    },
    "search": {
        "anonymous": [False, False, False, False],
        "association_a": [True, False, False, True],
        "association_b": [False, True, False, True],
        "editor": [True, True, True, True],
        "moderator": [True, True, True, True],
        "administrator": [True, True, True, True],
    },
}


class Desk:
    def __init__(self, moderated, client, capture):
        self.moderated = moderated
        users = {
            "association_a": moderated.association("alice", moderated.parasites),
            "association_b": moderated.association("chloe", moderated.mots),
            "editor": moderated.user("edouard", "Editors"),
            "moderator": moderated.moderator(),
            "administrator": get_user_model().objects.create_superuser("admin", "admin@example.org", "x"),
        }
        self.users = users
        with capture(execute=True):
            moderated.propose(client, title="Brocante du public", organiser="", organiser_name="Comité des fêtes")
        self.events = {
            "draft_a": draft(moderated, "Atelier des Parasites", moderated.parasites, users["association_a"]),
            "draft_b": draft(moderated, "Lecture des Merveilles", moderated.mots, users["association_b"]),
            "proposal": Submission.objects.get().event.specific,
            "published": add_event(moderated.agenda, "Conseil communautaire", saturday(), owner=users["administrator"]),
        }

    def client(self, row):
        client = Client()
        if row != "anonymous":
            client.force_login(self.users[row])
        return client


@pytest.fixture
def desk(client, moderated, django_capture_on_commit_callbacks):
    return Desk(moderated, client, django_capture_on_commit_callbacks)


def refusal(response):
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return "login"
    if response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/"):
        return "denied"
    return None


def view(client, event):
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[event.pk]))
    outcomes = {
        refusal(response) or ("ok" if response.status_code == 200 else response.status_code)
        for response in (edit, preview)
    }
    assert len(outcomes) == 1, outcomes  # the editor and the preview answer alike
    return outcomes.pop()


def post_edit(client, event, action="action-submit"):
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    response = client.post(url, event_form(event, action=action, title=event.title + " (corrigé)"))
    if refusal(response):
        return refusal(response), response
    return None, response


def edit(client, event):
    refused, response = post_edit(client, event, action="action-save")
    if refused:
        return refused
    latest = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    if latest.title.endswith("(corrigé)"):
        return "saved"
    return "locked" if response.status_code == 200 else response.status_code


def publish(client, event):
    refused, _response = post_edit(client, event, action="action-publish")
    if refused:
        return refused
    current = EventPage.objects.get(pk=event.pk)
    if current.live and current.title.endswith("(corrigé)"):
        return "published"
    # Saved as a draft instead, or not saved at all (a moderation step locks the page).
    return "refused" if current.get_latest_revision_as_object().title.endswith("(corrigé)") else "locked"


def delete(client, event):
    response = client.post(reverse("wagtailadmin_pages:delete", args=[event.pk]))
    if not EventPage.objects.filter(pk=event.pk).exists():
        return "deleted"
    return refusal(response) or response.status_code


def search(client, event):
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": event.title.split()[0]})
    return response.status_code == 200 and event.title in response.content.decode()


ACTIONS = {"view": view, "edit": edit, "publish": publish, "delete": delete, "search": search}


@pytest.mark.parametrize("row", ROWS)
@pytest.mark.parametrize("column", list(MATRIX))
def test_permission_matrix(desk, row, column):
    client = desk.client(row)
    found = [ACTIONS[column](client, desk.events[name]) for name in EVENTS]
    assert found == MATRIX[column][row], f"{column} by {row}: {dict(zip(EVENTS, found, strict=True))}"
