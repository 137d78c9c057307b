"""The news open dataset: the published news items of the territory, newest first, with their
date, summary, commune (INSEE code) and tags."""

from django.utils.translation import gettext_lazy as _

from home.opendata.datasets import Dataset, commune_filter
from home.public_urls import absolute_page_url

from .models import NewsPage

COLUMNS = ("id", "title", "date", "summary", "commune_insee", "commune_name", "tags", "url", "last_update")


def news(scope, filters):
    queryset = scope.pages(NewsPage)
    if "commune" in filters:
        queryset = queryset.filter(commune=filters["commune"])
    return queryset.select_related("commune").prefetch_related("tags").order_by("-date", "title", "pk")


def rows(scope, items):
    return [
        {
            "id": str(item.translation_key),
            "title": item.title,
            "date": item.date,
            "summary": item.introduction,
            "commune_insee": item.commune.insee_code if item.commune else "",
            "commune_name": item.commune.name if item.commune else "",
            "tags": sorted(tag.name for tag in item.tags.all()),
            "url": absolute_page_url(item, scope.request),
            "last_update": item.last_published_at,
        }
        for item in items
    ]


def dataset():
    return Dataset(
        slug="news",
        title=_("News"),
        description=_(
            "The published news items: date, title, summary, commune concerned (INSEE code, empty "
            "for the whole territory) and tags."
        ),
        columns=COLUMNS,
        queryset=news,
        rows=rows,
        filters=(commune_filter(),),
        located=False,
        order=60,
    )
