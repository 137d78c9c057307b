"""The agenda's iCalendar and RSS feeds, built with icalendar 7 and Django's feedgenerator.

Communes subscribe their calendars (Google, Outlook, Apple, Thunderbird, Home Assistant) to
these feeds, so the output follows the FEED-xx checklist of standards.md §1:

- one VEVENT per event, recurring ones as RRULE + EXDATE + RDATE (never expanded copies), and a
  cancelled date as an extra VEVENT with the same UID and a RECURRENCE-ID (FEED-17/18);
- UID ``{translation_key}-{lang}@{site host}``: the same for the life of the event, different
  per language (FEED-12);
- DTSTAMP and LAST-MODIFIED are the event's last revision time, never "now", so two renderings
  without a change are byte-identical and ETags work (FEED-03/13);
- Europe/Paris local times with a fixed RRULE-based VTIMEZONE (Outlook reads only that), dates
  for all-day events with an exclusive DTEND (FEED-09/10/16).

Everything is a function of (data, site, language, parameters, *today*): today is passed in,
never read inside, so the output is stable for a day and tests can fix it.

The English feeds contain the English translations only: an event that has not been
translated is absent rather than shown in French with an English calendar name.
"""

import dataclasses
import datetime as dt
import re
import uuid

from dateutil.relativedelta import relativedelta
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vRecur, vText

from django.db.models import Q
from django.utils import feedgenerator, formats, timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, Site

from events.filters import AgendaFilters
from events.listing import category_names
from events.models import EventCategory, EventIndexPage, EventPage, Occurrence
from events.recurrence import PARIS, duration, local, occurrences, rrule_parts
from home.models import Commune, Organisation, TerritorySettings
from home.public_urls import absolute_page_url

PAST_DAYS = 90  # FEED-24: the window is today − 90 days …
FUTURE_MONTHS = 18  # … to today + 18 months.
CANCELLED_GRACE = dt.timedelta(days=7)  # a cancelled event stays this long after its end (FEED-18)
REFRESH = dt.timedelta(hours=6)  # REFRESH-INTERVAL and X-PUBLISHED-TTL (FEED-08)
RSS_ITEMS = 100
# Feeds by subject: the readable aliases are the agenda filter of the same meaning.
ALIASES = {"communes": "commune", "categories": "category", "organisers": "organiser"}
STATUS = {
    EventPage.Status.SCHEDULED: "CONFIRMED",
    EventPage.Status.FULL: "CONFIRMED",  # it happens; "full" is said in DESCRIPTION
    # Postponed: the date shown is no longer certain but the event is not called off, so not
    # CANCELLED (which most clients hide or strike through). TENTATIVE is RFC 5545's word for
    # it; the SUMMARY prefix tells users of clients that ignore STATUS (Google).
    EventPage.Status.POSTPONED: "TENTATIVE",
    EventPage.Status.CANCELLED: "CANCELLED",
}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


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
    if {"from", "to", "when"} & set(filters.values):
        start, end = filters.range()
        if "from" not in filters.values:
            start = max(start, filters.now)
        lower = max(lower, start)
        upper = min(upper, end) if end is not None else upper
    return lower, upper


def select_events(ctx, filters):
    """The events of a subscription feed: the agenda's selection, on this site, happening in
    the window; a cancelled event only until a week after its end."""
    lower, upper = bounds(ctx, filters)
    in_window = Occurrence.objects.filter(end__gt=lower, start__lt=upper).values("event_id")
    still_shown = Occurrence.objects.filter(end__gte=ctx.now - CANCELLED_GRACE).values("event_id")
    events = (
        filters.events()
        .filter(path__startswith=ctx.home.path, pk__in=in_window)
        .filter(~Q(status=EventPage.Status.CANCELLED) | Q(pk__in=still_shown))
    )
    return with_relations(events).order_by("start", "pk")


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


# -- what an event says ---------------------------------------------------------------------


def clean_text(value):
    """Plain text for TEXT properties (FEED-19): no HTML, no control characters."""
    text = strip_tags(str(value or "")).replace("\r\n", "\n").replace("\t", " ")
    return CONTROL.sub("", text).strip()


def revision_time(event):
    """When the event was last revised (FEED-13): the live version's publication time."""
    moment = event.last_published_at or event.latest_revision_created_at or event.first_published_at
    moment = moment or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def is_recurring(event):
    return rrule_parts(event) is not None or bool(event.extra_date_list())


