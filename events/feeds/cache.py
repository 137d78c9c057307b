"""Caching of the rendered feeds, invalidated in O(1) by bumping a version number.

Every cached body is keyed by the current *version*; invalidating the feeds is a single
``incr`` of that number (the old bodies are never looked up again and expire on their own).
The version also feeds the ETag, so a client's ``If-None-Match`` stops matching the moment an
event is published or unpublished (FEED-03), without a database query on the 304 path.

The version must live in a cache shared by every worker process: Redis in production
(``REDIS_URL``). With the local-memory fallback each process has its own version, so bodies are
also given a short timeout (``BODY_TIMEOUT``) to bound how long another worker may serve an
outdated feed in that degraded setup.
"""

import datetime as dt
import hashlib
import time

from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "hub:feeds:version"
CHANGED_KEY = "hub:feeds:changed"
# Bump when the rendered output changes shape, so a shared cache never serves the bodies of
# the previous release after a deploy.
RENDER_VERSION = 1
BODY_TIMEOUT = 60 * 60
# An event's VEVENT text is keyed on everything it is made of (see ical.render_from_fragments),
# so it never needs purging. Only the keys of events given by dates without a rule hold the day
# (ical.moves_with_the_day): the others are still of use after midnight, for a week.
FRAGMENT_TIMEOUT = 7 * 24 * 60 * 60


def _initial_version():
    # Not 1: if the version key is ever evicted while bodies survive, a fresh counter must not
    # collide with the numbers those bodies were stored under.
    return time.time_ns()


def version():
    """The current feed version; created on first use (and after a cache flush)."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, _initial_version(), timeout=None)
        cache.add(CHANGED_KEY, timezone.now(), timeout=None)
        current = cache.get(VERSION_KEY)
    return current


def changed_at():
    """When the feeds were last invalidated (for Last-Modified)."""
    version()
    return cache.get(CHANGED_KEY) or timezone.now()


def invalidate():
    """Make every cached feed body and every ETag obsolete at once."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key is missing: start a new, unused sequence
        cache.set(VERSION_KEY, _initial_version(), timeout=None)
    # Whole seconds: Last-Modified has a one-second resolution, and a later If-Modified-Since
    # must compare correctly with it.
    cache.set(CHANGED_KEY, timezone.now().replace(microsecond=0) + dt.timedelta(seconds=1), timeout=None)


def fingerprint(*parts):
    """A short, stable digest of the parts of a cache key or an ETag."""
    text = "\x1f".join(str(part) for part in (RENDER_VERSION, *parts))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def body_key(*parts):
    return f"hub:feeds:body:{version()}:{fingerprint(*parts)}"


def get_or_render(parts, render):
    """The cached body for ``parts`` (under the current version), rendered when missing."""
    key = body_key(*parts)
    body = cache.get(key)
    if body is None:
        body = render()
        cache.set(key, body, timeout=BODY_TIMEOUT)
    return body


def fragment_key(*parts):
    """The key of one event's serialised VEVENT(s): not under the version, which every publish
    bumps, but a digest of what they are made of, so an edit only renews the edited event's."""
    return f"hub:feeds:vevent:{fingerprint(*parts)}"


def get_fragments(keys):
    return cache.get_many(keys)


def set_fragments(fragments):
    cache.set_many(fragments, timeout=FRAGMENT_TIMEOUT)
