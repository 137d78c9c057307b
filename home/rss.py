"""RSS 2.0 as the W3C validator wants it, for every feed of the site (the agenda's, the news)."""

from django.utils import feedgenerator


class SelfLinkedRss(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 whose atom:link rel="self" has its type: Django writes it without one, which the
    W3C validator asks for."""

    def add_root_elements(self, handler):
        feed_url, self.feed["feed_url"] = self.feed["feed_url"], None
        super().add_root_elements(handler)
        self.feed["feed_url"] = feed_url
        if feed_url:
            handler.addQuickElement("atom:link", None, {"href": feed_url, "rel": "self", "type": "application/rss+xml"})
