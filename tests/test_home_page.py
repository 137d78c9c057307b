"""The home page as a front door (issue 20, item 1): this week's events, featured places and
trails, the latest news, the roadmap's recent progress and the quick links, per site and
language, each section left out when it has nothing to show; the page cache purged when news
is published; its queries flat in the number of events and news."""

import datetime as dt

import pytest

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import ActionPage, StrategyIndexPage, StrategyPage
from tests.builders import add_standard_page, publish, translate
from tests.event_builders import add_event, agenda
from tests.news_builders import add_news, news_index
from tests.open_data_builders import add_place
from tourism.models import PlaceIndexPage, PlaceKind

SECTIONS = ("home-quick-links", "home-events", "home-news", "home-featured", "home-progress")


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def front(site):
    tree = site
    french, english = tree.home.locale, tree.home_en.locale
    now = timezone.now().replace(microsecond=0)
    tree.agenda = agenda(tree)
    soon = add_event(tree.agenda, "Repair Café", now + dt.timedelta(days=3), now + dt.timedelta(days=3, hours=2))
    translate(soon, english, title="Repair café", slug="repair-cafe", summary="Repair café, in short.")
    add_event(tree.agenda, "Fête lointaine", now + dt.timedelta(days=10), now + dt.timedelta(days=10, hours=2))
    tree.news, _ = news_index(tree)
    item = add_news(tree.news, "Travaux à Bavay")
    translate(item, english, title="Roadworks in Bavay", slug="roadworks-in-bavay", introduction="Alternating traffic.")
    places = PlaceIndexPage(title="Découvrir", slug="decouvrir", locale=french)
    tree.home.add_child(instance=places)
    publish(places)
    translate(places, english, title="Discover", slug="discover")
    kind = PlaceKind.objects.create(name="Musée", slug="musee", locale=french)
    museum = add_place(places, "Musée de Bavay", kind, featured=True)
    translate(museum, english, title="Bavay museum", slug="bavay-museum")
    add_place(places, "Lieu discret", kind)
    strategy = StrategyIndexPage(title="Stratégie", slug="strategie", locale=french)
    tree.home.add_child(instance=strategy)
    publish(strategy)
    document = StrategyPage(title="Feuille de route", slug="feuille", locale=french, kind="feuille_de_route")
    strategy.add_child(instance=document)
    publish(document)
    action = ActionPage(title="Ouvrir un tiers-lieu", slug="tiers-lieu", locale=french, code="1.1")
    document.add_child(instance=action)
    publish(action)
    tree.action = action
    return tree


def test_home_page_shows_every_section_in_french(client, front):
    html = html_of(client, "/fr/")
    for section in ("home-events", "home-news", "home-featured"):
        assert f'id="{section}"' in html, section
    assert "Repair Café" in html and "Fête lointaine" not in html  # the next seven days only
    assert 'href="/fr/agenda/"' in html
    assert "Travaux à Bavay" in html and 'href="/fr/actualites/"' in html
    assert "Musée de Bavay" in html and "Lieu discret" not in html
    # The action was published without a stated status: no progress to show yet.
    assert 'id="home-progress"' not in html


def test_home_page_shows_every_section_in_english(client, front):
    html = html_of(client, "/en/")
    assert "Repair café" in html and "Roadworks in Bavay" in html and "Bavay museum" in html
    assert "Repair Café" not in html and "Travaux à Bavay" not in html
    assert "This week" in html and 'href="/en/news/"' in html


def test_an_action_whose_status_changes_shows_as_recent_progress(client, front):
    action = ActionPage.objects.get(pk=front.action.pk)
    assert action.status_since is None
    action.status = "in_progress"
    publish(action)
    assert action.status_since == timezone.localdate()
    html = html_of(client, "/fr/")
    assert 'id="home-progress"' in html and "Ouvrir un tiers-lieu" in html
    assert 'href="/fr/strategie/"' in html
    action.status_since = timezone.localdate() - dt.timedelta(days=400)
    publish(action)  # same status: the date an editor corrected is kept
    assert ActionPage.objects.get(pk=action.pk).status_since == action.status_since
    assert 'id="home-progress"' not in html_of(client, "/fr/")


def test_an_empty_site_shows_no_empty_section(client, site):
    for url in ("/fr/", "/en/"):
        html = html_of(client, url)
        for section in SECTIONS:
            assert f'id="{section}"' not in html, (url, section)
        assert '<ul class="card-grid">\n                </ul>' not in html


def test_quick_links_are_edited_in_the_admin(client, site, django_user_model):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    contact = add_standard_page(site.home, "Nous contacter", "contact")
    admin = django_user_model.objects.create_superuser("officer", "officer@example.org", "secret")
    client.force_login(admin)
    data = nested_form_data(
        {
            "title": site.home.title,
            "slug": site.home.slug,
            "introduction": "Bienvenue.",
            "quick_links": streamfield(
                [
                    (
                        "quick_link",
                        {"text": "Nous écrire", "page": contact.pk, "external_url": "", "summary": "Trois accueils"},
                    ),
                    (
                        "quick_link",
                        {"text": "France Services", "page": "", "external_url": "https://www.france-services.gouv.fr/"},
                    ),
                ]
            ),
            "key_figures": streamfield([]),
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/{site.home.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    html = html_of(client, "/fr/")
    assert 'id="home-quick-links"' in html
    assert '<a class="quick-link__link" href="/fr/contact/">Nous écrire</a>' in html
    assert "Trois accueils" in html
    assert 'href="https://www.france-services.gouv.fr/">France Services</a>' in html


def test_a_quick_link_needs_a_page_or_an_address(client, site, django_user_model):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    admin = django_user_model.objects.create_superuser("officer", "officer@example.org", "secret")
    client.force_login(admin)
    data = nested_form_data(
        {
            "title": site.home.title,
            "slug": site.home.slug,
            "quick_links": streamfield([("quick_link", {"text": "Nulle part", "page": "", "external_url": ""})]),
            "key_figures": streamfield([]),
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/{site.home.pk}/edit/", data)
    assert response.status_code == 200  # the form again, with the error, nothing lost
    assert "Nulle part" in response.content.decode()


def home_queries(client):
    assert client.get("/fr/").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/fr/").status_code == 200
    return len(captured.captured_queries)


def test_home_page_queries_do_not_grow_with_events_and_news(client, front):
    now = timezone.now().replace(microsecond=0)

    def add(count, offset):
        for number in range(offset, offset + count):
            start = now + dt.timedelta(days=1 + number % 6, hours=number)
            add_event(front.agenda, f"Atelier {number}", start, start + dt.timedelta(hours=1), slug=f"atelier-{number}")
            add_news(front.news, f"Nouvelle {number}", slug=f"nouvelle-{number}")

    add(2, 0)
    few = home_queries(client)
    add(10, 2)
    assert home_queries(client) == few


@pytest.fixture
def page_cache(settings, front):
    settings.HUB_PAGE_CACHE = True
    caches["pages"].clear()
    yield front
    caches["pages"].clear()


def test_publishing_news_purges_the_cached_home_page(page_cache):
    first = Client().get("/fr/")
    assert "Travaux à Bavay" in first.content.decode()
    assert Client().get("/fr/").has_header("Age")  # served from the page cache
    add_news(page_cache.news, "France Services : nouveaux horaires", slug="france-services")
    fresh = Client().get("/fr/")
    assert not fresh.has_header("Age")
    assert "France Services : nouveaux horaires" in fresh.content.decode()
