"""Hostile text in every field of the public form is inert on the event page, in the admin and
in the .ics feed; and twenty visitors proposing at once are each stored exactly once."""

import threading

import pytest
from icalendar import Calendar

from django.db import connection
from django.test import Client
from django.urls import reverse

from events.models import EventPage, Submission
from tests.builders import ensure_root
from tests.contribution_builders import Moderated, aged_token

SCRIPT = "<script>alert('x')</script>"
HANDLER = '<img src=x onerror="alert(1)">'
JS_LINK = "javascript:alert(document.cookie)"
ICAL = "Fête\r\nATTENDEE:mailto:victim@example.org\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected"
RTL = "\u202egpj.exe"

pytestmark = pytest.mark.usefixtures("fresh_cache")

TEXT_FIELDS = ["title", "description", "venue_name", "address", "price", "organiser_name", "contact_name"]


def hostile_values():
    values = dict.fromkeys(TEXT_FIELDS, f"{SCRIPT} {HANDLER} {JS_LINK} {RTL}")
    values["title"] = f"{ICAL} {SCRIPT} {RTL}"[:120]
    values["description"] = f"{SCRIPT}\n\n{HANDLER}\n{ICAL}\n{JS_LINK} {RTL}"
    values["organiser"] = ""
    return values


@pytest.mark.django_db
def test_hostile_text_is_inert_everywhere(client, site, django_capture_on_commit_callbacks):
    moderated = Moderated(site)
    with django_capture_on_commit_callbacks(execute=True):
        response = moderated.propose(client, **hostile_values())
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get()
    # Stored as text: no control characters and no line breaks in single-line fields.
    assert "\u202e" not in event.title and "\r" not in event.title and "\n" not in event.title
    assert "\u202e" not in "".join(str(block.value.source) for block in event.body)

    staff = Client()
    staff.force_login(moderated.moderator())
    admin_page = staff.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert SCRIPT not in admin_page and HANDLER not in admin_page
    task_state = event.current_workflow_task_state
    staff.post(reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "approve", task_state.pk]))
    event.refresh_from_db()
    assert event.live

    page = client.get(event.url).content.decode()
    for raw in (SCRIPT, HANDLER, 'href="javascript:', "\u202e"):
        assert raw not in page
    assert "&lt;script&gt;" in page  # shown as text, not run

    for url in (f"/feeds/fr/events/{event.pk}.ics", "/feeds/fr/events.ics"):
        calendar = Calendar.from_ical(client.get(url).content)
        events = calendar.walk("VEVENT")
        assert len(events) == 1  # no event smuggled in
        assert "ATTENDEE" not in events[0]
        assert "ATTENDEE:mailto" in str(events[0]["SUMMARY"])  # kept as inert text
    rss = client.get("/feeds/fr/events.rss").content.decode()
    assert SCRIPT not in rss


@pytest.mark.django_db
def test_ten_thousand_characters_in_every_text_field_are_refused(client, site):
    moderated = Moderated(site)
    response = moderated.propose(client, **dict.fromkeys(TEXT_FIELDS, "é" * 10000))
    errors = response.context["form"].errors
    assert set(TEXT_FIELDS) <= set(errors)
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_javascript_booking_link_is_refused(client, site):
    moderated = Moderated(site)
    for link in (JS_LINK, "data:text/html,<script>alert(1)</script>", "file:///etc/passwd"):
        response = moderated.propose(client, booking_url=link)
        assert "booking_url" in response.context["form"].errors
    assert not Submission.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_proposals_are_each_stored_exactly_once(site):
    ensure_root()
    moderated = Moderated(site)
    posts = [(moderated.data(title=f"Atelier simultané {n}", token=aged_token()), f"203.0.113.{n}") for n in range(20)]
    # The same form sent twice at the same moment (a double click) counts once.
    posts.append((dict(posts[0][0]), "203.0.113.99"))
    url = moderated.form_url()
    barrier = threading.Barrier(len(posts))
    statuses = []

    def send(data, ip):
        try:
            barrier.wait()
            statuses.append(Client().post(url, data, REMOTE_ADDR=ip).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=post) for post in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * len(posts)
    assert Submission.objects.count() == 20
    assert EventPage.objects.count() == 20
    assert len(set(Submission.objects.values_list("reference", flat=True))) == 20
    assert sorted(Submission.objects.values_list("title", flat=True)) == sorted(
        f"Atelier simultané {n}" for n in range(20)
    )
    moderated.agenda.refresh_from_db()
    assert moderated.agenda.numchild == 20
