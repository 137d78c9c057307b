"""The news feeds, mounted at /feeds/ beside the agenda's, outside i18n_patterns (the language
is in the path; nothing redirects a feed reader)."""

from django.urls import path

from . import feeds

app_name = "news_feeds"

urlpatterns = [
    path("<str:lang>/news.rss", feeds.news_rss, name="rss"),
    path("<str:lang>/news.atom", feeds.news_atom, name="atom"),
]
