from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import PasswordResetView
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from home import routing
from home import views as home_views
from home.api import api_router
from home.opendata import views as open_data_views
from home.sitemap import TerritorySitemap
from home.throttle import throttled_post
from search import views as search_views

# Outside the language prefix: the admin, documents, feeds, the API and open data,
# which clients fetch without Accept-Language and which must never redirect.
urlpatterns = [
    # Before the admin's own route: its password reset form, throttled per address (SEC-04).
    path(
        "admin/password_reset/",
        throttled_post(PasswordResetView.as_view(), "password-reset", "HUB_PASSWORD_RESET_RATE_PER_HOUR"),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Before the agenda's feeds, which answer every other address under /feeds/ with a 404.
    path("feeds/", include("news.urls")),
    path("feeds/", include("events.feeds.urls")),
    path("api/v2/", api_router.urls),
    path("open-data/", include(open_data_views.urlpatterns)),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": {"pages": TerritorySitemap}}, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots"),
    path("sw.js", home_views.service_worker, name="service_worker"),
    path("", home_views.root_redirect, name="root"),
]

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    # Wagtail's own routes, its page-serving route first replaced by the same view with a route
    # found in two queries (home/routing.py), under the same name for reverse().
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
