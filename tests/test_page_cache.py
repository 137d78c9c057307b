"""The page cache (home/page_cache.py): anonymous visitors get stored answers before any view
runs, byte for byte what the view answers; nothing personal is ever stored or shared; a change
of anything public purges it."""

import datetime as dt
import io

import pytest
import time_machine

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from events.models import Submission
from home.models import Commune, TerritorySettings
from tests.builders import add_standard_page, publish
from tests.event_builders import agenda
from tests.test_contributions import approve_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, site):
    settings.HUB_PAGE_CACHE = True
    caches["pages"].clear()
    yield site
    caches["pages"].clear()


def anonymous(url, method="get", **extra):
    """A request from a visitor who has no cookie (a new Client each time)."""
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, **extra)
    response.query_count = len(queries)
    return response


def served_from_cache(response):
    return response.has_header("Age") and response.query_count == 0 and not response.templates


def headers(response):
    return {name: value for name, value in response.headers.items() if name != "Age"}


def test_a_second_anonymous_request_is_served_before_the_view_byte_for_byte(page_cache):
    page = add_standard_page(page_cache.home, "Le tiers-lieu", "tiers-lieu")
    first = anonymous(page.url)
    assert first.status_code == 200 and not served_from_cache(first)
    second = anonymous(page.url)
    assert served_from_cache(second)
    assert second.content == first.content and headers(second) == headers(first)
    assert first["Cache-Control"] == "public, max-age=60, s-maxage=300"
    assert not second.cookies


@pytest.mark.parametrize("url", ["/api/v2/pages/?type=home.HomePage", "/feeds/fr/events.ics", "/fr/nowhere/"])
def test_json_feeds_and_not_found_pages_are_stored_too(page_cache, url):
    agenda(page_cache, english=False)
    first = anonymous(url)
    second = anonymous(url)
    assert first.status_code in (200, 404)
    assert served_from_cache(second)
    assert (second.status_code, second.content, headers(second)) == (first.status_code, first.content, headers(first))


def test_head_is_served_from_what_a_get_stored_and_never_stored_itself(page_cache):
    url = page_cache.home.url
    head = anonymous(url, "head")
    assert head.status_code == 200 and not served_from_cache(head)
    assert not served_from_cache(anonymous(url))  # the HEAD stored nothing
    again = anonymous(url, "head")
    assert served_from_cache(again) and again.content == b""
    assert again["Content-Length"] == head["Content-Length"]


def test_publishing_and_unpublishing_purge(page_cache):
    page = add_standard_page(page_cache.home, "Le tiers-lieu", "tiers-lieu")
    anonymous(page.url)
    page.title = "La Fabrique du Quesnoy"
    publish(page)
    fresh = anonymous(page.url)
    assert not served_from_cache(fresh) and "La Fabrique du Quesnoy" in fresh.content.decode()
    assert served_from_cache(anonymous(page.url))
    page.unpublish()
    assert anonymous(page.url).status_code == 404


def test_moving_or_deleting_a_page_purges(page_cache):
    section = add_standard_page(page_cache.home, "Services", "services")
    page = add_standard_page(page_cache.home, "Le tiers-lieu", "tiers-lieu")
    assert anonymous(page.url).status_code == 200
    page.move(section, pos="last-child")
    moved = anonymous("/fr/tiers-lieu/")  # Wagtail keeps the old address as a redirect
    assert moved.status_code == 301 and moved["Location"] == "/fr/services/tiers-lieu/"
    assert anonymous("/fr/services/tiers-lieu/").status_code == 200
    page.refresh_from_db()
    page.delete()
    assert anonymous("/fr/services/tiers-lieu/").status_code == 404


def test_a_snippet_changed_purges(page_cache):
    url = page_cache.home.url
    anonymous(url)
    assert served_from_cache(anonymous(url))
    Commune.objects.create(insee_code="59053", name="Bavay", slug="bavay", postcode="59570", site=page_cache.site)
    assert not served_from_cache(anonymous(url))
    assert served_from_cache(anonymous(url))
    Commune.objects.get(slug="bavay").delete()
    assert not served_from_cache(anonymous(url))


def test_an_operator_can_purge_after_a_deploy(page_cache):
    url = page_cache.home.url
    anonymous(url)
    call_command("purge_page_cache", stdout=io.StringIO())
    assert not served_from_cache(anonymous(url))


