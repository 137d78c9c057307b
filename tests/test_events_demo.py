"""The demo agenda: loaded by `load_demo` like the rest of the demo, dated relative to today,
bilingual, and idempotent."""

import datetime as dt
import io

import pytest

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Revision
from wagtail_localize.models import Translation

from events.demo import first_date, load, nth_weekday, schedule
from events.models import EventCategory, EventIndexPage, EventPage, Occurrence
from events.recurrence import PARIS, local
from home.demo.loader import DemoLoader
from home.models import HomePage
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db


def run_loader():
    output = io.StringIO()
    call_command("load_demo", "--without-strategy", stdout=output)
    return output.getvalue()


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo loaded once for the module (a load takes a while): each test runs in a savepoint
    of this transaction, which is rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo("--without-strategy")
        transaction.set_rollback(True)
    cache.clear()


def french_events():
    """The demo's events (the two proposals waiting for moderation are drafts, left out)."""
    return EventPage.objects.filter(locale__language_code="fr", submissions__isnull=True)


def check_about_forty_events_in_french_and_as_many_english_translations(loaded):
    assert "demo events in French and English" in loaded
    assert "dates and times are made up for the demo" in loaded
    english = Locale.objects.get(language_code="en")
    french = french_events()
    assert 38 <= french.count() <= 45
    assert EventPage.objects.filter(locale=english).count() == french.count()
    for event in french:
        assert event.live
        translated = event.get_translation(english)
        assert translated.live
        assert translated.title != event.title
        assert Translation.objects.filter(source__object_id=event.translation_key, target_locale=english).exists()
        # Schedule fields are synchronised.
        assert (translated.start, translated.end, translated.status) == (event.start, event.end, event.status)
    index = EventIndexPage.objects.get(locale__language_code="fr")
    assert index.show_in_menus and index.get_parent().specific.slug == "pays-de-mormal"
    assert index.get_translation(english).title == "Events"


def check_the_mix_of_events_asked_for():
    events = french_events()
    assert events.exclude(frequency=EventPage.Frequency.NONE).count() >= 5
    assert events.filter(frequency=EventPage.Frequency.WEEKLY).count() >= 3
    assert events.filter(frequency=EventPage.Frequency.MONTHLY, monthly_mode=EventPage.MonthlyMode.WEEKDAY).count() >= 3
    assert events.filter(status=EventPage.Status.CANCELLED).count() == 1
    assert events.filter(status=EventPage.Status.POSTPONED).count() == 1
    assert all(event.status_note for event in events.exclude(status=EventPage.Status.SCHEDULED))
    all_day = events.filter(all_day=True)
    three_days = [event for event in all_day if (local(event.end).date() - local(event.start).date()).days == 2]
    assert len(three_days) == 1
    # A weekly series with a date left out and a cancelled occurrence.
    assert any(event.excluded_date_list() and event.cancelled_date_list() for event in events)
    for event in events:
        assert event.commune_id, event.title
        assert event.categories.exists(), event.title
        assert event.summary and event.body
        event.full_clean()  # the editors' rules (weekly first date on its weekday, until XOR count…)
    titles = " ".join(events.values_list("title", flat=True))
    for activity in ("Repair café", "L'Instant Numérique", "Numérique Éthique Tour", "Cybersécurité", "Marché"):
        assert activity in titles
    assert (
        EventCategory.objects.filter(locale__language_code="en").count()
        == EventCategory.objects.filter(locale__language_code="fr").count()
        >= 8
    )


def check_no_invented_contacts():
    for event in french_events():
        assert event.contact_email in ("", "contact@cc-paysdemormal.fr")
        assert event.contact_phone in ("", "03 27 09 04 60")
        assert not event.booking_url


def check_dates_are_relative_to_today_and_snapped_to_their_weekdays():
    today = timezone.localdate()
    events = french_events()
    assert events.filter(start__gte=timezone.now()).count() >= 25
    assert events.filter(end__lt=timezone.now(), frequency=EventPage.Frequency.NONE).exists()  # the archive
    for event in events.filter(frequency=EventPage.Frequency.WEEKLY):
        assert local(event.start).strftime("%a")[:2].upper() in event.weekdays
    for event in events.filter(frequency=EventPage.Frequency.MONTHLY):
        assert local(event.start).date() >= today  # this month's, or next month's when gone
    for event in events.filter(all_day=True):
        assert local(event.start).time() == dt.time(0)


def check_occurrences_are_materialised():
    now = timezone.now()
    upcoming = Occurrence.objects.filter(start__gte=now)
    assert upcoming.filter(event__locale__language_code="fr").count() >= 60
    assert (
        upcoming.filter(event__locale__language_code="en").count()
        == upcoming.filter(event__locale__language_code="fr").count()
    )
    for event in french_events().filter(live=True):
        assert event.occurrences.exists(), event.title
    series = french_events().get(slug="ateliers-numeriques-a-gommegnies")
    dates = [local(item.start).date() for item in series.occurrences.all()]
    assert len(dates) == 10  # 11 sessions, one left out
    assert series.excluded_date_list()[0] not in dates
    cancelled = series.occurrences.get(cancelled=True)
    assert local(cancelled.start).date() == series.cancelled_date_list()[0]
    assert Occurrence.objects.filter(event__status=EventPage.Status.CANCELLED, cancelled=False).count() == 0


