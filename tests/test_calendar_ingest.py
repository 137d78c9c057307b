"""Associations' own calendars flow into the agenda (events.contributions.ingest), read from a real
HTTP server on the loopback: a real-world-shaped calendar (a weekly market with a date left out,
one moved and one cancelled, a rule the agenda cannot repeat, an all-day fair, a cancelled event,
a broken event), then updates, removals, broken, huge, slow and private calendars. Each outcome:
nothing lost, nothing duplicated, moderation respected."""

import datetime as dt
import io

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import WorkflowState

from events.contributions.ingest import read_calendar
from events.models import CalendarFeed, EventPage, ImportedEvent, Occurrence, Submission
from events.recurrence import PARIS
from tests.calendar_builders import Route, calendar, calendar_server, next_weekday, stamp, vevent


@pytest.fixture
def server():
    with calendar_server() as running:
        yield running


@pytest.fixture
def loopback(settings):
    """The tests' calendars are on 127.0.0.1, which production refuses."""
    settings.HUB_INGEST_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.HUB_INGEST_TIMEOUT_SECONDS = 1
    settings.HUB_INGEST_MAX_BYTES = 64 * 1024
    settings.HUB_INGEST_MAX_OCCURRENCES = 4


TUESDAY = next_weekday(1)  # the market's first day
SATURDAY = next_weekday(5)


def market(*extra):
    """Every Tuesday 08:00–12:00 for ten weeks; week 3 left out (EXDATE)."""
    return vevent(
        "market-1@nextcloud.example",
        "Marché paysan",
        stamp(TUESDAY, 8),
        stamp(TUESDAY, 12),
        "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10",
        f"EXDATE;TZID=Europe/Paris:{stamp(TUESDAY + dt.timedelta(weeks=2), 8)}",
        "LOCATION:Place du marché\\, Bavay",
        "DESCRIPTION:Producteurs locaux.\\nVenez nombreux !",
        *extra,
    )


def moved_market_day():
    """Week 5 moved to 10:00 (RECURRENCE-ID override with its own title)."""
    day = TUESDAY + dt.timedelta(weeks=4)
    return vevent(
        "market-1@nextcloud.example",
        "Marché paysan (déplacé)",
        stamp(day, 10),
        stamp(day, 13),
        f"RECURRENCE-ID;TZID=Europe/Paris:{stamp(day, 8)}",
    )


def cancelled_market_day():
    """Week 6 called off."""
    day = TUESDAY + dt.timedelta(weeks=5)
    return vevent(
        "market-1@nextcloud.example",
        "Marché paysan",
        stamp(day, 8),
        stamp(day, 12),
        f"RECURRENCE-ID;TZID=Europe/Paris:{stamp(day, 8)}",
        "STATUS:CANCELLED",
    )


def workshop(*extra, start=14, summary="Atelier numérique"):
    return vevent(
        "workshop-7@nextcloud.example",
        summary,
        stamp(SATURDAY, start),
        stamp(SATURDAY, start + 3),
        "LOCATION:Salle des fêtes\\, Le Quesnoy",
        "CATEGORIES:Atelier",
        "DESCRIPTION:<p>Prise en main d'une tablette.<br>Gratuit.</p>",
        *extra,
    )


def fair():
    """A two-day all-day fair."""
    return vevent("fair@nextcloud.example", "Foire aux livres", SATURDAY, SATURDAY + dt.timedelta(days=2))