def is_cancelled(event):
    """A cancelled event, or a one-off one whose only date was cancelled."""
    if event.is_cancelled:
        return True
    return not is_recurring(event) and local(event.start).date() in set(event.cancelled_date_list())


def titled(event, cancelled):
    title = clean_text(event.title)
    if cancelled:
        return _("CANCELLED – %(title)s") % {"title": title}
    if event.status == EventPage.Status.POSTPONED:
        return _("POSTPONED – %(title)s") % {"title": title}
    return title


def location(event):
    """A readable place (FEED-20): venue, address, postcode and commune."""
    venue = event.venue_name or (event.venue.title if event.venue_id and event.venue else "")
    parts = [clean_text(venue)]
    address = clean_text(event.address)
    if address and address.lower() != parts[0].lower():  # editors often repeat the venue
        parts.append(address)
    if event.commune_id:
        commune = event.commune
        if commune.name.lower() not in address.lower():
            parts.append(f"{commune.postcode} {commune.name}".strip())
    return ", ".join(part for part in parts if part)


def description(event, url, cancelled_date=False):
    """Plain-text DESCRIPTION: summary, status, price, booking, accessibility, link."""
    lines = [clean_text(event.summary)]
    if cancelled_date:
        lines.append(_("This date is cancelled."))
    if event.status != EventPage.Status.SCHEDULED:
        status = event.get_status_display()
        note = clean_text(event.status_note)
        lines.append(_("Status: %(status)s") % {"status": f"{status} – {note}" if note else status})
    if event.is_free:
        lines.append(_("Free"))
    elif event.price:
        lines.append(_("Price: %(price)s") % {"price": clean_text(event.price)})
    if event.booking_url:
        lines.append(_("Booking: %(url)s") % {"url": event.booking_url})
    if event.organiser_id and event.organiser:
        lines.append(_("Organiser: %(name)s") % {"name": clean_text(event.organiser.name)})
    if event.accessibility:
        lines.append(_("Accessibility: %(notes)s") % {"notes": clean_text(event.accessibility)})
    if url:
        lines.append(_("More information: %(url)s") % {"url": url})
    return "\n".join(line for line in lines if line)


def event_uid(event, ctx):
    """FEED-12: stable across edits, moves and re-publishing; distinct per language."""
    return f"{event.translation_key}-{ctx.lang}@{ctx.site.hostname}"


# -- iCalendar ------------------------------------------------------------------------------


def paris_timezone():
    """The Europe/Paris VTIMEZONE of standards.md §1.2: one yearly RRULE per transition, the
    only form Outlook reads (icalendar's add_missing_timezones emits RDATE lists)."""
    zone = Timezone()
    zone.add("TZID", "Europe/Paris")
    zone.add("X-LIC-LOCATION", "Europe/Paris")
    zone.add_component(_transition(TimezoneDaylight(), 1, 2, "CEST", dt.datetime(1970, 3, 29, 2), 3))
    zone.add_component(_transition(TimezoneStandard(), 2, 1, "CET", dt.datetime(1970, 10, 25, 3), 10))
    return zone


def _transition(component, offset_from, offset_to, name, start, month):
    component.add("TZOFFSETFROM", dt.timedelta(hours=offset_from))
    component.add("TZOFFSETTO", dt.timedelta(hours=offset_to))
    component.add("TZNAME", name)
    component.add("DTSTART", start)
    component.add("RRULE", vRecur({"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": "-1SU"}))
    return component


def territory_name(ctx):
    territory = TerritorySettings.for_site(ctx.site)
    return clean_text(territory.name or territory.short_name or ctx.site.site_name or ctx.site.hostname)


def feed_title(territory, suffix):
    """The feed's name in the active language: "Agenda – <territory>[ – <subject>]"."""
    title = _("Agenda – %(territory)s") % {"territory": territory}
    return f"{title} – {clean_text(suffix)}" if suffix else title


