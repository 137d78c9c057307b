"""The sitemap of a territory: every live, public page in every language, each with its
``hreflang`` alternates (L10N-03).

Wagtail's sitemap lists the site's root page and its descendants, which is the French tree
only: the English pages live under the English home page, a sibling. This one walks every
language's tree and adds the alternates, read in one query per sitemap page.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


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
            for url_info in item.get_sitemap_urls(self.request):
                if alternates and url_info.get("location") == item.get_full_url(self.request):
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
            {"lang_code": language, "location": page.get_full_url(self.request)}
            for language, page in sorted(by_language.items())
        ]
        default = by_language.get(settings.LANGUAGE_CODE)
        if default is not None:
            alternates.append({"lang_code": "x-default", "location": default.get_full_url(self.request)})
        return alternates
