"""The page cache: public answers kept whole and served again before any view runs.

A visitor with no cookie who asks for a public page (HTML, JSON, a feed, the sitemap) gets the
bytes the site answered the last visitor who asked for the same thing: same scheme, host, path,
query string and language (the ``Accept-Language`` choice for the addresses without a language
prefix), and the same Paris date. Nothing else of the request can change the answer, since the
request has no cookie (so no session, no signed-in user, no CSRF token) and no ``Authorization``.

What is never stored: an answer that sets a cookie, that holds a CSRF token (the proposal form,
a password-protected page's form), that says ``private``/``no-store``/``no-cache``, that
streams, that is larger than ``HUB_PAGE_CACHE_MAX_BYTES``, or whose status is not 200, 301 or
404. A request that carries any cookie is neither served from the cache nor stored: the editor
signed in, the contributor whose form came back with errors.

Purging is precise and O(1): every key holds a *generation* number, and
``home.page_cache_signals`` bumps it when anything public changes (a page published,
unpublished, moved or deleted; a snippet, a setting, a site, a redirect, an image or a document
saved or deleted). Old answers are then never looked up again and expire on their own. The
Paris date is in every key, so the date-based listings (the agenda, "upcoming events") turn
over at midnight exactly. Within a day, an answer is kept ``HUB_PAGE_CACHE_SECONDS`` at most:
that bounds how late an "open now" badge or an event that has just ended can be.

A stored answer is given again with all its headers, the Content-Security-Policy included: the
policy uses no nonce (a nonce would be shared by every visitor of a stored page, so it must not
be introduced while pages are cached), and no header depends on the visitor.

The generation lives in the ``pages`` cache, which must be shared by every server process
(Redis, ``REDIS_URL``): with the in-process fallback, a publish made in one process is only
seen by the others when their copies expire (``HUB_PAGE_CACHE_SECONDS``). The pages get a cache
of their own so that they never push the rate-limit counters out of the default cache.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, get_max_age, patch_cache_control

from home.local_time import PARIS

CACHE_ALIAS = "pages"
GENERATION_KEY = "hub:pages:generation"
# Bump when the stored form changes, so that a shared cache never hands the previous release's
# entries to this one after a deploy.
FORMAT = 1
STORED_STATUSES = (200, 301, 404)
# The request headers a stored answer may vary on without them being in its key: the language
# is in the key, and no stored answer was made for a request with a cookie.
KEYED_VARY = {"accept-language", "cookie"}
# An answer that names other request headers in Vary is stored per value of those headers,
# behind a marker stored under the address's own key.
VARY_MARKER = "vary"
CSRF_FIELD = b'name="csrfmiddlewaretoken"'


def store():
    return caches[CACHE_ALIAS]


def _initial_generation():
    # Not 1: if the generation key is evicted while entries survive, a new counter must not
    # come back to the numbers those entries were stored under.
    return time.time_ns()


def generation():
    cache = store()
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, _initial_generation(), timeout=None)
        current = cache.get(GENERATION_KEY)
    return current


def purge():
    """Make every stored answer obsolete at once."""
    cache = store()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the key is missing: start a new, unused sequence
        cache.set(GENERATION_KEY, _initial_generation(), timeout=None)


def paris_now():
    return timezone.now().astimezone(PARIS)


def seconds_to_midnight(now):
    """Seconds left in the Paris day (at least 1)."""
    seconds = (now.hour * 60 + now.minute) * 60 + now.second
    return max(1, 24 * 3600 - seconds)


def excluded(path):
    return path.startswith(tuple(settings.HUB_PAGE_CACHE_EXCLUDED_PATHS))


def visitor_is_anonymous(request):
    """No cookie of any kind and no credentials: nothing in the request is personal."""
    return not request.META.get("HTTP_COOKIE") and not request.META.get("HTTP_AUTHORIZATION")


def base_key(request, now):
    """The address's key, or None when the host is not one the site answers to."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    language = translation.get_language_from_request(request, check_path=True)
    parts = (FORMAT, request.scheme, host, request.path, request.META.get("QUERY_STRING", ""), language)
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    return f"hub:page:{generation()}:{now.date().isoformat()}:{digest}"


