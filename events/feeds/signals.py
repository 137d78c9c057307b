"""Invalidate the cached feeds whenever what they show may have changed.

``connect()`` connects the receivers; ``EventsConfig.ready()`` (events/apps.py) calls it, so
they are in place for every request, management command and test. They use ``dispatch_uid``,
so connecting twice never connects them twice.

Any page publish/unpublish/move/delete invalidates, not only events': the agenda page's slug
and the home pages are part of every event URL, and invalidating is one cache ``incr``.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from events.models import EventCategory, EventPage
from home.models import Commune, Organisation, TerritorySettings

from . import cache


def invalidate_feeds(**kwargs):
    cache.invalidate()
    # Once more after the commit: the occurrence table is rebuilt by another receiver of the
    # same signal, possibly after this one; a feed rendered in between would be cached under
    # the new version with the old occurrences. (Tests run inside a transaction that is never
    # committed, hence the immediate bump too.)
    transaction.on_commit(cache.invalidate)


def connect():
    """Connect the receivers that invalidate the feeds (from the app's ready())."""
    page_published.connect(invalidate_feeds, dispatch_uid="events.feeds.page_published")
    page_unpublished.connect(invalidate_feeds, dispatch_uid="events.feeds.page_unpublished")
    post_page_move.connect(invalidate_feeds, dispatch_uid="events.feeds.post_page_move")
    post_delete.connect(invalidate_feeds, sender=EventPage, dispatch_uid="events.feeds.event_deleted")
    for model in (EventCategory, Organisation, Commune, TerritorySettings, Site, PageViewRestriction):
        # Names of categories, organisers and communes, the territory's name and the sites' host
        # names are in the feeds; a view restriction makes events private (FEED-23).
        post_save.connect(invalidate_feeds, sender=model, dispatch_uid=f"events.feeds.saved.{model.__name__}")
        post_delete.connect(invalidate_feeds, sender=model, dispatch_uid=f"events.feeds.deleted.{model.__name__}")
