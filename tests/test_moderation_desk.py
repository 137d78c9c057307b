"""The moderator's desk for one proposal: everything needed to decide, and the decisions."""

import re

import pytest
from bs4 import BeautifulSoup

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import Submission
from tests.admin_forms import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def desk(client, moderated, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        moderated.propose(client, organiser="", organiser_name="Comité des fêtes de Bavay")
    submission = Submission.objects.get()
    staff = Client()
    staff.force_login(moderated.moderator())
    dashboard = BeautifulSoup(staff.get(reverse("wagtailadmin_home")).content, "html.parser")
    link = dashboard.find("a", string=submission.title)
    return staff, submission, link["href"]


def test_the_dashboard_leads_to_a_desk_with_all_a_moderator_needs(desk):
    staff, submission, url = desk
    assert url == reverse("submissions:inspect", args=[submission.pk])
    response = staff.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    text = " ".join(BeautifulSoup(html, "html.parser").get_text().split())
    assert "Comité des fêtes de Bavay" in text
    assert "Camille Martin" in text and 'href="mailto:camille@example.org"' in html
    # The time of receipt is Paris time (TIME_ZONE), not UTC.
    received = BeautifulSoup(html, "html.parser").find("time")
    paris = timezone.localtime(submission.submitted_at)
    assert received["datetime"] == paris.isoformat()
    assert paris.strftime("%H:%M") in received.get_text()
    assert "None" not in text
    assert "On répare ensemble grille-pain" in text and "Apportez vos objets" in text
    event = submission.event
    assert reverse("wagtailadmin_pages:view_draft", args=[event.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[event.pk]) in html
    actions = re.findall(r'data-desk-action="(\w+)"', html)
    assert actions == ["reject", "refuse", "approve"]
    assert staff.get(reverse("wagtailadmin_pages:view_draft", args=[event.pk])).status_code == 200


def test_approve_from_the_desk_publishes_and_comes_back(desk, django_capture_on_commit_callbacks):
    staff, submission, url = desk
    html = staff.get(url).content.decode()
    form = BeautifulSoup(html, "html.parser").find("form", attrs={"data-desk-action": "approve"})
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(form["action"], form_data(str(form), submit=None))
    assert response.status_code == 302 and response["Location"] == url
    submission.refresh_from_db()
    assert submission.state == Submission.State.APPROVED and submission.event.live
    after = " ".join(BeautifulSoup(staff.get(url).content, "html.parser").get_text().split())
    assert "None" not in after
    assert timezone.localtime(submission.decided_at).strftime("%H:%M") in after
    assert "This event is not waiting for moderation." in after or "n'est pas en attente" in after


def test_request_changes_from_the_desk_needs_a_reason(desk, django_capture_on_commit_callbacks):
    staff, submission, url = desk
    soup = BeautifulSoup(staff.get(url).content, "html.parser")
    form = soup.find("form", attrs={"data-desk-action": "reject"})
    assert form.find("textarea", attrs={"name": "comment"}).has_attr("required")
    data = form_data(str(form))
    data["comment"] = ["Il manque l'heure de fin."]
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(form["action"], data)
    submission.refresh_from_db()
    assert submission.state == Submission.State.CHANGES_REQUESTED
    assert "Il manque l'heure de fin." in staff.get(url).content.decode().replace("&#x27;", "'")


def test_the_desk_is_for_moderators_only(client, desk, moderated):
    _staff, submission, url = desk
    volunteer = Client()
    volunteer.force_login(moderated.association("alice", moderated.parasites))
    assert volunteer.get(url).status_code in (302, 403)
    assert client.get(url).status_code == 302