def variant_key(key, request, headers):
    values = "\x1f".join(f"{name}={request.headers.get(name, '')}" for name in headers)
    return f"{key}:{hashlib.sha256(values.encode()).hexdigest()[:32]}"


def lookup(request, key):
    """The stored answer for ``request``, or None."""
    cache = store()
    entry = cache.get(key)
    if entry is not None and entry[0] == VARY_MARKER:
        entry = cache.get(variant_key(key, request, entry[1]))
    if entry is None:
        return None
    stored_at, status, headers, content = entry
    response = HttpResponse(content, status=status)
    del response["Content-Type"]
    for name, value in headers:
        response[name] = value
    # How long the answer has been kept, so browsers and shared caches count its freshness
    # (max-age, s-maxage) from when it was made, not from now (RFC 9111 §5.1).
    response["Age"] = str(max(0, int(time.time() - stored_at)))
    return response


def vary_headers(response):
    if not response.has_header("Vary"):
        return []
    return [header.strip() for header in cc_delim_re.split(response["Vary"]) if header.strip()]


def cache_control(response):
    if not response.has_header("Cache-Control"):
        return set()
    return {part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(response["Cache-Control"])}


def sets_cookie_or_token(request, response):
    """Whether the answer is tied to this visitor: a cookie set, or a CSRF token in the page
    (Django sets the cookie along with the token; the page is looked at too, in case a view
    ever skipped the cookie)."""
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    return not response.streaming and CSRF_FIELD in response.content


def storable(response):
    """Whether a public answer made for an anonymous visitor may be kept and served again."""
    if response.status_code not in STORED_STATUSES or response.streaming:
        return False
    if cache_control(response) & {"private", "no-store", "no-cache"}:
        return False
    if get_max_age(response) == 0:
        return False
    if "*" in vary_headers(response):
        return False
    return len(response.content) <= settings.HUB_PAGE_CACHE_MAX_BYTES


def mark_public(response, now):
    """``Cache-Control`` for an answer any visitor may be given: browsers keep it
    ``HUB_PAGE_CACHE_MAX_AGE`` seconds, shared caches (a CDN, Varnish, purged on publish when
    ``WAGTAILFRONTENDCACHE`` is set) ``HUB_PAGE_CACHE_SECONDS``, neither past Paris midnight,
    when the date-based listings change. An answer whose view chose its own (the feeds, the
    search, the open data) keeps it."""
    if response.has_header("Cache-Control"):
        return
    midnight = seconds_to_midnight(now)
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.HUB_PAGE_CACHE_MAX_AGE, midnight),
        s_maxage=min(settings.HUB_PAGE_CACHE_SECONDS, midnight),
    )


def mark_private(response):
    """An answer for one visitor only (it sets a cookie or holds a CSRF token): no shared cache
    may keep it, and the browser does not keep it either."""
    patch_cache_control(response, private=True, no_store=True)


def mark_personal(response):
    """An answer to a visitor with a cookie (an editor signed in, whose page may show Wagtail's
    user bar): shared caches must not keep it, and the browser asks again each time."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)


def conditional(request):
    """A conditional request is left to the view, which answers 304 itself (the feeds do,
    without a query)."""
    return "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META


def save(request, key, response, now):
    timeout = min(settings.HUB_PAGE_CACHE_SECONDS, seconds_to_midnight(now))
    max_age = get_max_age(response)
    if max_age is not None:
        timeout = min(timeout, max_age)
    entry = (time.time(), response.status_code, tuple(response.headers.items()), response.content)
    cache = store()
    extra = [header for header in vary_headers(response) if header.lower() not in KEYED_VARY]
    if extra:
        cache.set(key, (VARY_MARKER, tuple(extra)), timeout)
        cache.set(variant_key(key, request, extra), entry, timeout)
    else:
        cache.set(key, entry, timeout)
