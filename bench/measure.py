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


def measure(client, name, url, n, repeat, before_each=None, headers=None):
    """Warm up with three requests, count the queries of one request, then time ``repeat`` requests.

    The time is the wall time of ``client.get``: the whole request/response cycle in process,
    middleware and template rendering included, with no network or WSGI server. The cache is
    not cleared between requests, so the figures are those of a warm site.
    """
    extra = headers(client, url) if headers else {}
    expected = 304 if "HTTP_IF_NONE_MATCH" in extra else 200

    def get():
        if before_each is not None:
            before_each()
        return client.get(url, **extra).status_code

    statuses = {get() for _ in range(WARM_UP)}  # any status other than the expected one is reported
    with CaptureQueriesContext(connection) as queries:
        statuses.add(get())
    # Read now: the captured queries are a view on the connection's log, which the next request clears.
    sql = [query["sql"] for query in queries.captured_queries]
    times = []
    for _ in range(repeat):
        if before_each is not None:
            before_each()  # outside the timed part: only the request is measured
        started = time.perf_counter()
        statuses.add(client.get(url, **extra).status_code)
        times.append((time.perf_counter() - started) * 1000)
    return Measurement(
        case=name,
        url=url,
        n=n,
        status=next((status for status in statuses if status != expected), 200),
        median_ms=statistics.median(times),
        p90_ms=statistics.quantiles(times, n=10, method="inclusive")[-1],
        queries=len(sql),
        sql=sql,
    )