def new_calendar(ctx, territory, title, subject_key, url):
    """The VCALENDAR and its calendar-level properties (FEED-06/07/08/09)."""
    cal = Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", f"-//{territory}//Agenda {ctx.site.hostname}//{ctx.lang.upper()}")
    # No METHOD: a published snapshot (RFC 5546), not a scheduling message.
    # NAME and the X-WR properties are not typed by icalendar 7 and would go out unescaped:
    # give them as TEXT.
    cal.add("NAME", vText(title))
    cal.add("X-WR-CALNAME", vText(title))
    text = _("Events of %(territory)s, from its website. Times are French time (Europe/Paris).") % {
        "territory": territory
    }
    cal.add("DESCRIPTION", text)
    cal.add("X-WR-CALDESC", vText(text))
    # Constant for a given feed (Calendar.new() would draw a new one on every request).
    cal.add("UID", str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://{ctx.site.hostname}/feeds/{ctx.lang}/{subject_key}")))
    if url:
        cal.add("URL", url)
    cal.add("X-WR-TIMEZONE", "Europe/Paris")
    # §1.6 pitfalls: REFRESH-INTERVAL needs VALUE=DURATION; X-PUBLISHED-TTL needs a vDuration
    # (a timedelta would be written "6:00:00").
    cal.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    cal.add_component(paris_timezone())
    return cal


def first_start(event):
    """DTSTART's value: Paris local time, or a date for an all-day event."""
    start = local(event.start)
    return start.date() if event.all_day else start


def start_on(event, day):
    """The start of the occurrence on ``day``, of the same type and zone as DTSTART."""
    if event.all_day:
        return day
    return dt.datetime.combine(day, local(event.start).time(), tzinfo=PARIS)


def shared_properties(event, ctx, names, url, cancelled, cancelled_date=False):
    component = Event()
    component.add("UID", event_uid(event, ctx))
    stamp = revision_time(event)
    component.add("DTSTAMP", stamp)
    component.add("LAST-MODIFIED", stamp)
    if event.first_published_at:
        component.add("CREATED", event.first_published_at.astimezone(dt.UTC).replace(microsecond=0))
    component.add("SEQUENCE", event.sequence)
    component.add("SUMMARY", titled(event, cancelled))
    component.add("DESCRIPTION", description(event, url, cancelled_date))
    component.add("STATUS", "CANCELLED" if cancelled else STATUS[event.status])
    component.add("TRANSP", "TRANSPARENT")  # a public agenda never makes anyone "busy"
    component.add("CLASS", "PUBLIC")
    place = location(event)
    if place:
        component.add("LOCATION", place)
    if event.latitude is not None and event.longitude is not None:
        component.add("GEO", (float(event.latitude), float(event.longitude)))
    if url:
        component.add("URL", url)
    categories = names(event)
    if categories:
        component.add("CATEGORIES", categories)
    return component


def event_components(event, ctx, names):
    """The series' VEVENT, then one VEVENT per cancelled date of it (same UID,
    RECURRENCE-ID = the date's original start)."""
    url = absolute_page_url(event, ctx.request)
    cancelled = is_cancelled(event)
    master = shared_properties(event, ctx, names, url, cancelled)
    start = first_start(event)
    master.add("DTSTART", start)
    master.add("DTEND", start + duration(event))
    rule = rrule_parts(event)
    if rule is not None:
        master.add("RRULE", rule)
    extra = event.extra_date_list()
    if extra:
        master.add("RDATE", [start_on(event, day) for day in extra])
    excluded = event.excluded_date_list()
    if excluded and is_recurring(event):
        master.add("EXDATE", [start_on(event, day) for day in excluded])
    yield master
    if cancelled or not is_recurring(event):
        return
    for day in cancelled_occurrence_days(event):
        override = shared_properties(event, ctx, names, url, cancelled=True, cancelled_date=True)
        original = start_on(event, day)
        override.add("RECURRENCE-ID", original)
        override.add("DTSTART", original)
        override.add("DTEND", original + duration(event))
        yield override


def cancelled_occurrence_days(event):
    """Cancelled dates that are occurrences of the series (a RECURRENCE-ID naming no
    occurrence is read differently by different clients)."""
    days = []
    for day in event.cancelled_date_list():
        found = occurrences(event, day_start(day), day_start(day + dt.timedelta(days=1)))
        if any(item.start.date() == day for item in found):
            days.append(day)
    return days


def render_calendar(ctx, events, title_suffix, subject_key):
    """The feed's bytes: CRLF line ends and 75-octet folding come from icalendar (FEED-04/05)."""
    with translation.override(ctx.lang):
        territory = territory_name(ctx)
        cal = new_calendar(ctx, territory, feed_title(territory, title_suffix), subject_key, agenda_url(ctx))
        names = category_names(events, ctx.locale)
        for event in events:
            for component in event_components(event, ctx, names):
                cal.add_component(component)
    return cal.to_ical()


def agenda_url(ctx):
    index = EventIndexPage.objects.live().filter(locale=ctx.locale, path__startswith=ctx.home.path).first()
    return absolute_page_url(index or ctx.home, ctx.request)


# -- the feeds ------------------------------------------------------------------------------


def subscription_params(ctx, params, scope, slug):
    """The query parameters, with an alias's subject forced (``communes/bavay.ics`` is
    ``events.ics?commune=bavay``, other filters still allowed)."""
    params = params.copy()
    if scope in ALIASES:
        check_subject(ctx, ALIASES[scope], slug)
        params[ALIASES[scope]] = slug
    return params


def subscription_calendar(ctx, params, scope, slug=None):
    filters = feed_filters(ctx, subscription_params(ctx, params, scope, slug))
    events = list(select_events(ctx, filters))
    labels = subject_labels(ctx, filters)
    return render_calendar(ctx, events, ", ".join(labels), f"{scope}/{slug or ''}?{filters.query_string()}")


def event_calendar(ctx, page_id):
    event = single_event(ctx, page_id)
    return render_calendar(ctx, [event], clean_text(event.title), f"events/{event.translation_key}")


# -- RSS 2.0 --------------------------------------------------------------------------------


class StableRss(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 whose lastBuildDate does not change when nothing did (the default is "now"
    for a feed without items)."""

    def __init__(self, *args, fallback_date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fallback_date = fallback_date

    def latest_post_date(self):
        dates = [item["pubdate"] for item in self.items if item.get("pubdate")]
        return max(dates, default=self.fallback_date)


def occurrence_label(item):
    start = item.start.astimezone(PARIS)
    day = formats.date_format(start, "DATE_FORMAT")
    if item.all_day:
        last = (item.end.astimezone(PARIS) - dt.timedelta(days=1)).date()
        if last > start.date():
            return f"{day} – {formats.date_format(last, 'DATE_FORMAT')}"
        return day
    return f"{day}, {formats.time_format(start, 'TIME_FORMAT')}"


def rss_item(feed, ctx, item, names):
    event = item.event
    url = absolute_page_url(event, ctx.request)
    cancelled = item.cancelled or event.is_cancelled
    when = occurrence_label(item)
    lines = [when, location(event), description(event, None, cancelled_date=item.cancelled and not event.is_cancelled)]
    stamp = item.start.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    feed.add_item(
        title=f"{when} – {titled(event, cancelled)}",
        link=url,
        description="\n".join(line for line in lines if line),
        unique_id=f"{event_uid(event, ctx)}/{stamp}",
        unique_id_is_permalink=False,
        pubdate=revision_time(event),
        categories=names(event),
    )


def render_rss(ctx, occurrence_list, title_suffix):
    with translation.override(ctx.lang):
        territory = territory_name(ctx)
        feed = StableRss(
            title=feed_title(territory, title_suffix),
            link=agenda_url(ctx),
            description=_("Upcoming events of %(territory)s.") % {"territory": territory},
            language=ctx.lang,
            ttl=str(int(REFRESH.total_seconds() // 60)),
            fallback_date=ctx.now.astimezone(dt.UTC),
        )
        names = category_names([item.event for item in occurrence_list], ctx.locale)
        for item in occurrence_list:
            rss_item(feed, ctx, item, names)
        return feed.writeString("utf-8").encode("utf-8")


def rss_occurrences(queryset):
    # Mirrors with_relations for the occurrences' events: constant query count.
    return list(
        queryset.select_related("event", "event__commune", "event__organiser", "event__venue").prefetch_related(
            "event__categories"
        )[:RSS_ITEMS]
    )


def subscription_rss(ctx, params, scope, slug=None):
    filters = feed_filters(ctx, subscription_params(ctx, params, scope, slug))
    lower, upper = bounds(ctx, filters)
    upcoming = (
        filters.occurrences()
        # Private events are already left out by the agenda's filters.
        .filter(event__path__startswith=ctx.home.path, end__gt=max(lower, ctx.now), start__lt=upper)
    )
    return render_rss(ctx, rss_occurrences(upcoming), ", ".join(subject_labels(ctx, filters)))


def event_rss(ctx, page_id):
    event = single_event(ctx, page_id)
    upcoming = Occurrence.objects.filter(event=event, end__gt=ctx.now).order_by("start")
    return render_rss(ctx, rss_occurrences(upcoming), clean_text(event.title))
