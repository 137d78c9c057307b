"""The demo, loaded once per test process and set of options, then copied back.

A load of the demo takes one to two minutes (pages, revisions, translations, images), and a
dozen modules read it, split over the test processes: loading it afresh for each was a third
of the suite's time. ``load_demo()`` runs the real command the first time a process asks for a
set of options, copies every table (and the media files it wrote) into memory, and the next
time empties the tables and copies the rows back, in under a second.

The copy is taken and given back inside the caller's transaction: a module that loads the demo
in a transaction it rolls back still gets it rolled back. The modules that test the command
itself (``test_demo``, ``test_byte_snapshot``) still run it.
"""

import io
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction

from tests.builders import ensure_root

# Tables SQLite's full-text index keeps for itself (its virtual table is copied instead).
FTS5_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")
_snapshots = {}


def load_demo(*options):
    """The demo loaded with these ``load_demo`` options; returns what the command printed."""
    # The search settings change what a load writes (the index, when pages are indexed as saved).
    key = (options, repr(settings.WAGTAILSEARCH_BACKENDS), connection.settings_dict["NAME"])
    snapshot = _snapshots.get(key)
    if snapshot is None:
        ensure_root()
        output = io.StringIO()
        call_command("load_demo", *options, stdout=output)
        snapshot = _snapshots[key] = Snapshot(output.getvalue())
    else:
        snapshot.restore()
    cache.clear()
    return snapshot.output


class Snapshot:
    """Every table's rows and every media file, as they are now."""

    def __init__(self, output):
        self.output = output
        self.copy = PostgresCopy() if connection.vendor == "postgresql" else SqliteCopy()
        media = Path(settings.MEDIA_ROOT)
        self.files = {path: path.read_bytes() for path in media.rglob("*") if path.is_file()}

    def restore(self):
        with transaction.atomic():
            self.copy.restore()
        for path, content in self.files.items():
            if not path.is_file() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)


def copied_tables():
    return [table for table in connection.introspection.table_names() if table != "django_migrations"]


class PostgresCopy:
    """The tables in PostgreSQL's own text format (COPY), and the sequences' values."""

    def __init__(self):
        quote = connection.ops.quote_name
        self.tables = {}
        with connection.cursor() as cursor:
            for table in copied_tables():
                with cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    self.tables[table] = b"".join(bytes(block) for block in copy)
            cursor.execute(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), last_value"
                " FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL"
            )
            self.sequences = cursor.fetchall()

    def restore(self):
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            # TRUNCATE refuses tables with foreign key checks still waiting for the commit (rows
            # the transaction wrote): run them now. Then defer them again, as Django declares
            # them, so the order the tables are copied in does not matter.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in self.tables))
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table, data in self.tables.items():
                if data:
                    with cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                        copy.write(data)
            # A flush may have set the sequences back to 1, under the ids copied back. Never
            # lower one, though: setval is not undone by a rollback, and the rows it gave out
            # before may come back with one.
            for sequence, value in self.sequences:
                cursor.execute(
                    "SELECT setval(%s::regclass, GREATEST(%s, COALESCE(pg_sequence_last_value(%s::regclass), 1)))",
                    [sequence, value, sequence],
                )


class SqliteCopy:
    """The rows of every table, ``sqlite_sequence`` (the last id of each table) included."""

    def __init__(self):
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            schema = cursor.fetchall()
            virtual = {name for name, sql in schema if sql.upper().startswith("CREATE VIRTUAL TABLE")}
            shadows = {f"{name}{suffix}" for name in virtual for suffix in FTS5_SHADOWS}
            self.tables = {}
            for table, _ in schema:
                internal = table.startswith("sqlite_") and table != "sqlite_sequence"
                if internal or table in shadows or table == "django_migrations":
                    continue
                # A full-text table has no key of its own: its rowid is the indexed entry's id.
                key = "rowid, " if table in virtual else ""
                cursor.execute(f"SELECT {key}* FROM {quote(table)}")  # noqa: S608 (names from the catalogue)
                self.tables[table] = ([column[0] for column in cursor.description], cursor.fetchall())

    def restore(self):
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, (columns, rows) in self.tables.items():
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 (names from the catalogue)
                if rows:
                    names = ", ".join(quote(column) for column in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    insert = f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"  # noqa: S608 (idem)
                    cursor.executemany(insert, rows)
