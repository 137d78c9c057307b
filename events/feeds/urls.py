"""Feed URLs, mounted at /feeds/ outside i18n_patterns: the language is in the path, and no
route ends with a slash, so nothing ever redirects a calendar client (FEED-02).

    /feeds/<lang>/events.ics                   the agenda, with its filters as parameters
    /feeds/<lang>/communes/<slug>.ics          aliases of ?commune=, ?category=, ?organiser=
    /feeds/<lang>/categories/<slug>.ics
    /feeds/<lang>/organisers/<slug>.ics
    /feeds/<lang>/events/<page id>.ics         one event ("add to my calendar", a download)

and the same paths ending in .rss for RSS 2.0.
"""

from django.urls import path, re_path

from . import views

app_name = "feeds"

urlpatterns = []
for fmt in ("ics", "rss"):
    urlpatterns += [
        path(f"<str:lang>/events.{fmt}", getattr(views, f"events_{fmt}"), name=f"events_{fmt}"),
        path(f"<str:lang>/communes/<slug:slug>.{fmt}", getattr(views, f"commune_{fmt}"), name=f"commune_{fmt}"),
        path(f"<str:lang>/categories/<slug:slug>.{fmt}", getattr(views, f"category_{fmt}"), name=f"category_{fmt}"),
        path(f"<str:lang>/organisers/<slug:slug>.{fmt}", getattr(views, f"organiser_{fmt}"), name=f"organiser_{fmt}"),
        path(f"<str:lang>/events/<int:slug>.{fmt}", getattr(views, f"event_{fmt}"), name=f"event_{fmt}"),
    ]
urlpatterns.append(re_path(r"", views.not_found))
