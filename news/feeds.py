"""The news as RSS 2.0 and Atom, in one language: /feeds/<lang>/news.rss and .atom.

Built with Django's syndication framework. Every address comes from the request (scheme, host
and port as the reader asked for them), never from the Site record.
"""

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import feedgenerator, translation
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, Site

from home.models import TerritorySettings
from home.public_urls import absolute_page_url
from home.rss import SelfLinkedRss

from .models import NewsIndexPage

FEED_ITEMS = 30
PARIS = ZoneInfo("Europe/Paris")
LANGUAGES = {code for code, _name in settings.LANGUAGES}


@dataclasses.dataclass(frozen=True)
class NewsSource:
    """What one feed is made of: the request, the news index of its site in the feed's
    language and the territory's name."""

    request: object
    index: Page
    territory: str


def feed_urls(language, request):
    """The absolute addresses of the news feeds in ``language``, for the index page's links."""
    return {
        fmt: request.build_absolute_uri(reverse(f"news_feeds:{fmt}", kwargs={"lang": language}))
        for fmt in ("rss", "atom")
    }


def news_source(request, lang):
    site = Site.find_for_request(request)
    locale = Locale.objects.filter(language_code=lang).first()
    if site is None or locale is None:
        raise Http404
    home = site.root_page.get_translation_or_none(locale)
    index = None
    if home is not None and home.live:
        index = NewsIndexPage.objects.live().public().child_of(home).first()
    if index is None:
        raise Http404
    territory = TerritorySettings.for_site(site)
    return NewsSource(request, index, territory.short_name or territory.name or site.site_name)


class NewsRss(Feed):
    feed_type = SelfLinkedRss

    def get_object(self, request, lang):
        return news_source(request, lang)

    def title(self, source):
        return _("News – %(territory)s") % {"territory": source.territory}

    def link(self, source):
        return absolute_page_url(source.index, source.request)

    def feed_url(self, source):
        return source.request.build_absolute_uri(source.request.path)

    def description(self, source):
        return _("The latest news of %(territory)s.") % {"territory": source.territory}

    def author_name(self, source):
        return source.territory

    def feed_copyright(self, source):
        return source.territory

    def items(self, source):
        return list(source.index.specific.news().prefetch_related("tags")[:FEED_ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction or item.search_description

    def item_link(self, item):
        return absolute_page_url(item, self._request)

    def item_guid(self, item):
        # The same in every language and for the life of the item, whatever its address.
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return dt.datetime.combine(item.date, dt.time(0), tzinfo=PARIS)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return sorted(tag.name for tag in item.tags.all())

    def __call__(self, request, *args, **kwargs):
        self._request = request
        return super().__call__(request, *args, **kwargs)


class NewsAtom(NewsRss):
    feed_type = feedgenerator.Atom1Feed
    subtitle = NewsRss.description


def serve(feed_class):
    def view(request, lang):
        if lang not in LANGUAGES:
            raise Http404
        with translation.override(lang):
            return feed_class()(request, lang=lang)

    return view


news_rss = serve(NewsRss)
news_atom = serve(NewsAtom)
