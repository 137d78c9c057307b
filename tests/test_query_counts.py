"""Queries of the public pages: at most the issue's budget, the same with few or many events, the
page chrome read once and kept until content changes, and no write during a GET. Timings are
in ``bench/`` (``make bench``), never here."""

import datetime as dt

import pytest
from django_tasks import default_task_backend

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import TerritorySettings
from tests.builders import add_standard_page, publish
from tests.event_builders import add_event, agenda, category

pytestmark = pytest.mark.django_db

EVENT_PAGE_QUERIES = 12
AGENDA_QUERIES = 15
SEARCH_QUERIES = 10
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def hub(site):
    """A site with a menu, footer pages, an agenda and a category."""
    tree = site
    tree.section = add_standard_page(tree.home, "Vivre ici", "vivre-ici", show_in_menus=True)
    tree.legal = add_standard_page(tree.home, "Mentions légales", "mentions-legales")
    territory = TerritorySettings.for_site(tree.site)
    territory.legal_notice_page = tree.legal
    territory.save()
    tree.agenda = agenda(tree)
    tree.fair = category("Fête", "fete", tree.home.locale)
    tree.events = []
    return tree


def add_events(tree, count):
    """``count`` more events, one in ten repeating weekly, half of them in the category."""
    soon = timezone.now().replace(microsecond=0) + dt.timedelta(days=2)
    for number in range(len(tree.events), len(tree.events) + count):
        start = soon + dt.timedelta(days=number % 30, hours=number % 5)
        tree.events.append(
            add_event(
                tree.agenda,
                f"Fête numéro {number}",
                start,
                start + dt.timedelta(hours=2),
                categories=[tree.fair] if number % 2 == 0 else (),
                slug=f"fete-{number}",
                frequency="weekly" if number % 10 == 0 else "none",
                count=8 if number % 10 == 0 else None,
            )
        )


def queries(client, url):
    """The SQL of one request, the page chrome already cached by an earlier one."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_event_page_and_agenda_queries_stay_within_budget_whatever_the_number_of_events(client, hub):
    add_events(hub, 2)
    weekly = hub.events[0]
    small = {url: queries(client, url) for url in (weekly.url, "/fr/agenda/", "/fr/agenda/?category=fete")}
    add_events(hub, 20)
    large = {url: queries(client, url) for url in small}
    for url in small:
        assert len(large[url]) == len(small[url]), url
    assert len(large[weekly.url]) <= EVENT_PAGE_QUERIES
    assert len(large["/fr/agenda/"]) <= AGENDA_QUERIES
    assert len(large["/fr/agenda/?category=fete"]) <= AGENDA_QUERIES


def test_agenda_asks_for_distinct_rows_only_when_a_category_can_repeat_them(client, hub):
    add_events(hub, 3)
    assert not any("DISTINCT" in sql and "events_occurrence" in sql for sql in queries(client, "/fr/agenda/"))
    filtered = queries(client, "/fr/agenda/?category=fete")
    assert any("DISTINCT" in sql and "events_occurrence" in sql for sql in filtered)


def test_page_chrome_is_read_once_and_again_only_after_a_change(client, hub):
    add_events(hub, 1)
    cold = queries(client, "/fr/vivre-ici/")
    # Every include of the page (header, language switcher, footer) shares one reading: the
    # active locale is never asked for by language code again after Wagtail's routing did.
    by_code = [sql for sql in cold if "wagtailcore_locale" in sql and '"language_code" =' in sql]
    assert len(by_code) <= 1
    assert not [sql for sql in cold if "home_territorysettings" in sql]
    hub.section.title = "Habiter ici"
    publish(hub.section)
    assert ">Habiter ici</a>" in client.get(hub.events[0].url).content.decode()
    territory = TerritorySettings.for_site(hub.site)
    territory.legal_notice_page = None
    territory.save()
    assert "Mentions légales" not in client.get("/fr/").content.decode()
    hub.section.delete()
    assert "Habiter ici" not in client.get("/fr/").content.decode()


def test_no_public_page_writes_to_the_database(client, search_index, hub, settings):
    settings.TASKS = {
        **settings.TASKS,
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    }
    add_events(hub, 2)
    writes = []

    def refuse_writes(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            writes.append(sql)
        return execute(sql, params, many, context)

    urls = [
        "/fr/",
        "/en/",
        "/fr/vivre-ici/",
        "/fr/agenda/",
        "/fr/agenda/?category=fete",
        hub.events[0].url,
        "/fr/search/?q=fete",
        "/fr/search/?q=zzqxw",
        "/fr/search/suggest/?q=fet",
    ]
    with connection.execute_wrapper(refuse_writes):
        for url in urls:
            assert client.get(url).status_code == 200, url
    assert writes == []
    # The searches are counted by a task, handed over once each response was sent.
    recorded = [result.args[:2] for result in default_task_backend.results if result.task.name == "record_search"]
    assert recorded == [["fete", "fr"], ["zzqxw", "fr"]]
