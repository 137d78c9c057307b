"""``python -m bench.search``: site search over many pages, on a throw-away database.

Builds a site of ``--n`` live content pages (events, merchants, places, strategy actions and
standard pages, in French and some in English, see bench/search_site.py), fills the search index
in bulk, and measures the search URLs through Django's test client: median and p90 times and
query counts, first on a small site (``--small``), then on the large one, with the ratios.
Prints a table and writes JSON (bench/results/search.json); nothing is asserted.
"""

import argparse
import json
import statistics
import sys
import time
import traceback
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .database import add_output_arguments, check_sizes, run_on_throwaway_database

DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "search.json"
WARM_UP = 3
INDEX_CHUNK = 1000  # objects per add_bulk call, as manage.py update_index does


@dataclass(frozen=True)
class Case:
    """A URL to measure, and what the search backend is asked to count its matches (outside the
    view: ``words`` in ``language``, of events only with ``events``, as you type with
    ``autocomplete``)."""

    name: str
    url: str
    what: str
    words: str
    language: str = "fr"
    events: bool = False
    autocomplete: bool = False


# Only these URLs are relied on: the search page itself is free to change.
CASES = [
    Case("one-word", "/fr/search/?q=fete", "a common accented word (fête) typed without its accent", "fete"),
    Case("two-words", "/fr/search/?q=marche+bavay", "two words, both required (marché, Bavay)", "marche bavay"),
    Case("no-hit", "/fr/search/?q=zzxqwv", "a word found nowhere", "zzxqwv"),
    Case("english", "/en/search/?q=market", "a common word on the English site", "market", language="en"),
    Case(
        "type-filter",
        "/fr/search/?q=fete&type=events",
        "the one-word query restricted to events",
        "fete",
        events=True,
    ),
    Case(
        "suggest",
        "/fr/search/suggest/?q=fet",
        "suggestions as you type (when the endpoint exists)",
        "fet",
        autocomplete=True,
    ),
]
COLUMNS = (
    "case",
    "URL",
    "N",
    "status",
    "matches",
    "median ms",
    "p90 ms",
    "timed",
    "queries",
    "slowest query ms",
    "queries N/small",
    "median N/small",
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__)
    parser.add_argument("--n", type=int, default=20000, help="content pages in the large site (default: 20000)")
    parser.add_argument("--small", type=int, default=200, help="content pages in the small site (default: 200)")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per case (default: 30)")
    parser.add_argument(
        "--budget",
        type=float,
        default=60,
        help="seconds of timed requests per case and site, after which a slow case stops early (default: 60)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30,
        help="PostgreSQL only: seconds after which a query of a measured request is cancelled and the case "
        "reported as a timeout; 0 for no limit (default: 30)",
    )
    add_output_arguments(parser, DEFAULT_JSON)
    options = parser.parse_args(argv)
    check_sizes(parser, options, smallest=50)
    return options


