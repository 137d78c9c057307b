"""The results as a table on stdout and as JSON, with what is needed to compare two runs."""

import json
import os
import platform
from dataclasses import asdict
from datetime import UTC, datetime

import django
from django.db import connection

import wagtail

COLUMNS = ("case", "URL", "N", "median ms", "× bare", "p90 ms", "queries", "queries N/small", "median N/small")


def ratio(big, small):
    return round(big / small, 2) if small else None


def compare(small, big):
    """One entry per case: both measurements, the ratios of the large tree to the small one, and
    each median divided by the bare view's on the same tree (``bare_ratio``)."""
    bare = {measurements[0].n: _bare_median(measurements) for measurements in (small, big) if measurements}
    comparisons = []
    for little, large in zip(small, big, strict=True):
        entries = {"small": asdict(little), "n": asdict(large)}
        for entry in entries.values():
            entry["bare_ratio"] = ratio(entry["median_ms"], bare.get(entry["n"]))
        comparisons.append(
            {
                "case": large.case,
                "url": large.url,
                **entries,
                "queries_ratio": ratio(large.queries, little.queries),
                "median_ratio": ratio(large.median_ms, little.median_ms),
            }
        )
    return comparisons


def _bare_median(measurements):
    return next((item.median_ms for item in measurements if item.case == "bare"), None)


def table(comparisons):
    """A plain-text table: each case on the small tree, then on the large one with the ratios."""
    rows = [COLUMNS]
    for item in comparisons:
        rows.append((*_cells(item["small"]), "", ""))
        rows.append((*_cells(item["n"]), _format_ratio(item["queries_ratio"]), _format_ratio(item["median_ratio"])))
    widths = [max(len(row[index]) for row in rows) for index in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _cells(measurement):
    return (
        measurement["case"],
        measurement["url"],
        str(measurement["n"]),
        f"{measurement['median_ms']:.1f}",
        _format_ratio(measurement.get("bare_ratio")),
        f"{measurement['p90_ms']:.1f}",
        str(measurement["queries"]),
    )


def _format_ratio(value):
    # No ratio when the small tree's figure is zero.
    return "n/a" if value is None else f"{value:.2f}"


def machine():
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        database_version = cursor.fetchone()[0]
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        # Other work on the machine slows every request down: compare runs made at a low load.
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "database": connection.vendor,
        "database_version": database_version,
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
    }


def write_json(path, options, build_seconds, comparisons):
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "options": {"n": options.n, "small": options.small, "repeat": options.repeat},
        "build_seconds": build_seconds,
        "cases": comparisons,
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
