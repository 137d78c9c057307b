"""One benchmark run on a database that is already configured: build, measure, report."""

import sys
import time

from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

from .cases import CASES
from .measure import measure
from .report import compare, table, write_json
from .tree import SyntheticTree


class Stopwatch:
    """Times a ``with`` block, prints how long it took to stderr and keeps it in ``seconds``."""

    def __init__(self, label):
        self.label = label
        self.seconds = None

    def __enter__(self):
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc_info):
        self.seconds = round(time.perf_counter() - self.started, 1)
        print(f"bench: {self.label} ({self.seconds:.1f} s)", file=sys.stderr)


def measure_tree(tree, client, size, repeat, cases=CASES):
    """Grow the tree to ``size``, run the cases' setup, and measure every case from an empty cache.

    On PostgreSQL, the tables are analysed first, as autovacuum would have done in production:
    otherwise it may do so in the middle of the measurements and change the query plans.
    Returns the measurements and the seconds the build took."""
    with Stopwatch(f"tree of {size} pages built") as build:
        tree.grow(size)
        for setup in dict.fromkeys(item.setup for item in cases if item.setup is not None):
            setup(tree)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    cache.clear()
    caches["pages"].clear()  # the tree grew without publishing: nothing purged the page cache
    with Stopwatch(f"{len(cases)} cases measured on N={size}"):
        measurements = []
        for item in cases:
            with override_settings(**(item.settings or {})):
                url = item.url(tree)
                measurements.append(measure(client, item.name, url, tree.size, repeat, item.before_each, item.headers))
    return measurements, build.seconds


def selected(names):
    """The cases named (comma-separated), the bare view first; every case without names."""
    if not names:
        return CASES
    wanted = {"bare", *(name.strip() for name in names.split(","))}
    unknown = wanted - {item.name for item in CASES}
    if unknown:
        raise SystemExit(f"bench: unknown case(s): {', '.join(sorted(unknown))}")
    return [item for item in CASES if item.name in wanted]


@override_settings(ROOT_URLCONF="bench.urls")  # the project's routes and the bare view
def run(options):
    """Measure every case on the small tree, then on the tree of N pages; return the exit status."""
    with Stopwatch("database migrated"):
        call_command("migrate", interactive=False, verbosity=0)
    with Stopwatch("home pages built"):
        tree = SyntheticTree()
    client = Client()
    cases = selected(options.cases)
    small, small_seconds = measure_tree(tree, client, options.small, options.repeat, cases)
    big, big_seconds = measure_tree(tree, client, options.n, options.repeat, cases)
    comparisons = compare(small, big)
    print(table(comparisons))
    write_json(options.json, options, {options.small: small_seconds, options.n: big_seconds}, comparisons)
    print(f"bench: results written to {options.json}", file=sys.stderr)
    failures = [item for item in small + big if item.status != 200]
    for item in failures:
        print(f"bench: {item.case} {item.url} (N={item.n}): HTTP {item.status}", file=sys.stderr)
    return 1 if failures else 0
