"""Purge the page cache (``home/page_cache.py``) whenever something public may have changed.

- pages: published, unpublished (Wagtail also sends it when a live page is deleted), moved,
  deleted; a proposal approved by a moderator is a page published. A draft saved changes
  nothing public, so page saves alone do not purge (a spam proposal cannot empty the cache);
- every other model of the project's apps (snippets, site settings, taxonomies), and the
  Wagtail models the public pages show (sites, locales, view restrictions, redirects, images,
  documents, tags, search promotions): saved or deleted. Models the public site writes while
  it serves a GET, and rows rebuilt from a page when it is published, are left out
  (``HUB_PAGE_CACHE_IGNORED_MODELS``).

``connect()`` runs from ``HomeConfig.ready()``; receivers use ``dispatch_uid``, so connecting
twice never connects them twice. Each model's signals are connected with it as the sender, so
that models without a receiver keep Django's fast bulk delete.

When ``WAGTAILFRONTENDCACHE`` names a CDN or a Varnish, ``wagtail.contrib.frontend_cache``
purges a page's own addresses when it is published or unpublished; this module adds its parent
(the listing that shows it) and the home pages of its site.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from modelcluster.fields import ParentalKey
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from home import page_cache

WAGTAIL_MODELS = (
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailredirects.Redirect",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "taggit.Tag",
    "wagtailsearchpromotions.SearchPromotion",
)
PROJECT_APPS = ("home", "events", "tourism", "commerce", "search", "news")


def purge(**kwargs):
    page_cache.purge()
    # Once more after the commit: a page rendered between the first purge and the commit (with
    # the old rows) would otherwise be stored under the new generation. Tests run inside a
    # transaction that is never committed, hence the purge at once too.
    transaction.on_commit(page_cache.purge)


def purge_frontend_cache(instance, **kwargs):
    """The listing that shows the page and the home pages of its site, in a configured CDN."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    parent = instance.get_parent()
    if parent is not None and parent.depth > 1:
        batch.add_page(parent)
    site = instance.get_site()
    if site is not None:
        batch.add_pages(site.root_page.get_translations(inclusive=True))
    batch.purge()


def follows_a_page(model):
    """Rows kept with a page (its tags, its inline items): saved when the page is published."""
    return any(isinstance(field, ParentalKey) and issubclass(field.related_model, Page) for field in model._meta.fields)


def purging_models():
    """The non-page models whose changes purge the cache."""
    ignored = {label.lower() for label in settings.HUB_PAGE_CACHE_IGNORED_MODELS}
    models = [model for label in PROJECT_APPS for model in apps.get_app_config(label).get_models()]
    models += [apps.get_model(label) for label in WAGTAIL_MODELS]
    return [
        model
        for model in models
        if not issubclass(model, Page) and model._meta.label_lower not in ignored and not follows_a_page(model)
    ]


def connect():
    page_published.connect(purge, dispatch_uid="home.page_cache.page_published")
    page_unpublished.connect(purge, dispatch_uid="home.page_cache.page_unpublished")
    post_page_move.connect(purge, dispatch_uid="home.page_cache.post_page_move")
    post_delete.connect(purge, sender=Page, dispatch_uid="home.page_cache.page_deleted")
    page_published.connect(purge_frontend_cache, dispatch_uid="home.page_cache.frontend_published")
    page_unpublished.connect(purge_frontend_cache, dispatch_uid="home.page_cache.frontend_unpublished")
    for model in purging_models():
        label = model._meta.label_lower
        post_save.connect(purge, sender=model, dispatch_uid=f"home.page_cache.saved.{label}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"home.page_cache.deleted.{label}")