def test_a_draft_saved_does_not_purge_and_a_setting_changed_does(page_cache):
    url = page_cache.home.url
    anonymous(url)
    page_cache.home.title = "Brouillon"
    page_cache.home.save_revision()
    assert served_from_cache(anonymous(url))
    territory = TerritorySettings.for_site(page_cache.site)
    territory.name = "Pays de Mormal et environs"
    territory.save()
    fresh = anonymous(url)
    assert not served_from_cache(fresh) and "Pays de Mormal et environs" in fresh.content.decode()


def test_an_approved_proposal_shows_at_once(page_cache, client, moderated, django_capture_on_commit_callbacks):
    title = "Atelier vélo participatif"
    with django_capture_on_commit_callbacks(execute=True):
        moderated.propose(client, title=title)
    event = Submission.objects.get().event.specific
    anonymous(moderated.agenda.url)
    listing = anonymous(moderated.agenda.url)
    assert served_from_cache(listing) and title not in listing.content.decode()
    staff = Client()
    staff.force_login(moderated.moderator())
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(approve_url(event))
    assert title in anonymous(moderated.agenda.url).content.decode()


def test_signed_in_editors_are_never_served_nor_stored(page_cache, django_user_model):
    url = page_cache.home.url
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "pw"))
    for _ in range(2):
        response = editor.get(url)
        assert response.status_code == 200 and not response.has_header("Age") and response.templates
        assert response["Cache-Control"] == "private, no-cache"
    assert not served_from_cache(anonymous(url))  # the editor's pages were not stored


def test_a_request_with_any_cookie_is_rendered_for_itself(page_cache):
    url = page_cache.home.url
    anonymous(url)
    visitor = Client()
    visitor.cookies["preferences"] = "x"
    response = visitor.get(url)
    assert not response.has_header("Age") and response.templates


def test_forms_are_never_stored_and_no_csrf_token_is_shared(page_cache):
    index = agenda(page_cache, english=False)
    url = index.url + index.reverse_subpage("propose")
    first, second = anonymous(url), anonymous(url)
    assert first.status_code == 200 and not served_from_cache(second)
    assert "csrftoken" in first.cookies and "csrftoken" in second.cookies
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert "private" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    assert "public" not in first["Cache-Control"]


def test_answers_vary_by_language_and_host(page_cache):
    french, english = anonymous("/fr/"), anonymous("/en/")
    assert french.content != english.content
    assert anonymous("/en/").content == english.content
    # Addresses without a language prefix answer in the visitor's Accept-Language.
    url = "/api/v2/pages/999999/"
    fr = anonymous(url, HTTP_ACCEPT_LANGUAGE="fr")
    en = anonymous(url, HTTP_ACCEPT_LANGUAGE="en")
    assert not served_from_cache(en) and fr["Content-Language"] == "fr" and en["Content-Language"] == "en"
    assert served_from_cache(anonymous(url, HTTP_ACCEPT_LANGUAGE="en;q=1, fr;q=0.5"))
    # Each host its own answer: pages hold addresses built from the request.
    here = anonymous("/fr/", HTTP_HOST="hub.example.org")
    there = anonymous("/fr/", HTTP_HOST="hub.example.net")
    assert not served_from_cache(there) and b"hub.example.net" in there.content
    assert b"hub.example.net" not in here.content


def test_the_paris_date_is_in_the_key(page_cache):
    url = page_cache.home.url
    with time_machine.travel(dt.datetime(2026, 6, 1, 23, 59, 0, tzinfo=dt.UTC) - dt.timedelta(hours=2), tick=False):
        first = anonymous(url)
        assert first["Cache-Control"] == "public, max-age=60, s-maxage=60"  # a minute to midnight
        assert served_from_cache(anonymous(url))
    with time_machine.travel(dt.datetime(2026, 6, 1, 22, 0, 30, tzinfo=dt.UTC), tick=False):
        assert not served_from_cache(anonymous(url))


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)


def test_a_configured_cdn_is_purged_on_publish(page_cache, settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.test_page_cache.RecordingBackend"}}
    page = add_standard_page(page_cache.home, "Le tiers-lieu", "tiers-lieu")
    RecordingBackend.purged.clear()
    publish(page)
    paths = {url.split("localhost", 1)[1] for url in RecordingBackend.purged}
    assert {"/fr/tiers-lieu/", "/fr/", "/en/"} <= paths
