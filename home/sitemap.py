"""The sitemap of a territory: every live, public page in every language, each with its
``hreflang`` alternates (L10N-03).

Wagtail's sitemap lists the site's root page and its descendants, which is the French tree
only: the English pages live under the English home page, a sibling. This one walks every
language's tree and adds the alternates, read in one query per sitemap page. Its addresses take
the request's scheme, host and port, not the Site record's (see ``home.public_urls``).
"""

from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.public_urls import absolute_page_url, absolute_url


class TerritorySitemap(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for home in homes:
            in_a_tree |= Q(path__startswith=home.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_a_tree, alias_of__isnull=True)  # an alias repeats another page's content
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        versions = defaultdict(dict)
        for version in (
            Page.objects.live()
            .public()
            .filter(translation_key__in={page.translation_key for page in pages}, alias_of__isnull=True)
            .select_related("locale")
        ):
            versions[version.translation_key][version.locale.language_code] = version
        urls, last_mods = [], set()
        for item in pages:
            alternates = self._alternates(versions[item.translation_key])
            own = absolute_page_url(item, self.request)
            for url_info in item.get_sitemap_urls(self.request):
                # Wagtail's get_sitemap_urls() spells the Site record's origin: keep the path only.
                url_info["location"] = self._from_request(url_info["location"])
                if alternates and url_info["location"] == own:
                    url_info["alternates"] = alternates
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _alternates(self, by_language):
        """Every language version, itself included, and x-default (French); none when the page
        exists in one language only."""
        if len(by_language) < 2:
            return []
        alternates = [
            {"lang_code": language, "location": absolute_page_url(page, self.request)}
            for language, page in sorted(by_language.items())
        ]
        default = by_language.get(settings.LANGUAGE_CODE)
        if default is not None:
            alternates.append({"lang_code": "x-default", "location": absolute_page_url(default, self.request)})
        return alternates

    def _from_request(self, location):
        parts = urlsplit(location)
        return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""), self.request)
