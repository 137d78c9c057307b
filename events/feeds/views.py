"""HTTP side of the feeds (standards.md §1.7, FEED-01/02/03/27).

- the same body whatever the Accept header (Google's fetcher sends none), no cookie, no
  redirect (no trailing-slash or language redirect: the routes live outside i18n_patterns and
  are marked ``no_append_slash``);
- ETag and Last-Modified computed without touching the database (the cache version, the
  request's host and parameters, and the day), so a conditional GET answers 304 at once;
- errors are short plain-text answers with their real status, never an HTML page;
- ``Access-Control-Allow-Origin: *`` here only (no credentials), for communes' JS widgets.
"""

import datetime as dt
import functools

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.common import no_append_slash
from django.views.decorators.http import condition, require_safe

from events.filters import AgendaFilters

from . import cache, context, ical, rss

ICS = "text/calendar; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
MAX_AGE = 3600  # ≤ the REFRESH-INTERVAL the feeds announce
ERROR_MAX_AGE = 300
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def plain(status, message):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def normalised_query(request):
    """The filter parameters as the agenda reads them (unknown ones and their order ignored),
    without a database query."""
    return AgendaFilters(request.GET, locale=None).query_string()


def cache_parts(request, lang, fmt, scope, slug=None):
    # The host rather than the Site: resolving the Site costs a query, and a host belongs to
    # one site. The scheme too: the feeds' addresses are built from the request (https behind
    # the proxy). The day is there because the window and the grace period move with it.
    query = normalised_query(request)
    return (request.scheme, request.get_host(), lang, fmt, scope, slug or "", query, context.today())


def etag(fmt, scope):
    def compute(request, lang, slug=None):
        return cache.fingerprint(cache.version(), *cache_parts(request, lang, fmt, scope, slug))

    return compute


def last_modified(request, lang, slug=None):
    day = context.day_start(context.today()).astimezone(dt.UTC)
    return max(cache.changed_at(), day)


def public_headers(view):
    """Headers every answer of /feeds/ gets, 304s and errors included."""

    @functools.wraps(view)
    def wrapper(request, lang, **kwargs):
        known = lang in LANGUAGES
        response = view(request, lang, **kwargs) if known else plain(404, "Unknown language.\n")
        if response.status_code in (200, 304):
            response["Cache-Control"] = f"public, max-age={MAX_AGE}"
        else:
            # An ETag on an error would let a client keep it with a 304 later on.
            for header in ("ETag", "Last-Modified"):
                if header in response:
                    del response[header]
            response["Cache-Control"] = f"public, max-age={ERROR_MAX_AGE}"
        response["Access-Control-Allow-Origin"] = "*"
        if known:
            # The feed's language is in its path; LocaleMiddleware would otherwise name the
            # language it read from the visitor's Accept-Language.
            response["Content-Language"] = lang
        return response

    return wrapper


# The largest page id a database integer holds: SQLite cannot even compare a larger one.
MAX_PAGE_ID = 2**63 - 1


def real_page_ids(view):
    """404 for an event number no page can have, before anything queries it."""

    @functools.wraps(view)
    def wrapper(request, lang, slug=None):
        if isinstance(slug, int) and slug > MAX_PAGE_ID:
            return plain(404, b"Not found.\n")
        return view(request, lang, slug)

    return wrapper


def feed_view(fmt, scope, render, attachment=False):
    """A view serving one kind of feed: ``render(ctx, request, slug)`` gives the bytes."""

    @no_append_slash
    @public_headers
    @require_safe
    @real_page_ids
    @condition(etag_func=etag(fmt, scope), last_modified_func=last_modified)
    def view(request, lang, slug=None):
        def build():
            try:
                ctx = context.feed_context(request, lang, context.today())
                return 200, render(ctx, request, slug)
            except context.FeedNotFound:
                return 404, b"Not found.\n"

        status, body = cache.get_or_render(("body", *cache_parts(request, lang, fmt, scope, slug)), build)
        if status != 200:
            return plain(status, body)
        response = HttpResponse(body, content_type=ICS if fmt == "ics" else RSS)
        if attachment:
            # Only the one-event download: a subscription URL with "attachment" is refused
            # by Google Calendar (django-cal#9).
            response["Content-Disposition"] = f'attachment; filename="event-{slug}.{fmt}"'
        return response

    return view


@no_append_slash
def not_found(request, *args, **kwargs):
    """Any other address under /feeds/: a plain-text 404, never the site's HTML page.
    (LocaleMiddleware may still redirect a 404 whose path has no dot to /fr/…; feed URLs all
    end in .ics or .rss, which no page path can match, so they never are.)"""
    response = plain(404, "Not found.\n")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _subscription(fmt, scope):
    if fmt == "ics":
        return feed_view(
            fmt, scope, lambda ctx, request, slug: ical.subscription_calendar(ctx, request.GET, scope, slug)
        )
    return feed_view(fmt, scope, lambda ctx, request, slug: rss.subscription_rss(ctx, request.GET, scope, slug))


events_ics = _subscription("ics", "events")
events_rss = _subscription("rss", "events")
commune_ics = _subscription("ics", "communes")
commune_rss = _subscription("rss", "communes")
category_ics = _subscription("ics", "categories")
category_rss = _subscription("rss", "categories")
organiser_ics = _subscription("ics", "organisers")
organiser_rss = _subscription("rss", "organisers")
event_ics = feed_view("ics", "event", lambda ctx, request, slug: ical.event_calendar(ctx, slug), attachment=True)
event_rss = feed_view("rss", "event", lambda ctx, request, slug: rss.event_rss(ctx, slug))
