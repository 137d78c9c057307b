"""Django's LocaleMiddleware, minus one redirect.

Django answers a 404 outside ``i18n_patterns`` with a redirect to the same path under the
language prefix whenever some prefixed route could match it, and Wagtail's catch-all page route
matches almost any path ending in a slash: ``/api/v2/pages/999/`` would become a 302 to
``/fr/api/v2/pages/999/`` and an HTML page. Machine-read addresses must answer their own 404
and never redirect (L10N-01).
"""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.middleware import locale
from django.middleware.gzip import GZipMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from home import page_cache

UNPREFIXED = ("/api/", "/open-data/")
# The media types of the data answers (feeds, API, open data) that are compressed.
COMPRESSED_TYPES = frozenset(
    {
        "text/calendar",
        "application/rss+xml",
        "application/json",
        "application/geo+json",
        "application/ld+json",
        "text/csv",
    }
)


class LocaleMiddleware(locale.LocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy`` on HTML pages: the browser features the site never uses
    (``HUB_PERMISSIONS_POLICY``) are refused to it and to anything it frames, so an injected script
    or a compromised map tile server cannot ask for the camera or the visitor's position.
    Django's SecurityMiddleware has no setting for this header (5.2)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.HUB_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RefuseNullCharactersMiddleware:
    """Answers 400, in the visitor's language, to a query string holding a NUL character.

    No parameter of the site legitimately carries one, and PostgreSQL refuses it in any query
    ("A string literal cannot contain NUL"), so one ``%00`` in a filter, a search or an API
    parameter would otherwise reach a query and fail as a server error. Forms need no such help:
    Django's form fields refuse NUL with a message beside the field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            response = HttpResponseBadRequest(
                _("This address holds a null character, which no page of this site accepts.") + "\n",
                content_type="text/plain; charset=utf-8",
            )
            response["Content-Language"] = translation.get_language()
            return response
        return self.get_response(request)


class PageCacheMiddleware:
    """Serves public answers from the page cache before any view (or session, or database)
    is reached, and stores the answers it may serve again (``home/page_cache.py``).

    It sits after WhiteNoise (static files never reach it) and before the session, locale and
    CSRF middleware, so what it stores is the answer exactly as those left it, headers included,
    and a stored answer goes out through SecurityMiddleware as a fresh one does. It also sets
    ``Cache-Control`` on every public answer, with the page cache on or off: ``public`` with
    lifetimes for an anonymous visitor, ``private`` for anyone else, ``no-store`` for an answer
    that sets a cookie or holds a CSRF token.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or page_cache.excluded(request.path_info):
            return self.get_response(request)
        anonymous = page_cache.visitor_is_anonymous(request)
        now = page_cache.paris_now()
        key = None
        if anonymous and settings.HUB_PAGE_CACHE:
            key = page_cache.base_key(request, now)
            if key is not None and not page_cache.conditional(request):
                cached = page_cache.lookup(request, key)
                if cached is not None:
                    return cached
        response = self.get_response(request)
        if page_cache.sets_cookie_or_token(request, response):
            page_cache.mark_private(response)
        elif not anonymous:
            page_cache.mark_personal(response)
        elif page_cache.storable(response):
            page_cache.mark_public(response, now)
            # A HEAD is served from what a GET stored, never stored itself: a view may leave
            # the body out of its answer to HEAD.
            if key is not None and request.method == "GET":
                page_cache.save(request, key, response, now)
        return response


class CompressDataMiddleware(GZipMiddleware):
    """gzip for the answers machines download: calendars, RSS, JSON, GeoJSON and CSV.

    Not for HTML: pages carry CSRF tokens, and compressing a secret beside text an attacker can
    inject is what BREACH exploits. For the same reason the data answers need none of Django's
    random padding (``max_random_bytes``), which would also make two compressions of the same
    body differ.

    Django's GZipMiddleware turns a strong ETag into a weak one; here the compressed
    representation keeps a strong ETag of its own, the identity one with ``-gzip`` inside the
    quotes (RFC 9110 §8.8.3: two representations, two strong validators). A client that sends it
    back in If-None-Match has it read as the identity one before the view compares it, so the
    view's 304 still works, and the 304 returns the tag the client holds.
    """

    max_random_bytes = 0
    SUFFIX = "-gzip"

    def process_request(self, request):
        sent = request.META.get("HTTP_IF_NONE_MATCH", "")
        if f'{self.SUFFIX}"' in sent:
            request.META["HTTP_IF_NONE_MATCH"] = sent.replace(f'{self.SUFFIX}"', '"')
            request.compressed_validator = True

    def process_response(self, request, response):
        if response.status_code == 304:
            etag = response.get("ETag", "")
            if getattr(request, "compressed_validator", False) and etag.startswith('"'):
                response.headers["ETag"] = f'{etag[:-1]}{self.SUFFIX}"'
            return response
        if response.get("Content-Type", "").split(";")[0].strip().lower() not in COMPRESSED_TYPES:
            return response
        etag = response.get("ETag", "")
        response = super().process_response(request, response)
        if response.get("Content-Encoding") == "gzip" and etag.startswith('"'):
            response.headers["ETag"] = f'{etag[:-1]}{self.SUFFIX}"'
        return response