def check_every_event_page_answers_in_both_languages(client):
    pages = [EventIndexPage.objects.get(locale__language_code="fr")]
    pages += [page.get_translation(Locale.objects.get(language_code="en")) for page in list(pages)]
    pages += list(EventPage.objects.live())
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert f'<html lang="{page.locale.language_code}"' in response.content.decode(), page.url


def test_the_demo_agenda(client, loaded):
    """One load of the demo (it takes a while), checked from every side."""
    check_about_forty_events_in_french_and_as_many_english_translations(loaded)
    check_the_mix_of_events_asked_for()
    check_no_invented_contacts()
    check_dates_are_relative_to_today_and_snapped_to_their_weekdays()
    check_occurrences_are_materialised()
    check_every_event_page_answers_in_both_languages(client)


def test_a_second_run_the_same_day_changes_nothing_and_a_later_one_moves_the_dates(loaded):
    revisions = Revision.objects.count()
    occurrences = list(Occurrence.objects.values_list("pk", flat=True))
    second = run_loader()
    assert "Event categories: 10 in French and English (0 changed)" in second
    assert "Agenda page: unchanged in French and English" in second
    assert "(0 published, 0 translations published)" in second
    assert Revision.objects.count() == revisions
    assert list(Occurrence.objects.values_list("pk", flat=True)) == occurrences

    # A week later, the relative dates move (and subscribers' calendars hear about it).
    loader = DemoLoader(stdout=io.StringIO())
    loader.french, loader.english = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="en")
    loader.home = HomePage.objects.get(locale=loader.french, slug="pays-de-mormal")
    event = french_events().get(slug="numerique-ethique-tour")
    before, sequence = event.start, event.sequence
    load(loader, today=timezone.localdate() + dt.timedelta(days=7))
    event.refresh_from_db()
    assert event.start == before + dt.timedelta(days=7)
    assert event.sequence > sequence
    assert event.get_translation(Locale.objects.get(language_code="en")).start == event.start


def test_relative_date_rules():
    tuesday = dt.date(2026, 3, 24)  # a Tuesday
    assert first_date({"days": -3}, tuesday) == dt.date(2026, 3, 21)
    assert first_date({"weekday": "TU", "weeks": 0}, tuesday) == tuesday
    assert first_date({"weekday": "MO", "weeks": 1}, tuesday) == dt.date(2026, 4, 6)
    assert first_date({"nth_weekday": [1, "SA"], "months": 0}, tuesday) == dt.date(2026, 4, 4)  # March's is gone
    assert first_date({"nth_weekday": [4, "SA"], "months": 0}, tuesday) == dt.date(2026, 3, 28)
    assert first_date({"annual": {"month": 9, "nth_weekday": [3, "SA"]}}, tuesday) == dt.date(2026, 9, 19)
    assert first_date({"annual": {"month": 3, "nth_weekday": [1, "SU"]}}, tuesday) == dt.date(2027, 3, 7)
    assert nth_weekday(2026, 3, -1, "SU") == dt.date(2026, 3, 29)
    # Across the spring change of clocks, a 14:00 start stays 14:00 in Paris.
    values = schedule("x", {"weekday": "SU", "weeks": 0, "time": "14:00", "minutes": 90}, dt.date(2026, 3, 29))
    assert values["start"].astimezone(PARIS).time() == dt.time(14)
    assert values["start"].utcoffset() == dt.timedelta(0)
    assert values["end"] - values["start"] == dt.timedelta(minutes=90)
    all_day = schedule("y", {"days": 0, "all_day": True, "length_days": 3}, dt.date(2026, 10, 23))
    assert all_day["end"].astimezone(PARIS).date() == dt.date(2026, 10, 25)


def test_the_demo_moderation_queue(loaded):
    """The demo's two proposals wait in the workflow of the agenda, as if sent by the form."""
    from events.contributions.moderation import ASSOCIATIONS, MODERATORS, WORKFLOW_NAME
    from events.models import Submission

    agenda = EventIndexPage.objects.get(locale__language_code="fr")
    assert agenda.get_workflow().name == WORKFLOW_NAME
    waiting = Submission.objects.filter(state=Submission.State.PENDING)
    assert waiting.count() == 2
    for submission in waiting:
        assert not submission.event.live and submission.event.workflow_in_progress
        assert submission.contact_email.endswith("@example.org")
    assert {group.name for group in Group.objects.all()} >= {MODERATORS, ASSOCIATIONS}
