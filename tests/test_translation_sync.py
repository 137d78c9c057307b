"""Facts of a French page reach its English translation when the French page is published
(home/translation_sync.py), while the English texts stay as translated."""

import datetime as dt
from decimal import Decimal

import pytest

from wagtail.models import Locale

from events.models import EventPage
from home.demo.translation import publish_translation
from home.models import ActionPage, Organisation
from tests.builders import publish, translate
from tests.event_builders import add_event, agenda, paris
from tests.json_ld import own_json_ld
from tourism.models import PlaceIndexPage, PlaceKind, PlacePage

pytestmark = pytest.mark.django_db


def english():
    return Locale.objects.get(language_code="en")


def edit_and_publish(page, django_capture_on_commit_callbacks, **changes):
    """Change ``page`` as an editor does (a revision, then publish) and let the transaction
    commit, as the admin's publish request does."""
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


def hours(opens, closes, label):
    return [
        {
            "type": "period",
            "id": "0b8e2f7c-8c37-4d7c-9d3f-6a1e1b7a0001",
            "value": {
                "label": label,
                "starts": None,
                "ends": None,
                "every_year": False,
                "slots": [
                    {
                        "type": "item",
                        "id": "0b8e2f7c-8c37-4d7c-9d3f-6a1e1b7a0002",
                        "value": {"days": ["1", "2"], "opens": opens, "closes": closes},
                    }
                ],
            },
        }
    ]


@pytest.fixture
def concert(site):
    index = agenda(site)
    event = add_event(
        index,
        "Concert du soir",
        paris(2030, 6, 12, 20),
        paris(2030, 6, 12, 22),
        latitude=Decimal("50.2986"),
        longitude=Decimal("3.7911"),
        summary="Un concert en plein air.",
    )
    translated = EventPage(title="Evening concert", slug="evening-concert", summary="An open-air concert.")
    english_event, _ = publish_translation(event, english(), translated)
    return event, english_event


@pytest.fixture
def museum(site):
    index = PlaceIndexPage(title="Découvrir", slug="decouvrir", locale=site.home.locale)
    site.home.add_child(instance=index)
    publish(index)
    translate(index, english(), title="Discover", slug="discover")
    kind = PlaceKind.objects.create(name="Musée", slug="museum", schema_type="Museum", locale=site.home.locale)
    place = PlacePage(
        title="Musée du marbre",
        slug="musee-du-marbre",
        locale=site.home.locale,
        kind=kind,
        latitude=Decimal("50.2986"),
        longitude=Decimal("3.7911"),
        phone="03 27 00 00 00",
        introduction="Le marbre de Bellignies.",
        opening_hours=hours("10:00:00", "18:00:00", "Toute l'année"),
    )
    index.add_child(instance=place)
    publish(place)
    translated = PlacePage(
        title="Marble museum",
        slug="marble-museum",
        kind=kind,
        introduction="The marble of Bellignies.",
        opening_hours=hours("10:00:00", "18:00:00", "All year"),
    )
    english_place, _ = publish_translation(place, english(), translated)
    return place, english_place


@pytest.fixture
def action(site):
    from tests import strategy_data
    from tests.test_strategy import strategy_loader

    strategy_loader(site).load_document(strategy_data.document(bilingual=True))
    french = ActionPage.objects.get(code="1.1", locale=site.home.locale)
    return french, french.get_translation(english())


def test_event_facts_reach_the_english_page_and_its_title_stays(client, concert, django_capture_on_commit_callbacks):
    event, english_event = concert
    edit_and_publish(
        event,
        django_capture_on_commit_callbacks,
        start=paris(2030, 6, 19, 21),
        end=paris(2030, 6, 19, 23),
        status=EventPage.Status.CANCELLED,
        latitude=Decimal("50.2497"),
        longitude=Decimal("3.6383"),
    )
    response = client.get("/en/whats-on/evening-concert/")
    data = own_json_ld(response.content.decode())
    assert data["name"] == "Evening concert"
    assert data["description"] == "An open-air concert."
    assert data["startDate"] == "2030-06-19T21:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 50.2497, "longitude": 3.6383}
    assert 'lang="en"' in response.content.decode() and "Cancelled" in response.content.decode()


