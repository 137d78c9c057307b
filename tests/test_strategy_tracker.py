"""The strategy as a living plan (issue 18, items 1 and 2): dated status history of an action and
the lineage between the Pays de Mormal's 2018 plan and its 2023–2025 roadmap, on the pages and in
the exports."""

import csv
import io
import json

import pytest

from django.utils.html import escape

from wagtail.models import Locale

from home.models import ActionPage, StrategyIndexPage, StrategyPage
from home.strategy.demo import read_json
from home.strategy.tracker_demo import load_lineage, read_tracker
from tests.test_strategy import strategy_loader

pytestmark = pytest.mark.django_db

PLAN_2018 = "000-pays-de-mormal-sdus.json"
PLAN_2023 = "001-pays-de-mormal-feuille-de-route-2023.json"
# (2018 code, 2023 code) of three actions the 2023 roadmap reports on and carries on.
NAMED = [("2.1", "1.B.1"), ("3.1", "1.C.1"), ("3.7", "1.D.1")]


@pytest.fixture
def mormal(site):
    strategy = strategy_loader(site)
    plan_2018 = strategy.load_document(read_json(PLAN_2018))
    plan_2023 = strategy.load_document(read_json(PLAN_2023))
    load_lineage(read_tracker("pays-de-mormal"), StrategyIndexPage.objects.child_of(site.home).get(), print)
    return plan_2018, plan_2023


def action(document, code, language="fr"):
    page = ActionPage.objects.descendant_of(document).get(code=code)
    return page if language == "fr" else page.get_translation(Locale.objects.get(language_code=language))


def test_mormal_history_and_lineage_end_to_end(client, mormal):
    """One load of the two plans (slow), then every check on the pages."""
    plan_2018, plan_2023 = mormal
    check_status_follows_the_latest_entry(plan_2018)
    for earlier_code, later_code in NAMED:
        check_french_pages(client, action(plan_2018, earlier_code), action(plan_2023, later_code))
        check_english_pages(
            client, action(plan_2018, earlier_code, "en"), action(plan_2023, later_code, "en"), earlier_code, later_code
        )
    html = client.get(action(plan_2018, "3.1", "en").url).content.decode()
    assert 'Progress: 100% <progress max="100" value="100" aria-hidden="true">100%</progress>' in html
    assert "Avancement : 100 %" in client.get(action(plan_2018, "3.1").url).content.decode()
    check_exports(client, plan_2018, plan_2023)
    check_editing_the_history_moves_the_status(plan_2018)


def check_status_follows_the_latest_entry(plan_2018):
    tiers_lieux = action(plan_2018, "2.1")
    assert [entry.status for entry in tiers_lieux.timeline] == ["planned", "done"]
    assert tiers_lieux.status == "done" and tiers_lieux.progress == 100
    english = action(plan_2018, "2.1", "en")
    assert english.status == "done"
    assert [entry.translation_key for entry in english.timeline] == [e.translation_key for e in tiers_lieux.timeline]
    assert "Landrecies, Bavay and Le Quesnoy" in english.timeline[-1].comment
    # An action without entries keeps the status its plan gives it.
    assert action(plan_2018, "1.2").status == "planned"


def check_french_pages(client, earlier, later):
    html = client.get(earlier.url).content.decode()
    assert "Historique de l’avancement" in html
    assert '<ol class="timeline">' in html
    assert '<time datetime="2018">2018</time>' in html and '<time datetime="2023">2023</time>' in html
    assert f'Poursuivie en 2023–2025 par l’action <a href="{later.url}">{later.code} {escape(later.title)}</a>' in html
    later_html = client.get(later.url).content.decode()
    assert (
        f'Prolonge l’action 2019–2022 <a href="{earlier.url}">{earlier.code} {escape(earlier.title)}</a>' in later_html
    )


def check_english_pages(client, earlier, later, earlier_code, later_code):
    html = client.get(earlier.url).content.decode()
    assert "Status history" in html
    assert "review of achievements since November 2019" in html
    assert f'Continued in 2023–2025 as <a href="{later.url}">{later_code} {escape(later.title)}</a>' in html
    later_html = client.get(later.url).content.decode()
    assert (
        f'Follows up the 2019–2022 action <a href="{earlier.url}">{earlier_code} {escape(earlier.title)}</a>'
        in later_html
    )


def check_exports(client, plan_2018, plan_2023):
    english = Locale.objects.get(language_code="en")
    for document in (plan_2018, plan_2018.get_translation(english)):
        body = client.get(document.url + "export/csv/").content.decode("utf-8-sig")
        rows = {row["code"]: row for row in csv.DictReader(io.StringIO(body))}
        for earlier_code, later_code in NAMED:
            earlier, later = action(plan_2018, earlier_code), action(plan_2023, later_code)
            row = rows[earlier_code]
            assert row["status"] == earlier.status
            assert row["status_date"] == "2023"
            assert row["continued_in"] == f"{later.translation_key} ({later_code})"
            assert row["status_history"].count("\n") == 1  # two entries, one a line
    assert rows["3.1"]["progress"] == "100"
    data = json.loads(client.get(plan_2023.url + "export/json/").content)
    for earlier_code, later_code in NAMED:
        record = next(item for item in data["actions"] if item["code"] == later_code)
        assert record["follows_up"] == f"{action(plan_2018, earlier_code).translation_key} ({earlier_code})"


def check_editing_the_history_moves_the_status(plan_2018):
    page = action(plan_2018, "3.7")
    entries = page.timeline
    entries[-1].status = "abandoned"
    page.status_entries = entries
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.status == "abandoned"
    assert isinstance(page.get_parent().specific, (StrategyPage, ActionPage)) or page.depth > 3


def test_queries_of_an_action_page_do_not_grow_with_its_history_and_lineage(client, site):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.models import ActionLineage, StatusEntry
    from tests import strategy_data

    document = strategy_loader(site).load_document(strategy_data.document(actions_count=10, bilingual=True))
    actions = {page.code: page for page in ActionPage.objects.descendant_of(document)}

    def history(page, count):
        page.status_entries = [
            StatusEntry(date=datetime.date(2020 + index, 1, 1), status="in_progress", progress=10 * index)
            for index in range(count)
        ]
        page.save_revision().publish()

    def queries(page):
        client.get(page.url)  # warm the chrome cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    page = actions["1.2"]
    history(page, 1)
    ActionLineage.objects.create(earlier=page, later=actions["2.1"])
    few = queries(page)
    history(page, 6)
    for code in ("2.2", "2.3", "2.4", "2.5"):
        ActionLineage.objects.create(earlier=page, later=actions[code])
    html = client.get(page.url).content.decode()
    assert html.count('class="timeline__entry"') == 6 and html.count("Continued in") == 0
    assert html.count("Poursuivie en") == 5
    assert queries(page) == few
