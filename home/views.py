import hashlib

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_safe


@require_safe
def root_redirect(request):
    """Send "/" to the visitor's language, French when the browser asks for neither."""
    language = translation.get_language_from_request(request)
    response = redirect(f"/{language}/")
    patch_vary_headers(response, ["Accept-Language"])
    return response


def page_not_found(request, exception=None):
    # No hreflang alternates: an address that does not exist has no other-language version (and
    # the language switcher leads to the other language's home page, `not_found`).
    return render(request, "404.html", {"alternates_for_view": False, "not_found": True}, status=404)


def server_error(request):
    # No context processors here: whatever broke the page must not break the error page.
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_safe
def robots_txt(request):
    """Crawlers may read everything public, the feeds included; not the admin, nor the search
    results (endless combinations of words)."""
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Allow: /feeds/",
        "Disallow: /admin/",
        "Disallow: /fr/search/",
        "Disallow: /en/search/",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# What the service worker keeps ready from its installation: the stylesheets and scripts every
# page uses (the map's own files are kept the first time a map is shown).
OFFLINE_MESSAGE = gettext_noop("You are offline, and this page was not opened on this device before.")
OFFLINE_PRECACHE = ("css/hub.css", "css/print.css", "js/copy.js", "js/menu.js", "js/listing.js", "js/offline.js")


@require_safe
def service_worker(request):
    """The service worker (templates/home/service_worker.js), at the root of the site so that it
    may serve every page. Its version follows the static files' addresses, which change with
    their content in production (hashed names), so a new release replaces what it kept."""
    precache = [static(path) for path in OFFLINE_PRECACHE]
    version = hashlib.sha256(" ".join(precache).encode()).hexdigest()[:12]
    # One worker for the whole site: its message is in both languages.
    texts = []
    for code in ("fr", "en"):
        with translation.override(code):
            texts.append(translation.gettext(OFFLINE_MESSAGE))
    response = render(
        request,
        "home/service_worker.js",
        {
            "version": version,
            "precache": precache,
            "static_prefix": settings.STATIC_URL,
            "max_pages": 50,
            "offline_text": " / ".join(texts),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    # Browsers check for a new worker at every visit; this answer must never be kept stale.
    response["Cache-Control"] = "no-cache"
    return response