def index_everything():
    """Empty the search index and fill it again with every indexed object, ``INDEX_CHUNK`` at a
    time per model, as ``manage.py update_index`` does; return the number of objects."""
    from django.db import transaction

    from wagtail.search.backends import get_search_backend
    from wagtail.search.index import get_indexed_models

    backend = get_search_backend()
    backend.reset_indexes()
    started, total = time.perf_counter(), 0
    for model in get_indexed_models():
        objects = model.get_indexed_objects().order_by("pk")
        count, last = 0, None
        while True:
            chunk = list((objects if last is None else objects.filter(pk__gt=last))[:INDEX_CHUNK])
            if not chunk:
                break
            with transaction.atomic():
                backend.add_bulk(model, chunk)
            count, last = count + len(chunk), chunk[-1].pk
            if count % 5000 == 0:
                print(
                    f"bench:   {model.__name__}: {count} indexed ({time.perf_counter() - started:.1f} s)",
                    file=sys.stderr,
                )
        if count:
            label = f"{model._meta.app_label}.{model.__name__}"
            print(f"bench:   {label}: {count} indexed ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
        total += count
    return total


def index_entries():
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry").objects.count()


def matches(site, case):
    """How many live pages of the case's language the search backend finds for its words,
    outside the view (not timed): what the view has to count, group or page through."""
    from wagtail.models import Page

    from events.models import EventPage

    home, locale = (site.home, site.french) if case.language == "fr" else (site.home_en, site.english)
    model = EventPage if case.events else Page
    pages = model.objects.live().public().descendant_of(home, inclusive=True).filter(locale=locale)
    try:
        return (pages.autocomplete if case.autocomplete else pages.search)(case.words).count()
    except Exception as error:  # noqa: BLE001 (a figure for the table, never a reason to stop)
        return "timeout" if "statement timeout" in str(error) else f"error ({type(error).__name__})"


class StatementTimeout(Exception):
    """A query of the request ran longer than ``--timeout`` (PostgreSQL's statement_timeout)."""


def request(client, url, capture=False):
    """One GET: its status, its time in milliseconds and, with ``capture``, its queries (SQL and
    milliseconds). Raises StatementTimeout, with the queries, when PostgreSQL cancels one."""
    from django.db import OperationalError, connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) if capture else nullcontext() as captured:
        started = time.perf_counter()
        try:
            status = client.get(url).status_code
        except OperationalError as error:
            if "statement timeout" not in str(error):
                raise
            timeout = StatementTimeout()
        else:
            timeout = None
        milliseconds = (time.perf_counter() - started) * 1000
    queries = [{"sql": query["sql"], "ms": float(query["time"]) * 1000} for query in captured or []]
    if timeout is not None:
        timeout.queries = queries
        raise timeout
    return status, milliseconds, queries


def measure_case(client, name, url, size, options):
    """Measure one case as the main bench does (bench.measure.measure): warm-up requests, one
    request whose queries are counted (and timed one by one), then ``--repeat`` timed requests.

    The first warm-up also probes the URL: a 404 is reported as "not available", an error in the
    view (500) with its traceback, and the case stops there, not the run. Slow cases stop early:
    warm-ups after a sixth of ``--budget`` seconds, timed requests after ``--budget`` seconds (at
    least five, or one when the first request alone took more than a fifth of the budget). On
    PostgreSQL, a query longer than ``--timeout`` seconds is cancelled and the case reported as a
    timeout, with the plan of that query. Returns the measurement as a dict."""
    from django.db import connection

    result = {"case": name, "url": url, "n": size, "status": None, "median_ms": None, "p90_ms": None}
    result.update(queries=None, timed=0, slowest_query_ms=None, slowest_query="", sql=[], note="")
    print(f"bench: N={size}: {name} {url}", file=sys.stderr)
    try:
        started = time.perf_counter()
        # Captured, so that a query cancelled for taking too long is known.
        result["status"], first_ms, _queries = request(client, url, capture=True)
        if result["status"] != 200:
            result["note"] = "not available" if result["status"] == 404 else f"HTTP {result['status']}"
            return result
        for _ in range(WARM_UP - 1):
            if time.perf_counter() - started > options.budget / 6:
                break
            request(client, url)
        result["status"], _ms, queries = request(client, url, capture=True)
        result.update(queries=len(queries), sql=queries)
        slowest = max(queries, key=lambda query: query["ms"], default=None)
        if slowest is not None:
            result.update(slowest_query_ms=round(slowest["ms"], 1), slowest_query=slowest["sql"])
            result["slowest_query_plan"] = explain(connection, slowest["sql"], analyze=True)
        at_least = 5 if first_ms * 5 <= options.budget * 1000 else 1
        times, started = [], time.perf_counter()
        while len(times) < options.repeat and (len(times) < at_least or time.perf_counter() - started < options.budget):
            status, milliseconds, _queries = request(client, url)
            times.append(milliseconds)
            if status != 200:
                result["status"] = status
        result.update(median_ms=statistics.median(times), p90_ms=percentile_90(times), timed=len(times))
        if len(times) < options.repeat:
            result["note"] = f"{len(times)} timed requests (time budget)"
    except StatementTimeout as timeout:
        last = timeout.queries[-1] if timeout.queries else {"sql": "", "ms": None}
        result.update(status="timeout", note=f"a query ran longer than {options.timeout:g} s: cancelled")
        result.update(sql=timeout.queries, slowest_query=last["sql"])
        result["slowest_query_plan"] = explain(connection, last["sql"], analyze=False)
    except Exception:  # noqa: BLE001 (reported with its traceback)
        result.update(status=500, note="error in the view", traceback=traceback.format_exc())
    return result