def club():
    """The last Friday of every month: a rule the agenda cannot repeat (BYSETPOS)."""
    friday = next_weekday(4)
    return vevent(
        "club@nextcloud.example",
        "Club lecture",
        stamp(friday, 18),
        stamp(friday, 20),
        "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    )


def full_calendar():
    return calendar(
        market(),
        moved_market_day(),
        cancelled_market_day(),
        workshop(),
        fair(),
        club(),
        vevent("gone@example", "Concert annulé", stamp(SATURDAY, 20), stamp(SATURDAY, 22), "STATUS:CANCELLED"),
        vevent("broken@nextcloud.example", "Sans date", None),
    )


def register(moderated, server, path="/parasites.ics", trusted=False, body=None):
    server.routes[path] = Route(full_calendar() if body is None else body)
    return CalendarFeed.objects.create(
        organisation=moderated.parasites, agenda=moderated.agenda, url=server.url(path), trusted=trusted
    )


def imported_pages(feed):
    return EventPage.objects.filter(imported_from__feed=feed).distinct()


def test_first_reading_sends_every_event_to_the_moderators(moderated, server, loopback):
    feed = register(moderated, server)

    report = read_calendar(feed)

    assert report["status"] == "warnings"  # the event without a date is reported, the rest copied
    assert any("Sans date" in problem for problem in report["problems"])
    assert any("Club lecture" in problem for problem in report["problems"])  # more dates than copied
    # market, its moved day, the workshop, the fair, four dates of the club; the cancelled concert
    # was never announced, so nothing is created for it.
    assert report["counts"]["created"] == 8
    assert report["counts"]["ignored"] == 1
    pages = list(imported_pages(feed))
    assert len(pages) == 8 == ImportedEvent.objects.filter(feed=feed).count()
    for page in pages:
        assert not page.live
        assert WorkflowState.objects.for_instance(page).active().exists()
        assert page.organiser == moderated.parasites
    assert Submission.objects.filter(event__in=pages, state=Submission.State.PENDING).count() == 8
    assert not Occurrence.objects.exists()  # MOD-01: nothing public before approval

    series = EventPage.objects.get(imported_from__uid="market-1@nextcloud.example", imported_from__recurrence_id="")
    draft = series.get_latest_revision_as_object()
    assert draft.frequency == "weekly" and draft.weekdays == "TU" and draft.count == 10
    assert draft.excluded_date_list() == [TUESDAY + dt.timedelta(weeks=2), TUESDAY + dt.timedelta(weeks=4)]
    assert draft.cancelled_date_list() == [TUESDAY + dt.timedelta(weeks=5)]
    assert draft.start == dt.datetime.combine(TUESDAY, dt.time(8), tzinfo=PARIS)
    assert draft.commune == moderated.bavay
    assert "Venez nombreux" in draft.body[0].value.source
    moved = EventPage.objects.get(title="Marché paysan (déplacé)")
    assert moved.start.astimezone(PARIS).time() == dt.time(10)

    atelier = EventPage.objects.get(title="Atelier numérique").get_latest_revision_as_object()
    assert atelier.commune == moderated.quesnoy
    assert list(atelier.categories.all()) == [moderated.workshop]
    assert atelier.summary == "Prise en main d'une tablette. Gratuit."  # the HTML read as text
    fair_page = EventPage.objects.get(title="Foire aux livres")
    assert fair_page.all_day and fair_page.end.astimezone(PARIS).date() == SATURDAY + dt.timedelta(days=1)
    assert EventPage.objects.filter(title="Club lecture").count() == 4


def test_approved_proposal_from_a_calendar_is_published_by_the_workflow(moderated, server, loopback):
    feed = register(moderated, server, body=calendar(workshop()))
    read_calendar(feed)
    page = imported_pages(feed).get()
    moderator = moderated.moderator()

    page.current_workflow_task_state.task.specific.on_action(page.current_workflow_task_state, moderator, "approve")

    page.refresh_from_db()
    assert page.live
    assert Occurrence.objects.filter(event=page).count() == 1
    assert Submission.objects.get(event=page).state == Submission.State.APPROVED


def test_trusted_calendar_is_published_directly(moderated, server, loopback, client):
    feed = register(moderated, server, trusted=True)

    report = read_calendar(feed)

    assert report["counts"]["published"] == 8
    pages = list(imported_pages(feed))
    assert all(page.live for page in pages)
    assert not WorkflowState.objects.filter(object_id__in=[str(page.pk) for page in pages]).exists()
    series = EventPage.objects.get(imported_from__uid="market-1@nextcloud.example", imported_from__recurrence_id="")
    starts = [o.start.astimezone(PARIS) for o in Occurrence.objects.filter(event=series)]
    # ten Tuesdays, one left out, one moved (its own event): eight, one of them cancelled
    assert len(starts) == 8
    assert Occurrence.objects.filter(event=series, cancelled=True).count() == 1
    assert "Atelier numérique" in client.get(moderated.agenda.url).content.decode()


def test_second_reading_is_conditional_and_changes_nothing(moderated, server, loopback):
    feed = register(moderated, server)
    read_calendar(feed)
    revisions = {page.pk: page.revisions.count() for page in imported_pages(feed)}
    feed.refresh_from_db()
    feed.last_checked_at = None

    report = read_calendar(feed)

    assert report["status"] == "unchanged"
    assert server.requests[-1][1].get("If-None-Match") == server.routes["/parasites.ics"].etag
    assert {page.pk: page.revisions.count() for page in imported_pages(feed)} == revisions
    assert report["counts"]["created"] == 8  # the last full reading's numbers are kept


def test_same_calendar_served_again_without_validators_duplicates_nothing(moderated, server, loopback):
    feed = register(moderated, server)
    read_calendar(feed)
    CalendarFeed.objects.filter(pk=feed.pk).update(etag="", last_modified="")
    feed.refresh_from_db()

    report = read_calendar(feed)

    assert report["counts"]["unchanged"] == 8 and report["counts"]["created"] == 0
    assert imported_pages(feed).count() == 8


def test_updated_event_keeps_its_page_and_goes_back_to_moderation(moderated, server, loopback):
    feed = register(moderated, server, trusted=True, body=calendar(workshop()))
    read_calendar(feed)
    page = imported_pages(feed).get()
    feed.trusted = False
    feed.save()
    server.routes["/parasites.ics"] = Route(
        calendar(workshop("SEQUENCE:2", "LAST-MODIFIED:20260601T100000Z", start=15))
    )

    report = read_calendar(feed)

    assert report["counts"]["updated"] == 1
    assert imported_pages(feed).get().pk == page.pk  # updated by UID, not duplicated
    page.refresh_from_db()
    assert page.live and page.start.astimezone(PARIS).hour == 14  # the public version waits
    assert page.get_latest_revision_as_object().start.astimezone(PARIS).hour == 15
    assert WorkflowState.objects.for_instance(page).active().exists()


def test_older_version_of_an_event_is_ignored(moderated, server, loopback):
    feed = register(moderated, server, trusted=True, body=calendar(workshop("SEQUENCE:3", start=15)))
    read_calendar(feed)
    server.routes["/parasites.ics"] = Route(calendar(workshop("SEQUENCE:1", start=9)))

    report = read_calendar(feed)

    assert report["counts"]["ignored"] == 1
    assert imported_pages(feed).get().start.astimezone(PARIS).hour == 15


def test_cancelled_and_removed_events_are_cancelled_not_deleted(moderated, server, loopback):
    feed = register(moderated, server, trusted=True, body=calendar(workshop(), fair()))
    read_calendar(feed)
    server.routes["/parasites.ics"] = Route(calendar(workshop("STATUS:CANCELLED", "SEQUENCE:1")))

    report = read_calendar(feed)

    assert report["counts"]["cancelled"] == 2
    atelier = EventPage.objects.get(title="Atelier numérique")
    foire = EventPage.objects.get(title="Foire aux livres")
    assert atelier.live and atelier.status == "cancelled"
    assert foire.live and foire.status == "cancelled" and foire.status_note
    assert Occurrence.objects.filter(cancelled=True).count() == 2
    # Read again: nothing cancelled twice.
    CalendarFeed.objects.filter(pk=feed.pk).update(etag="")
    feed.refresh_from_db()
    assert read_calendar(feed)["counts"]["cancelled"] == 0


def test_broken_calendar_is_reported_and_mailed_never_raised(
    moderated, server, loopback, django_capture_on_commit_callbacks
):
    moderated.parasites.email = "contact@parasites.example"
    moderated.parasites.save()
    feed = register(moderated, server, trusted=True, body=calendar(workshop()))
    read_calendar(feed)
    server.routes["/parasites.ics"] = Route(b"<html><body>Page not found</body></html>", content_type="text/html")

    with django_capture_on_commit_callbacks(execute=True):
        report = read_calendar(feed)

    assert report["status"] == "error" and "iCal" in report["error"]
    feed.refresh_from_db()
    assert feed.last_status == "error"
    assert EventPage.objects.get(title="Atelier numérique").live  # what was copied stays
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["contact@parasites.example"]
    # The same problem the next time: no second e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        read_calendar(feed)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("length", [True, False], ids=["announced", "streamed"])
def test_huge_calendar_is_refused(moderated, server, loopback, length):
    body = calendar(workshop(), "X-PADDING:" + "x" * 70_000)
    feed = register(moderated, server, body=body)
    server.routes["/parasites.ics"].length = length

    report = read_calendar(feed)

    assert report["status"] == "error" and "0,1 Mo" in report["error"]  # in the agenda's language
    assert not imported_pages(feed).exists()


def test_slow_calendar_times_out(moderated, server, loopback, settings):
    settings.HUB_INGEST_TIMEOUT_SECONDS = 0.3
    feed = register(moderated, server)
    server.routes["/parasites.ics"].delay = 3

    report = read_calendar(feed)

    assert report["status"] == "error" and "à temps" in report["error"]
    assert not imported_pages(feed).exists()


def test_private_address_is_refused_without_the_allow_list(moderated, server, settings):
    feed = register(moderated, server)
    settings.HUB_INGEST_ALLOWED_NETWORKS = []

    report = read_calendar(feed)

    assert report["status"] == "error" and "127.0.0.1" in report["error"]
    assert server.requests == []  # refused before connecting


def test_redirect_to_a_private_address_is_refused(moderated, server, loopback):
    feed = register(moderated, server)
    server.routes["/moved.ics"] = Route(status=302, location=server.url("/parasites.ics", host="127.0.0.2"))
    feed.url = server.url("/moved.ics")
    feed.save()

    report = read_calendar(feed)

    assert report["status"] == "error" and "127.0.0.2" in report["error"]
    assert [path for path, _headers in server.requests] == ["/moved.ics"]


def test_command_reads_due_calendars_with_progress(moderated, server, loopback):
    feed = register(moderated, server, body=calendar(workshop()))
    out = io.StringIO()

    call_command("ingest_calendars", stdout=out)

    assert "[1/1] Collectif Parasites" in out.getvalue() and "1 created" in out.getvalue()
    feed.refresh_from_db()
    assert feed.last_checked_at is not None
    out = io.StringIO()
    call_command("ingest_calendars", stdout=out)  # read recently: not due
    assert "0 calendar(s)" in out.getvalue()
    assert feed.last_checked_at <= timezone.now()


# -- the admin: associations register their calendar, moderators trust it -------------------------


def signed_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_association_registers_its_calendar_and_reads_the_report(
    moderated, server, loopback, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    server.routes["/parasites.ics"] = Route(calendar(workshop()))
    member = signed_in(moderated.association("benevole", moderated.parasites))
    add_url = reverse("imported_calendars:add")
    form = member.get(add_url).content.decode()
    assert 'name="url"' in form and 'name="trusted"' not in form
    assert "Mots &amp; Merveilles" not in form  # another association is not offered

    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(
            add_url,
            {
                "organisation": moderated.parasites.pk,
                "agenda": moderated.agenda.pk,
                "url": server.url("/parasites.ics"),
                "active": "on",
                "trusted": "on",  # not theirs to set: ignored
            },
        )

    assert response.status_code == 302
    feed = CalendarFeed.objects.get()
    assert not feed.trusted
    assert feed.last_status == "ok"  # read after the commit, by the (immediate) task backend
    assert not imported_pages(feed).get().live
    report = member.get(reverse("imported_calendars:inspect", args=[feed.pk])).content.decode()
    assert "1 new event sent to the moderators" in report or "1 nouvel événement" in report

    other = CalendarFeed.objects.create(
        organisation=moderated.mots, agenda=moderated.agenda, url="https://example.org/mots.ics"
    )
    assert member.get(reverse("imported_calendars:edit", args=[other.pk])).status_code in (302, 403, 404)
    assert "example.org/mots.ics" not in member.get(reverse("imported_calendars:index")).content.decode()


def test_moderator_marks_a_calendar_trusted(moderated, server, loopback):
    from django.urls import reverse

    feed = register(moderated, server, body=calendar(workshop()))
    moderator = signed_in(moderated.moderator())
    edit_url = reverse("imported_calendars:edit", args=[feed.pk])
    assert 'name="trusted"' in moderator.get(edit_url).content.decode()

    response = moderator.post(
        edit_url,
        {"organisation": feed.organisation_id, "agenda": feed.agenda_id, "url": feed.url, "trusted": "on"},
    )

    assert response.status_code == 302
    feed.refresh_from_db()
    assert feed.trusted


def test_invalid_address_is_refused_with_everything_typed_kept(moderated):
    from django.urls import reverse

    member = signed_in(moderated.association("benevole", moderated.parasites))
    response = member.post(
        reverse("imported_calendars:add"),
        {"organisation": moderated.parasites.pk, "agenda": moderated.agenda.pk, "url": "file:///etc/passwd"},
    )

    assert response.status_code == 200
    assert "file:///etc/passwd" in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_time_in_the_spring_forward_gap_is_read_as_rfc_5545_says(moderated, server, loopback):
    year = timezone.localdate().year + 1
    march_end = dt.date(year, 3, 31)
    spring_forward = march_end - dt.timedelta(days=(march_end.weekday() + 1) % 7)  # last Sunday of March
    missing = vevent("dst@example", "Nuit du changement d'heure", stamp(spring_forward, 2, 30), None)
    feed = register(moderated, server, trusted=True, body=calendar(missing))

    report = read_calendar(feed)

    assert report["counts"]["published"] == 1
    # 02:30 does not exist that night: the offset before the gap applies (RFC 5545 §3.3.5).
    assert imported_pages(feed).get().start == dt.datetime.combine(spring_forward, dt.time(3, 30), tzinfo=PARIS)


def test_series_starting_off_its_own_rule_is_copied_date_by_date(moderated, server, loopback):
    # Starts on a Tuesday, repeats on Mondays: RFC 5545 leaves it undefined, the agenda cannot say
    # it, recurring_ical_events (the reference here) reads the Tuesday and three Mondays.
    rule = "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3"
    odd = vevent("odd@example", "Permanence", stamp(TUESDAY, 9), stamp(TUESDAY, 11), rule)
    feed = register(moderated, server, trusted=True, body=calendar(odd))

    report = read_calendar(feed)

    assert report["counts"]["published"] == 4 and not report["problems"]
    starts = sorted(page.start.astimezone(PARIS) for page in imported_pages(feed))
    assert [start.weekday() for start in starts] == [1, 0, 0, 0]
    feed.refresh_from_db()
    assert feed.etag
