"""The demo's public bytes are those recorded in ``tests/snapshots/`` (see tests/byte_snapshot.py).

A change meant to alter no output (a restructuring) must leave this green. A change meant to
alter output re-records the snapshot on purpose::

    HUB_RECORD_SNAPSHOT=1 make test PYTEST_ARGS=tests/test_byte_snapshot.py
    # and on PostgreSQL, with DATABASE_URL set

``HUB_SNAPSHOT_BODIES=<folder>`` also writes every response there, to ``diff -r`` two runs.
"""

import datetime as dt
import io
import json
import os
import shutil

import pytest
import time_machine

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from wagtail.models import Site

from tests import byte_snapshot
from tests.builders import ensure_root


@pytest.mark.django_db(transaction=True)
def test_the_demo_serves_the_recorded_bytes(client, settings, search_index):
    settings.ALLOWED_HOSTS = ["*"]
    # Empty tables and ids counted from 1, whatever ran before (pytest-django's reset_sequences
    # alone leaves the rows the migrations made).
    call_command("flush", interactive=False, verbosity=0)
    # And no uploaded file left by an earlier test of this process: the demo's illustrations
    # would be stored under a name with a random suffix (Django keeps the older file).
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    os.makedirs(settings.MEDIA_ROOT)
    cache.clear()
    with time_machine.travel(dt.datetime.fromisoformat(byte_snapshot.FROZEN_AT), tick=False):
        ensure_root()
        call_command("load_demo", "--all", stdout=io.StringIO())
        hosts = sorted(Site.objects.values_list("hostname", flat=True))
        records = byte_snapshot.crawl(client, hosts)
    cache.clear()
    assert len(records) > 500, len(records)
    if os.environ.get("HUB_SNAPSHOT_BODIES"):
        byte_snapshot.write_bodies(records, os.environ["HUB_SNAPSHOT_BODIES"])
    vendor = connection.vendor
    if os.environ.get("HUB_RECORD_SNAPSHOT"):
        byte_snapshot.save(vendor, records)
    expected = json.loads(byte_snapshot.snapshot_file(vendor).read_text())
    actual = byte_snapshot.digest(records)
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    changed = sorted(key for key in set(expected) & set(actual) if expected[key] != actual[key])
    lines = [f"changed {key}" for key in changed[:60]]
    lines += [f"missing {key}" for key in missing[:20]] + [f"new {key}" for key in extra[:20]]
    summary = f"{len(changed)} changed, {len(missing)} no longer served, {len(extra)} new:\n"
    assert not (missing or extra or changed), summary + "\n".join(lines)