def test_place_hours_coordinates_and_phone_reach_english_with_the_english_label(
    client, museum, django_capture_on_commit_callbacks
):
    place, _ = museum
    edit_and_publish(
        place,
        django_capture_on_commit_callbacks,
        opening_hours=hours("09:30:00", "17:00:00", "Toute l'année"),
        latitude=Decimal("50.3001"),
        longitude=Decimal("3.8002"),
        phone="03 27 11 11 11",
    )
    html = client.get("/en/discover/marble-museum/").content.decode()
    data = own_json_ld(html)
    assert data["name"] == "Marble museum"
    assert data["telephone"] == "03 27 11 11 11"
    assert data["geo"]["latitude"] == 50.3001 and data["geo"]["longitude"] == 3.8002
    assert {(spec["opens"], spec["closes"]) for spec in data["openingHoursSpecification"]} == {("09:30:00", "17:00:00")}
    english_place = PlacePage.objects.get(locale=english(), translation_key=place.translation_key)
    assert english_place.opening_hours.raw_data[0]["value"]["label"] == "All year"
    assert "The marble of Bellignies." in html


def test_action_status_and_dates_reach_english(client, action, django_capture_on_commit_callbacks):
    french, english_action = action
    english_title = english_action.title
    edit_and_publish(
        french,
        django_capture_on_commit_callbacks,
        status="done",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2025, 6, 30),
    )
    english_action.refresh_from_db()
    assert (english_action.status, english_action.start_date, english_action.end_date) == (
        "done",
        dt.date(2024, 1, 1),
        dt.date(2025, 6, 30),
    )
    html = client.get(english_action.url).content.decode()
    assert english_title in html and 'status--done">Done<' in html


def test_a_french_text_change_leaves_the_english_text_and_still_syncs_facts(
    concert, django_capture_on_commit_callbacks
):
    event, english_event = concert
    edit_and_publish(event, django_capture_on_commit_callbacks, title="Grand concert du soir", status="postponed")
    english_event.refresh_from_db()
    assert english_event.title == "Evening concert"
    assert english_event.status == "postponed"


def test_text_inside_hours_not_yet_translated_keeps_english_hours_as_they_were(
    museum, django_capture_on_commit_callbacks
):
    place, english_place = museum
    edit_and_publish(
        place, django_capture_on_commit_callbacks, opening_hours=hours("09:00:00", "12:00:00", "Hors saison")
    )
    english_place.refresh_from_db()
    # No French words on the English page: the hours wait for the translation of their name.
    assert english_place.opening_hours.raw_data[0]["value"]["label"] == "All year"
    assert english_place.opening_hours.raw_data[0]["value"]["slots"][0]["value"]["opens"] == "10:00:00"


def test_nothing_is_published_again_when_no_fact_changed(concert, django_capture_on_commit_callbacks):
    event, english_event = concert
    revisions = english_event.revisions.count()
    edit_and_publish(event, django_capture_on_commit_callbacks, summary="Un concert en plein air, gratuit.")
    assert english_event.revisions.count() == revisions


def test_hours_unchanged_publish_nothing_again(museum, django_capture_on_commit_callbacks):
    place, english_place = museum
    revisions = english_place.revisions.count()
    edit_and_publish(place, django_capture_on_commit_callbacks, introduction="Le marbre de Bellignies, taillé.")
    assert english_place.revisions.count() == revisions


def test_sync_waits_for_the_commit(concert, django_capture_on_commit_callbacks):
    event, english_event = concert
    page = event.get_latest_revision_as_object()
    page.status = EventPage.Status.CANCELLED
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
        english_event.refresh_from_db()
        assert english_event.status == "scheduled"
    assert callbacks


def test_the_translators_draft_keeps_its_text_and_takes_the_facts(concert, django_capture_on_commit_callbacks):
    event, english_event = concert
    draft = english_event.get_latest_revision_as_object()
    draft.summary = "An open-air concert, free."
    draft.save_revision()
    edit_and_publish(event, django_capture_on_commit_callbacks, status=EventPage.Status.CANCELLED)
    english_event.refresh_from_db()
    assert english_event.status == "cancelled" and english_event.summary == "An open-air concert."
    latest = english_event.get_latest_revision_as_object()
    assert latest.summary == "An open-air concert, free." and latest.status == "cancelled"


def test_an_organisations_phone_reaches_its_english_version_and_its_description_stays(
    site, django_capture_on_commit_callbacks
):
    french = Organisation.objects.create(
        name="Les Amis du Bocage", slug="amis-du-bocage", kind="association", description="Une association."
    )
    translated = Organisation(name="Les Amis du Bocage", slug="amis-du-bocage", description="An association.")
    english_version, _ = publish_translation(french, english(), translated)
    french.phone = "03 27 22 22 22"
    french.description = "Une association du bocage."
    with django_capture_on_commit_callbacks(execute=True):
        french.save()
    english_version.refresh_from_db()
    assert english_version.phone == "03 27 22 22 22"
    assert english_version.description == "An association."
