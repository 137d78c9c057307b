"""Which events a feed shows: the site and language it is for, the day it is rendered, and the
agenda's selection narrowed to the feed window.

Everything is a function of (data, site, language, parameters, *today*): today is passed in,
never read inside, so the output is stable for a day and tests can fix it (``today()`` is the
only clock the feeds read, and only the views call it).

The English feeds contain the English translations only: an event that has not been
translated is absent rather than shown in French with an English calendar name.
"""

import dataclasses
import datetime as dt

from dateutil.relativedelta import relativedelta

from django.db.models import Q
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from events.filters import AgendaFilters
from events.models import EventCategory, EventPage, Occurrence
from events.recurrence import PARIS
from home.models import Commune, Organisation

PAST_DAYS = 90  # FEED-24: the window is today − 90 days …
FUTURE_MONTHS = 18  # … to today + 18 months.
CANCELLED_GRACE = dt.timedelta(days=7)  # a cancelled event stays this long after its end (FEED-18)
REFRESH = dt.timedelta(hours=6)  # REFRESH-INTERVAL and X-PUBLISHED-TTL (FEED-08)
# Feeds by subject: the readable aliases are the agenda filter of the same meaning.
# The agenda's filters that choose a period rather than a subject.
DATE_FILTERS = frozenset({"from", "to", "when"})
ALIASES = {"communes": "commune", "categories": "category", "organisers": "organiser"}


class FeedNotFound(Exception):
    """The language, subject or event does not exist on this site: answer 404."""


@dataclasses.dataclass
class FeedContext:
    """What one feed is for: the site, its home page in the feed's language, and the day."""

    request: object
    site: Site
    lang: str
    locale: Locale
    home: Page
    today: dt.date

    @property
    def now(self):
        return day_start(self.today)


def today():
    """The current day in Paris: the only clock the feeds read (tests replace it)."""
    return timezone.now().astimezone(PARIS).date()


def day_start(day):
    return dt.datetime.combine(day, dt.time(0), tzinfo=PARIS)


def window(day):
    """FEED-24: occurrences ending after ``day − 90 days`` and starting before ``+ 18 months``."""
    return day_start(day - dt.timedelta(days=PAST_DAYS)), day_start(day + relativedelta(months=FUTURE_MONTHS))


def feed_context(request, lang, day):
    site = Site.find_for_request(request)
    locale = Locale.objects.filter(language_code=lang).first()
    if site is None or locale is None:
        raise FeedNotFound
    # The English home page is a sibling of the French one (the site's root), not below it:
    # events are found under the home page of the feed's language.
    home = site.root_page.get_translation_or_none(locale)
    if home is None or not home.live:
        raise FeedNotFound
    return FeedContext(request, site, lang, locale, home, day)


# -- which events ---------------------------------------------------------------------------


def feed_filters(ctx, params):
    """The agenda's filters, with "now" at the start of the feed's day."""
    return AgendaFilters(params, ctx.locale, now=ctx.now)


def bounds(ctx, filters):
    """The period covered: the feed window, narrowed by the agenda's date filters exactly as
    the agenda page reads them (an explicit "from" may go back to the window's start)."""
    lower, upper = window(ctx.today)
    if DATE_FILTERS & set(filters.values):
        start, end = filters.range()
        if "from" not in filters.values:
            start = max(start, filters.now)
        lower = max(lower, start)
        upper = min(upper, end) if end is not None else upper
    return lower, upper


def select_events(ctx, filters):
    """The events of a subscription feed: the agenda's selection, on this site, happening in
    the window; a cancelled event only until a week after its end."""
    return with_relations(feed_events(ctx, filters))


def feed_events(ctx, filters):
    """``select_events`` without its related rows, in the same order (for ``values()``)."""
    lower, upper = bounds(ctx, filters)
    in_window = Occurrence.objects.filter(end__gt=lower, start__lt=upper).values("event_id")
    still_shown = Occurrence.objects.filter(end__gte=ctx.now - CANCELLED_GRACE).values("event_id")
    events = (
        filters.events()
        .filter(path__startswith=ctx.home.path, pk__in=in_window)
        .filter(~Q(status=EventPage.Status.CANCELLED) | Q(pk__in=still_shown))
    )
    return events.order_by("start", "pk")


def single_event(ctx, page_id):
    events = EventPage.objects.live().public().filter(pk=page_id, locale=ctx.locale, path__startswith=ctx.home.path)
    event = with_relations(events).first()
    if event is None:
        raise FeedNotFound
    return event


def with_relations(events):
    # A fixed number of queries whatever the number of events (tested with 50 and 500).
    return events.select_related("commune", "organiser", "venue").prefetch_related("categories")


def check_subject(ctx, param, slug):
    """404 for an alias naming nothing: a commune of this territory, a category or an
    organiser."""
    if param == "commune":
        found = Commune.objects.filter(slug=slug, site=ctx.site).exists()
    elif param == "category":
        found = EventCategory.objects.filter(slug=slug).exists()
    else:
        found = Organisation.objects.filter(slug=slug).exists()
    if not found:
        raise FeedNotFound


def subject_labels(ctx, filters):
    """Names of the commune, category and organiser a feed is filtered on, for its title."""
    values = filters.values
    labels = []
    if "commune" in values:
        labels += Commune.objects.filter(slug=values["commune"]).values_list("name", flat=True)[:1]
    if "category" in values:
        categories = EventCategory.objects.filter(slug=values["category"])
        in_language = categories.filter(locale=ctx.locale).values_list("name", flat=True)[:1]
        labels += in_language or categories.values_list("name", flat=True)[:1]
    if "organiser" in values:
        organisers = Organisation.objects.filter(slug=values["organiser"])
        in_language = organisers.filter(locale=ctx.locale).values_list("name", flat=True)[:1]
        labels += in_language or organisers.values_list("name", flat=True)[:1]
    return labels


def subscription_params(ctx, params, scope, slug):
    """The query parameters, with an alias's subject forced (``communes/bavay.ics`` is
    ``events.ics?commune=bavay``, other filters still allowed)."""
    params = params.copy()
    if scope in ALIASES:
        check_subject(ctx, ALIASES[scope], slug)
        params[ALIASES[scope]] = slug
    return params