def percentile_90(times):
    return statistics.quantiles(times, n=10, method="inclusive")[-1] if len(times) > 1 else times[0]


def explain(connection, sql, analyze):
    """PostgreSQL's plan of a query, as run with ``analyze`` (EXPLAIN ANALYZE), to see why it is
    slow; nothing on SQLite or for anything but a SELECT."""
    if connection.vendor != "postgresql" or not sql.lstrip().upper().startswith("SELECT"):
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {'(ANALYZE, BUFFERS) ' if analyze else ''}{sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def measure_site(site, client, size, options):
    from django.core.cache import cache
    from django.db import connection

    from .run import Stopwatch

    postgresql = connection.vendor == "postgresql"
    if postgresql:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute(f"SET statement_timeout = {max(0, int(options.timeout * 1000))}")
    cache.clear()
    results = []
    try:
        with Stopwatch(f"{len(CASES)} cases measured on N={size}"):
            for case in CASES:
                result = measure_case(client, case.name, case.url, size, options)
                result["matches"] = matches(site, case)
                results.append(result)
                if result.get("traceback"):
                    print(f"bench: {case.name} {case.url}: error in the view\n{result['traceback']}", file=sys.stderr)
                elif result["status"] == "timeout":
                    print(f"bench: {case.name} {case.url}: {result['note']}", file=sys.stderr)
    finally:
        if postgresql:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
    return results


def ratio(big, small):
    return round(big / small, 2) if big is not None and small else None


def compare(small, big):
    return [
        {
            "case": large["case"],
            "url": large["url"],
            "small": little,
            "n": large,
            "queries_ratio": ratio(large["queries"], little["queries"]),
            "median_ratio": ratio(large["median_ms"], little["median_ms"]),
        }
        for little, large in zip(small, big, strict=True)
    ]


def table(comparisons):
    """A plain-text table: each case on the small site, then on the large one with the ratios."""

    def cells(measured):
        status = str(measured["status"]) + ("/not available" if measured["status"] == 404 else "")
        return (
            measured["case"],
            measured["url"],
            str(measured["n"]),
            status,
            str(measured["matches"]),
            "" if measured["median_ms"] is None else f"{measured['median_ms']:.1f}",
            "" if measured["p90_ms"] is None else f"{measured['p90_ms']:.1f}",
            str(measured["timed"]),
            "" if measured["queries"] is None else str(measured["queries"]),
            "" if measured["slowest_query_ms"] is None else f"{measured['slowest_query_ms']:.1f}",
        )

    def formatted(value):
        return "n/a" if value is None else f"{value:.2f}"

    rows = [COLUMNS]
    for item in comparisons:
        rows.append((*cells(item["small"]), "", ""))
        rows.append((*cells(item["n"]), formatted(item["queries_ratio"]), formatted(item["median_ratio"])))
    widths = [max(len(row[index]) for row in rows) for index in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


# Checks that the tree is sound, in SQL so that they stay fast on large trees (treebeard's
# find_problems() makes a query per page): each counts the pages that are wrong.
TREE_CHECKS = {
    "depth not matching the path": "SELECT COUNT(*) FROM wagtailcore_page WHERE LENGTH(path) != depth * 4",
    "no parent, or a URL path or language not following the parent's": """
        SELECT COUNT(*) FROM wagtailcore_page c
        LEFT JOIN wagtailcore_page p ON p.path = SUBSTR(c.path, 1, LENGTH(c.path) - 4)
        WHERE c.depth > 1 AND (
            p.id IS NULL OR c.url_path != p.url_path || c.slug || '/'
            OR (c.depth > 2 AND c.locale_id != p.locale_id)
        )""",
    "child count wrong": """
        SELECT COUNT(*) FROM wagtailcore_page p
        LEFT JOIN (
            SELECT SUBSTR(path, 1, LENGTH(path) - 4) AS parent_path, COUNT(*) AS children
            FROM wagtailcore_page GROUP BY SUBSTR(path, 1, LENGTH(path) - 4)
        ) c ON c.parent_path = p.path
        WHERE p.numchild != COALESCE(c.children, 0)""",
    "slug taken by a sibling": """
        SELECT COUNT(*) FROM (
            SELECT SUBSTR(path, 1, LENGTH(path) - 4), slug FROM wagtailcore_page
            GROUP BY SUBSTR(path, 1, LENGTH(path) - 4), slug HAVING COUNT(*) > 1
        ) duplicates""",
}


def check_pages():
    """Checks that the bulk-inserted pages are real pages: a sound tree (TREE_CHECKS), and the
    first and last page of each kind and language answer 200 at their URL. Returns the problems
    found (an empty list when all is well)."""
    from django.db import connection
    from django.test import Client

    from .search_site import KINDS

    problems = []
    with connection.cursor() as cursor:
        for label, statement in TREE_CHECKS.items():
            cursor.execute(statement)
            wrong = cursor.fetchone()[0]
            if wrong:
                problems.append(f"tree: {label}: {wrong} pages")
    client = Client()
    for kind in KINDS:
        for language in ("fr", "en"):
            pages = kind.model.objects.filter(locale__language_code=language)
            for page in {pages.order_by("pk").first(), pages.order_by("-pk").first()} - {None}:
                try:
                    status = client.get(page.url).status_code
                except Exception as error:  # noqa: BLE001 (reported with its traceback)
                    print(f"bench: {page.url}: error in the view\n{traceback.format_exc()}", file=sys.stderr)
                    status = f"500, error in the view: {type(error).__name__}: {error}"
                if status != 200:
                    problems.append(f"{kind.name} ({language}) {page.url}: HTTP {status}")
    return problems


def grow_and_index(site, size):
    from .run import Stopwatch

    with Stopwatch(f"site of {size} content pages built") as build:
        site.grow(size)
    with Stopwatch(f"search index filled for N={size}") as index:
        objects = index_everything()
    return {"build_seconds": build.seconds, "index_seconds": index.seconds, "indexed_objects": objects}


def run(options):
    from django.core.management import call_command
    from django.test import Client

    from wagtail.models import Page

    from .report import machine
    from .run import Stopwatch
    from .search_site import SearchSite

    with Stopwatch("database migrated"):
        call_command("migrate", interactive=False, verbosity=0)
    with Stopwatch("home pages, indexes, strategy documents and communes built"):
        site = SearchSite()
    client = Client()
    builds, measurements = {}, {}
    for size in (options.small, options.n):
        builds[size] = grow_and_index(site, size)
        builds[size].update(
            content_pages=site.size,
            live_pages=Page.objects.live().count(),
            index_entries=index_entries(),
            pages=site.counts,
        )
        measurements[size] = measure_site(site, client, size, options)
    with Stopwatch("pages checked"):
        problems = check_pages()
    comparisons = compare(measurements[options.small], measurements[options.n])
    document = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "options": {
            "n": options.n,
            "small": options.small,
            "repeat": options.repeat,
            "budget": options.budget,
            "timeout": options.timeout,
        },
        "builds": {str(size): build for size, build in builds.items()},
        "page_problems": problems,
        "cases": [{**item, "what": case.what} for item, case in zip(comparisons, CASES, strict=True)],
    }
    options.json.parent.mkdir(parents=True, exist_ok=True)
    options.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"bench: results written to {options.json}", file=sys.stderr)
    print(table(comparisons))
    for size, build in builds.items():
        print(
            f"N={size}: {build['content_pages']} content pages ({build['live_pages']} live pages in all), "
            f"built in {build['build_seconds']:.1f} s; {build['indexed_objects']} objects indexed "
            f"in {build['index_seconds']:.1f} s ({build['index_entries']} index entries)"
        )
    for problem in problems:
        print(f"bench: page check: {problem}", file=sys.stderr)
    failures = [item for size in measurements for item in measurements[size] if item["status"] not in (200, 404)]
    for item in failures:
        print(f"bench: {item['case']} {item['url']} (N={item['n']}): HTTP {item['status']}", file=sys.stderr)
    return 1 if failures or problems else 0


def main(argv=None):
    options = parse_args(argv)
    return run_on_throwaway_database(options.database_url, lambda: run(options))


if __name__ == "__main__":
    raise SystemExit(main())
