"""Request a URL through Django's test client: server time and SQL queries."""

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext

WARM_UP = 3


@dataclass
class Measurement:
    case: str
    url: str
    n: int
    status: int
    median_ms: float
    p90_ms: float
    queries: int
    sql: list


def measure(client, name, url, n, repeat):
    """Warm up with three requests, count the queries of one request, then time ``repeat`` requests.

    The time is the wall time of ``client.get``: the whole request/response cycle in process,
    middleware and template rendering included, with no network or WSGI server. The cache is
    not cleared between requests, so the figures are those of a warm site.
    """
    statuses = {client.get(url).status_code for _ in range(WARM_UP)}  # any status other than 200 is reported
    with CaptureQueriesContext(connection) as queries:
        statuses.add(client.get(url).status_code)
    # Read now: the captured queries are a view on the connection's log, which the next request clears.
    sql = [query["sql"] for query in queries.captured_queries]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        statuses.add(client.get(url).status_code)
        times.append((time.perf_counter() - started) * 1000)
    return Measurement(
        case=name,
        url=url,
        n=n,
        status=next((status for status in statuses if status != 200), 200),
        median_ms=statistics.median(times),
        p90_ms=statistics.quantiles(times, n=10, method="inclusive")[-1],
        queries=len(sql),
        sql=sql,
    )
