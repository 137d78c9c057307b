"""News indexes and items for tests."""

from django.utils import timezone

from news.models import NewsIndexPage, NewsPage
from tests.builders import publish, translate


def news_index(tree, english=True):
    index = NewsIndexPage(title="Actualités", slug="actualites", locale=tree.home.locale)
    tree.home.add_child(instance=index)
    publish(index)
    index_en = translate(index, tree.home_en.locale, title="News", slug="news") if english else None
    return index, index_en


def add_news(index, title, date=None, tags=(), **values):
    item = NewsPage(
        title=title,
        slug=values.pop("slug", None) or title.lower().replace(" ", "-"),
        locale=index.locale,
        date=date or timezone.localdate(),
        introduction=values.pop("introduction", f"{title}, en bref."),
        **values,
    )
    index.add_child(instance=item)
    if tags:
        item.tags.set(tags)
    return publish(item)
