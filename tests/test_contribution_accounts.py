"""Association accounts and contributors' personal data, checked from the outside (MOD-02, MOD-05)."""

import datetime as dt

import pytest

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import EventPage, Submission
from tests.contribution_builders import event_form, next_saturday
from tests.event_builders import add_event, paris

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def saturday(hour=14):
    day = next_saturday()
    return paris(day.year, day.month, day.day, hour)


def denied(response):
    """Wagtail's admin answers a refused action with 403, or a redirect to the dashboard with a
    "you do not have permission" message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def draft(moderated, title, organiser, owner):
    event = EventPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        locale=moderated.agenda.locale,
        summary="En bref.",
        start=saturday(),
        organiser=organiser,
        owner=owner,
        live=False,
    )
    moderated.agenda.add_child(instance=event)
    event.save_revision(user=owner)
    return event


def test_an_association_edits_its_own_events_only(moderated):
    alice = moderated.association("alice", moderated.parasites)
    bruno = moderated.association("bruno", moderated.parasites)
    chloe = moderated.association("chloe", moderated.mots)
    ours = draft(moderated, "Atelier Parasites", moderated.parasites, alice)
    theirs = draft(moderated, "Lecture Mots et Merveilles", moderated.mots, chloe)
    edit = "wagtailadmin_pages:edit"
    # A colleague from the same association may edit; the other association may not.
    assert signed_in(bruno).get(reverse(edit, args=[ours.pk])).status_code == 200
    assert denied(signed_in(alice).get(reverse(edit, args=[theirs.pk])))
    assert denied(signed_in(alice).post(reverse(edit, args=[theirs.pk]), event_form(theirs, title="Pris")))
    theirs.refresh_from_db()
    assert theirs.get_latest_revision_as_object().title == "Lecture Mots et Merveilles"
    for view in ("wagtailadmin_pages:preview_on_edit", "wagtailadmin_pages:delete", "wagtailadmin_pages:copy"):
        response = signed_in(alice).get(reverse(view, args=[theirs.pk]))
        assert denied(response) or response.status_code == 405, view
    # Nor see it in the explorer.
    listing = signed_in(alice).get(reverse("wagtailadmin_explore", args=[moderated.agenda.pk])).content.decode()
    assert "Atelier Parasites" in listing and "Lecture Mots et Merveilles" not in listing


def test_an_association_cannot_publish(moderated):
    alice = moderated.association("alice", moderated.parasites)
    ours = draft(moderated, "Atelier Parasites", moderated.parasites, alice)
    client = signed_in(alice)
    url = reverse("wagtailadmin_pages:edit", args=[ours.pk])
    assert "action-publish" not in client.get(url).content.decode()
    client.post(url, event_form(ours, action="action-publish"))
    ours.refresh_from_db()
    assert not ours.live
    assert client.post(reverse("wagtailadmin_pages:unpublish", args=[ours.pk])).status_code in (302, 403)
    # Submitting sends it to the moderators instead.
    client.post(url, event_form(ours))
    ours.refresh_from_db()
    assert ours.workflow_in_progress and not ours.live


def test_an_association_creates_events_for_its_association_only(moderated):
    alice = moderated.association("alice", moderated.parasites)
    client = signed_in(alice)
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", moderated.agenda.pk])
    form = client.get(url).content.decode()
    assert "Collectif Parasites" in form and "Mots &amp; Merveilles" not in form
    template = EventPage(title="Nouvel atelier", slug="nouvel-atelier", summary="En bref.", start=saturday())
    template.organiser = moderated.mots
    response = client.post(url, event_form(template))
    assert response.status_code == 200  # refused: not their association
    assert not EventPage.objects.filter(title="Nouvel atelier").exists()
    template.organiser = moderated.parasites
    assert client.post(url, event_form(template)).status_code == 302
    created = EventPage.objects.get(title="Nouvel atelier")
    assert not created.live and created.workflow_in_progress


def test_contributors_details_are_for_moderators_only(client, moderated):
    moderated.propose(client)
    alice = moderated.association("alice", moderated.parasites)
    index = reverse("submissions:index")
    assert signed_in(alice).get(index).status_code in (302, 403)
    assert "camille@example.org" not in signed_in(alice).get(reverse("wagtailadmin_home")).content.decode()
    moderator = signed_in(moderated.moderator())
    assert "camille@example.org" in moderator.get(index).content.decode()
    assert moderator.get(reverse("submissions:add")).status_code in (302, 403)
    assert client.get(index).status_code == 302  # anonymous: to the login page


def test_personal_data_is_purged_after_the_retention_period(client, moderated):
    moderated.propose(client)
    moderated.propose(client, title="Autre atelier", ip="198.51.100.4")
    old, recent = Submission.objects.order_by("title")
    for submission, days in ((old, 91), (recent, 10)):
        submission.state = Submission.State.REJECTED
        submission.decided_at = timezone.now() - dt.timedelta(days=days)
        submission.save()
    call_command("purge_submissions", "--dry-run")
    old.refresh_from_db()
    assert old.contact_email
    call_command("purge_submissions")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.contact_name, old.contact_email, old.ip_hash, old.user_agent) == ("", "", "", "")
    assert old.purged_at and old.event_id is None  # the refused draft is gone too
    assert recent.contact_email == "camille@example.org"
    assert old.reference and old.title  # the record of the decision stays


def test_a_published_event_by_the_officer_needs_no_submission(moderated):
    """Events written by editors are not touched by the contributors' machinery."""
    event = add_event(moderated.agenda, "Conseil communautaire", saturday())
    assert event.live and not Submission.objects.exists()
