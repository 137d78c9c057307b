"""Reports › Translations to review: a French text change lists the English page with the
field until the translator has translated it (home/translation_review.py)."""

import pytest

from django.urls import reverse

from wagtail.models import Locale

from events.models import EventPage
from home.demo.translation import publish_translation
from tests.builders import sign_in_editor
from tests.event_builders import add_event, agenda, paris

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/translations/"


@pytest.fixture
def concert(site, django_capture_on_commit_callbacks):
    index = agenda(site)
    event = add_event(index, "Concert du soir", paris(2030, 6, 12, 20), summary="Un concert en plein air.")
    english = Locale.objects.get(language_code="en")
    translated = EventPage(title="Evening concert", slug="evening-concert", summary="An open-air concert.")
    english_event, _ = publish_translation(event, english, translated)
    return event, english_event


def change_title(event, title, django_capture_on_commit_callbacks):
    page = event.get_latest_revision_as_object()
    page.title = title
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_a_french_text_change_is_listed_with_its_field_until_translated(
    client, concert, django_capture_on_commit_callbacks
):
    event, english_event = concert
    sign_in_editor(client, "en")
    assert "Evening concert" not in client.get(REPORT).content.decode()

    change_title(event, "Grand concert du soir", django_capture_on_commit_callbacks)
    html = client.get(REPORT).content.decode()
    assert "Evening concert" in html and "English" in html and "Title" in html
    assert reverse("wagtailadmin_pages:edit", args=[english_event.pk]) in html

    # The translator translates the new title (as in the translation editor) and publishes.
    event.refresh_from_db()
    translated = EventPage(title="Grand evening concert", slug="evening-concert", summary="An open-air concert.")
    publish_translation(event, english_event.locale, translated)
    html = client.get(REPORT).content.decode()
    assert "Grand evening concert" not in html and "Evening concert" not in html


def test_the_report_speaks_the_editors_language(client, concert, django_capture_on_commit_callbacks):
    event, _ = concert
    change_title(event, "Grand concert du soir", django_capture_on_commit_callbacks)
    sign_in_editor(client, "fr")
    html = client.get(REPORT).content.decode()
    assert "Traductions à revoir" in html and "Anglais" in html and "Titre" in html
    assert "Translations to review" not in html


def test_french_only_pages_are_never_listed(client, site, django_capture_on_commit_callbacks):
    index = agenda(site, english=False)
    event = add_event(index, "Marché de Noël", paris(2030, 12, 12, 10))
    change_title(event, "Grand marché de Noël", django_capture_on_commit_callbacks)
    sign_in_editor(client, "en")
    response = client.get(REPORT)
    assert response.status_code == 200
    assert "Noël" not in response.content.decode()


def test_the_report_is_in_the_reports_menu_and_closed_to_visitors(client, concert):
    assert client.get(REPORT).status_code == 302  # to the login page
    sign_in_editor(client, "en")
    assert "/admin/reports/translations/" in client.get("/admin/").content.decode()


def test_the_reports_query_count_does_not_grow_with_the_pages_listed(
    client, concert, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event, _ = concert
    english = Locale.objects.get(language_code="en")
    sign_in_editor(client, "en")
    counts = []
    for number in range(1, 7):
        page = add_event(event.get_parent().specific, f"Atelier {number}", paris(2030, 7, number, 10))
        translated = EventPage(title=f"Workshop {number}", slug=f"workshop-{number}", summary=page.summary)
        publish_translation(page, english, translated)
        change_title(page, f"Atelier numérique {number}", django_capture_on_commit_callbacks)
        if number in (1, 6):
            with CaptureQueriesContext(connection) as queries:
                html = client.get(REPORT).content.decode()
            counts.append(len(queries))
    assert html.count("Workshop ") == 6
    assert counts[0] == counts[1]
