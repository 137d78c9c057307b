import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Occurrence
from home.models import Commune
from tests.builders import translate
from tests.event_builders import add_event, agenda, category, paris

pytestmark = pytest.mark.django_db


def soon(days, hour=14):
    day = timezone.now().astimezone(dt.UTC).date() + dt.timedelta(days=days)
    return paris(day.year, day.month, day.day, hour)


@pytest.fixture
def bavay(site):
    return Commune.objects.create(insee_code="59053", name="Bavay", slug="bavay", postcode="59570", site=site.site)


@pytest.fixture
def events(site, bavay):
    index = agenda(site)
    workshop = category("Atelier", "atelier", site.home.locale)
    add_event(
        index,
        "Repair café",
        soon(3),
        soon(3, 17),
        frequency="weekly",
        count=4,
        commune=bavay,
        is_free=True,
        categories=[workshop],
    )
    add_event(index, "Concert annulé", soon(5, 20), soon(5, 22), status="cancelled")
    add_event(index, "Fête de la Saint-Jean", soon(10), soon(12), all_day=True, audience="families")
    add_event(index, "Marché passé", soon(-20, 8), soon(-20, 12))
    return index


def test_publishing_an_event_materialises_its_occurrences(events):
    repair = Occurrence.objects.filter(event__title="Repair café")
    assert repair.count() == 4
    assert [o.start.astimezone(dt.UTC).date() for o in repair][1] == soon(10).date()


def test_unpublishing_removes_the_occurrences(events):
    concert = Occurrence.objects.get(event__title="Concert annulé").event
    concert.unpublish()
    assert not Occurrence.objects.filter(event=concert).exists()


def test_agenda_lists_upcoming_dates_by_day_with_status(client, events):
    html = client.get("/fr/agenda/").content.decode()
    assert "6 dates" in html  # 4 repair cafés, the cancelled concert, the 3-day fête
    assert html.index("Repair café") < html.index("Concert annulé") < html.index("Fête de la Saint-Jean")
    assert '<span class="badge status--abandoned">Annulé</span>' in html
    assert "Marché passé" not in html
    assert html.count('class="agenda-day"') == 5  # the fête starts the day of the second repair café


def test_past_events_are_in_the_archive(client, events):
    html = client.get("/fr/agenda/?past=1").content.decode()
    assert "Marché passé" in html and "Repair café" not in html


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("?commune=bavay", ["Repair café"], ["Concert annulé", "Fête"]),
        ("?category=atelier", ["Repair café"], ["Concert annulé"]),
        ("?free=1", ["Repair café"], ["Concert annulé"]),
        ("?audience=families", ["Fête de la Saint-Jean"], ["Repair café"]),
        ("?q=saint-jean", ["Fête de la Saint-Jean"], ["Repair café"]),
        ("?commune=bavay&audience=families", [], ["Repair café", "Fête"]),
    ],
)
def test_filters_alone_and_combined(client, events, query, present, absent):
    html = client.get("/fr/agenda/" + query).content.decode()
    for title in present:
        assert title in html
    for title in absent:
        assert title not in html.split('role="status"')[1]


def test_date_range_and_bad_dates(client, events):
    day = soon(10).date()
    html = client.get(f"/fr/agenda/?from={day.isoformat()}&to={day.isoformat()}").content.decode()
    assert "Fête de la Saint-Jean" in html and "Concert annulé" not in html.split('role="status"')[1]
    bad = client.get("/fr/agenda/?from=31/12/2026").content.decode()
    assert 'aria-invalid="true"' in bad and 'value="31/12/2026"' in bad


def test_agenda_query_count_is_the_same_with_50_and_500_events(client, site):
    index = agenda(site, english=False)
    counts = []
    for total in (50, 500):
        existing = index.get_children().count()
        for number in range(existing, total):
            add_event(index, f"Événement {number}", soon(1 + number % 60), slug=f"evenement-{number}")
        client.get("/fr/agenda/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/fr/agenda/?page=2").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_event_page_in_both_languages_with_calendar_links(client, events, site):
    event = Occurrence.objects.filter(event__title="Repair café").first().event
    english = translate(event, site.home_en.locale, title="Repair café (EN)", slug="repair-cafe", summary="Fix it.")
    french_html = client.get(event.url).content.decode()
    english_html = client.get(english.url).content.decode()
    assert f'href="/feeds/fr/events/{event.pk}.ics"' in french_html
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in french_html
    assert '<html lang="en"' in english_html and "Add to my calendar" in english_html
    assert english_html.count("<li><time") == 4
