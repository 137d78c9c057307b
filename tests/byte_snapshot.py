"""The demo's public bytes, recorded once and compared after a change that must not alter them
(a restructuring): every page, feed, export, sitemap and API answer reachable from the four
territories' front doors, on a frozen clock and with database ids counted from 1.

What varies between two identical runs is normalised away, and only that: CSRF and form tokens
(random by design), and UUIDs (``translation_key`` is a fresh ``uuid4`` on every load), which
become ``uuid-1``, ``uuid-2``… in order of first appearance in each response, so a UUID that
moves still shows. The ``ETag`` header is a hash of the body and is left out for that reason.
"""

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

from tests.address_audit import addresses, own_path

# A Thursday in term time, before the autumn DST change: the agenda has weekday and weekend
# events ahead of it, recurring series and past ones.
FROZEN_AT = "2026-10-15T10:30:00+02:00"
SNAPSHOTS = Path(__file__).parent / "snapshots"
HEADERS = ("Content-Type", "Content-Language", "Cache-Control", "Last-Modified", "Location", "Vary")
# Enough for a filter per listing and a ?lang=, without walking every combination.
QUERIES_PER_PATH = 1
NOT_CRAWLED = ("/admin/", "/documents/", "/media/", "/static/")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TOKENS = re.compile(r'(name="(?:csrfmiddlewaretoken|token)"\s+value=")[^"]*(")')


def normalised(body):
    """``body`` (text) with its tokens blanked and its UUIDs numbered by first appearance."""
    body = TOKENS.sub(r"\1…\2", body)
    numbers = {}
    return UUID.sub(lambda match: f"uuid-{numbers.setdefault(match.group(), len(numbers) + 1)}", body)


def record(response):
    """What is compared of one response: status, chosen headers, normalised body."""
    headers = "".join(f"{name}: {response[name]}\n" for name in HEADERS if response.has_header(name))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return f"{response.status_code}\n{headers}\n{normalised(body.decode('utf-8', 'replace'))}"


def seeds(hosts):
    """Front doors of every territory, and the routes no page links to."""
    found = []
    for host in hosts:
        found += [(host, path) for path in ("/", "/fr/", "/en/", "/sitemap.xml", "/robots.txt", "/open-data/")]
        found += [
            (host, path)
            for path in (
                "/api/v2/pages/?limit=50",
                "/feeds/fr/events.ics",
                "/feeds/en/events.ics",
                "/feeds/fr/events.rss",
                "/feeds/en/events.rss",
                "/fr/search/?q=numérique",
                "/en/search/?q=market",
            )
        ]
    return found


def crawl(client, hosts, limit=3000):
    """``{"host path": record}`` for everything reachable from ``seeds(hosts)``."""
    records, queries = {}, Counter()
    queue = list(reversed(seeds(hosts)))
    while queue and len(records) < limit:
        host, path = queue.pop()
        key = f"{host}{path}"
        if key in records:
            continue
        # Each request a first visit, as a crawler makes it: the proposal form's CSRF cookie
        # would otherwise make every later answer one for a visitor with a cookie (private).
        client.cookies.clear()
        response = client.get(path, HTTP_HOST=host)
        records[key] = record(response)
        if response.status_code in (301, 302, 303, 307, 308):
            queue.append((host, own_path(response["Location"], host, path) or path))
            continue
        if response.status_code != 200 or response.streaming:
            continue
        _found, links = addresses(response.get("Content-Type", ""), response.content.decode("utf-8", "replace"))
        for link in reversed(links):
            target = own_path(link, host, path)
            if target is None or target.startswith(NOT_CRAWLED) or f"{host}{target}" in records:
                continue
            bare, _, query = target.partition("?")
            if query:
                if queries[(host, bare)] >= QUERIES_PER_PATH:
                    continue
                queries[(host, bare)] += 1
            queue.append((host, target))
    return records


def digest(records):
    return {key: hashlib.sha256(text.encode()).hexdigest() for key, text in sorted(records.items())}


def snapshot_file(vendor):
    return SNAPSHOTS / f"demo-{vendor}.json"


def write_bodies(records, folder):
    """Every record as a file, to diff two runs with ``diff -r``."""
    folder = Path(folder)
    for key, text in records.items():
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", key)[:200]
        (folder / name).write_text(text)


def save(vendor, records):
    snapshot_file(vendor).write_text(json.dumps(digest(records), indent=1, ensure_ascii=False) + "\n")
