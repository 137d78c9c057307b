"""A throw-away database for one benchmark run, created before Django starts and dropped after."""

import os
import secrets
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def add_output_arguments(parser, default_json):
    """The options every benchmark shares: where its JSON goes and which database server it uses."""
    parser.add_argument("--json", type=Path, default=default_json, help="where to write the results as JSON")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server (postgres://user@host:port/postgres) to create a throw-away database on; "
        "a temporary SQLite file otherwise",
    )


def check_sizes(parser, options, smallest):
    """Refuse a small tree too small for its case or not smaller than the large one, and too few repeats."""
    if not smallest <= options.small < options.n:
        parser.error(f"--small must be at least {smallest} and smaller than --n")
    if options.repeat < 2:
        parser.error("--repeat must be at least 2")


@contextmanager
def throwaway_database(server_url=None):
    """Yield the DATABASE_URL of a new, empty database, and remove that database on exit.

    Without ``server_url``, an SQLite file in a temporary directory. With a PostgreSQL URL, a
    database named ``hub_bench_<random>`` created on that server (through the database the URL
    names, usually ``postgres``); close Django's connections before leaving the block.
    """
    if server_url is None:
        directory = tempfile.mkdtemp(prefix="hub-bench-")
        try:
            yield f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
        finally:
            shutil.rmtree(directory, ignore_errors=True)
        return
    parts = urlsplit(server_url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"--database-url must be a PostgreSQL URL (postgres://…), not {server_url!r}.")
    name = f"hub_bench_{secrets.token_hex(4)}"
    _execute(server_url, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        _execute(server_url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _execute(server_url, statement):
    # CREATE and DROP DATABASE cannot run inside a transaction.
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(statement)


def run_on_throwaway_database(server_url, run):
    """Start Django on a throw-away database (see above), return ``run()``, then close Django's
    connections so the database can be dropped. ``run`` imports models itself: they can only be
    imported once Django is set up."""
    import django
    from django.db import connections

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
    with throwaway_database(server_url) as url:
        os.environ["DATABASE_URL"] = url  # read by the settings, hence before django.setup()
        django.setup()
        try:
            return run()
        finally:
            connections.close_all()
