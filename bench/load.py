"""``python -m bench.load`` (``make load``): the demo under load, through gunicorn, measured by wrk.

On a PostgreSQL database of its own (``hub_load`` by default, created and filled with the demo
the first time, kept for the next runs; ``--fresh`` starts again), with the production settings
(``DEBUG`` off, collected static files, Redis for the cache when ``--redis-url`` is given), it
starts gunicorn with ``--workers`` workers, then, for each of home, agenda, an event, a feed and
a search, runs Debian's ``wrk`` for ``--seconds`` seconds with ``--connections`` connections and
reports requests per second, the 99th percentile of latency and the errors (socket errors and
answers other than 2xx/3xx). Twice: page cache off (``PAGE_CACHE=false``), then on. wrk sends
no cookie, like a first visit or a crawler.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CASES = [
    ("home", "/fr/"),
    ("agenda", "/fr/agenda/"),
    ("event", None),  # the first French event of the demo, found once the demo is loaded
    ("feed", "/feeds/fr/events.ics"),
    ("search", "/fr/search/?q=fete"),
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="hub_load", help="database created on that server (default: hub_load)")
    parser.add_argument("--fresh", action="store_true", help="drop and load the demo again")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"))
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--only", choices=["off", "on"], help="measure with the page cache off or on only")
    return parser.parse_args(argv)


def database_url(options):
    parts = urlsplit(options.database_url)
    return urlunsplit(parts._replace(path=f"/{options.database}"))


def prepare_database(options, env):
    with psycopg.connect(options.database_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [options.database]).fetchone()
        if exists and options.fresh:
            connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(options.database)))
            exists = None
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(options.database)))
    manage(env, "migrate", "--noinput")
    loaded = manage(env, "shell", "-c", "from events.models import EventPage; print(EventPage.objects.live().count())")
    if int(loaded.strip().splitlines()[-1]) == 0:
        print("Loading the demo (a few minutes)…", file=sys.stderr)
        manage(env, "load_demo", "--all")
    manage(env, "collectstatic", "--noinput")


def manage(env, *args):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(options, env, port):
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "hub.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(options.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2)  # noqa: S310
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def wrk(options, url):
    result = subprocess.run(
        [
            "wrk",
            f"-t{options.threads}",
            f"-c{options.connections}",
            f"-d{options.seconds}s",
            "--timeout",
            "10s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return {"rate": rate, "p99_ms": p99_ms, "requests": total, "errors": errors}


def measure(options, env, cases, page_cache):
    env = {**env, "PAGE_CACHE": "true" if page_cache else "false"}
    port = free_port()
    process = start_gunicorn(options, env, port)
    rows = []
    try:
        for name, path in cases:
            url = f"http://127.0.0.1:{port}{path}"
            status = urllib.request.urlopen(url, timeout=30).status  # noqa: S310 (warm-up, and a check)
            if status != 200:
                raise SystemExit(f"{url} answered {status}")
            rows.append((name, path, "on" if page_cache else "off", wrk(options, url)))
            print(format_row(rows[-1]), file=sys.stderr)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return rows


def format_row(row):
    name, path, cache, result = row
    return (
        f"| {name} | `{path}` | {cache} | {result['rate']:.0f} | {result['p99_ms']:.1f} | "
        f"{result['requests']} | {result['errors']} |"
    )


def forget_cached_pages(redis_url):
    """Remove this script's own keys (prefix ``hub-load``) from Redis, and only those."""
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(match="hub-load*"):
        client.delete(key)


def main(argv=None):
    options = parse_args(argv)
    static_root = Path(tempfile.gettempdir()) / "hub-load-static"
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY="load-test-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url(options),
        REDIS_URL=options.redis_url,
        CACHE_KEY_PREFIX="hub-load",
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
    )
    prepare_database(options, env)
    event = manage(
        env,
        "shell",
        "-c",
        "from events.models import EventPage; from wagtail.models import Site;"
        "root = Site.objects.get(is_default_site=True).root_page;"
        "event = EventPage.objects.live().descendant_of(root).order_by('pk').first();"
        "print(event.get_url_parts()[2])",
    )
    cases = [(name, path or event.strip().splitlines()[-1]) for name, path in CASES]
    forget_cached_pages(options.redis_url)
    rows = []
    for page_cache in (False, True):
        if options.only and options.only != ("on" if page_cache else "off"):
            continue
        rows += measure(options, env, cases, page_cache)
    print(
        f"\n{options.workers} gunicorn workers, wrk -t{options.threads} -c{options.connections} "
        f"-d{options.seconds}s, {os.cpu_count()} CPUs\n"
    )
    print("| case | URL | page cache | requests/s | p99 ms | requests | errors |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(format_row(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
