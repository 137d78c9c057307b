"""When the open data last changed: a stamp that only moves forward.

The datasets' ``Last-Modified`` cannot be the newest row's update time: after that row is
deleted, unpublished or made private, the next newest is older, and a client holding the
previous copy would be told with a 304 that it is still current. So every change that can
add, alter or remove a row moves this stamp forward, and ``Last-Modified`` is never earlier
than it.

Last-Modified has a one-second resolution, so a change made in the second of a download would
not show in it: a version number that rises on every change goes into the datasets' ETag, which
clients send back first (If-None-Match wins over If-Modified-Since).

Both live in the cache shared by the workers (Redis in production, like the feeds' version).
When the stamp is missing (first use, eviction, flush) it starts at "now", which is later than
any stamp given before: it never goes back.
"""

import datetime as dt
import time

from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

KEY = "hub:open-data:changed"
VERSION_KEY = "hub:open-data:version"
# The apps whose models the datasets read (pages, communes, categories, kinds, organisations…).
CONTENT_APPS = ("home", "events", "tourism", "commerce")
# Tables derived from pages, rebuilt when a page is published (already a change): watching
# them would also cost Django its fast bulk delete.
DERIVED = {"events.occurrence"}


def _next_second():
    # Whole seconds, one ahead: Last-Modified has a one-second resolution, and a change made in
    # the same second as the previous answer must still compare as later.
    return timezone.now().replace(microsecond=0) + dt.timedelta(seconds=1)


def changed_at():
    """The last change of any dataset (created on first use)."""
    stamp = cache.get(KEY)
    if stamp is None:
        cache.add(KEY, _next_second(), timeout=None)
        stamp = cache.get(KEY)
    return stamp or _next_second()


def version():
    """A number that changes with every change (for ETags)."""
    current = cache.get(VERSION_KEY)
    if current is None:
        # Not 1: a counter restarted after an eviction must not repeat numbers given before.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        current = cache.get(VERSION_KEY)
    return current


def touch(**kwargs):
    """Record a change: a new version, and the stamp moved to the next second (never back)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # missing: start a new, unused sequence
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    current = cache.get(KEY)
    cache.set(KEY, max(current, _next_second()) if current else _next_second(), timeout=None)


def touch_unless_draft(sender, **kwargs):
    # Saving a page is a draft until it is published (page_published says so).
    if not issubclass(sender, Page):
        touch()


def watched_models():
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower not in DERIVED:
                yield model
    yield from (Page, PageViewRestriction, Site)


def connect():
    """Connect the receivers (from HomeConfig.ready())."""
    page_published.connect(touch, dispatch_uid="home.opendata.published")
    page_unpublished.connect(touch, dispatch_uid="home.opendata.unpublished")
    post_page_move.connect(touch, dispatch_uid="home.opendata.moved")
    for model in watched_models():
        name = model._meta.label_lower
        post_save.connect(touch_unless_draft, sender=model, dispatch_uid=f"home.opendata.saved.{name}")
        post_delete.connect(touch, sender=model, dispatch_uid=f"home.opendata.deleted.{name}")
