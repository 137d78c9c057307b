"""The agenda's iCalendar feeds, built with icalendar 7.

Communes subscribe their calendars (Google, Outlook, Apple, Thunderbird, Home Assistant) to
these feeds, so the output follows the FEED-xx checklist of standards.md §1:

- one VEVENT per event, recurring ones as RRULE + EXDATE + RDATE (never expanded copies), and a
  cancelled date as an extra VEVENT with the same UID and a RECURRENCE-ID (FEED-17/18); two
  exceptions, given as one VEVENT per date: an event given by dates without a rule (clients
  expand a lone RDATE differently), and the feed of a period (``?when=``, ``?from=``/``?to=``),
  which holds that period's dates only;
- UID ``{translation_key}-{lang}@{site host}``: the same for the life of the event, different
  per language (FEED-12);
- DTSTAMP and LAST-MODIFIED are the event's last revision time, never "now", so two renderings
  without a change are byte-identical and ETags work (FEED-03/13);
- Europe/Paris local times with a fixed RRULE-based VTIMEZONE (Outlook reads only that), dates
  for all-day events with an exclusive DTEND (FEED-09/10/16).
"""

import datetime as dt
import re
import uuid

from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCategory,
    vDDDTypes,
    vDuration,
    vGeo,
    vInt,
    vRecur,
    vText,
    vUri,
)

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.fields import StreamField
from wagtail.models import Site

from events.listing import category_names, category_names_by_event
from events.models import EventPage
from events.recurrence import PARIS, duration, is_recurring, local, occurrences, rrule_parts
from home.public_urls import absolute_page_url

from . import cache
from .content import (
    agenda_url,
    description,
    event_title,
    event_uid,
    feed_title,
    location,
    occurrence_uid,
    period_label,
    revision_time,
    territory_name,
    titled,
)
from .context import (
    DATE_FILTERS,
    REFRESH,
    bounds,
    day_start,
    feed_events,
    feed_filters,
    single_event,
    subject_labels,
    subscription_params,
    window,
)

SEPARATORS = re.compile(r"\s*[,;\\]+\s*")
STATUS = {
    EventPage.Status.SCHEDULED: "CONFIRMED",
    EventPage.Status.RESCHEDULED: "CONFIRMED",  # the new dates are the ones given
    EventPage.Status.FULL: "CONFIRMED",  # it happens; "full" is said in DESCRIPTION
    # Postponed: the date shown is no longer certain but the event is not called off, so not
    # CANCELLED (which most clients hide or strike through). TENTATIVE is RFC 5545's word for
    # it; the SUMMARY prefix tells users of clients that ignore STATUS (Google).
    EventPage.Status.POSTPONED: "TENTATIVE",
    EventPage.Status.CANCELLED: "CANCELLED",
}


def is_cancelled(event):
    """A cancelled event, or a one-off one whose only date was cancelled."""
    if event.is_cancelled:
        return True
    return not is_recurring(event) and local(event.start).date() in set(event.cancelled_date_list())


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


def new_calendar(ctx, territory, title, subject_key, url):
    """The VCALENDAR and its calendar-level properties (FEED-06/07/08/09)."""
    cal = Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", f"-//{territory}//Agenda {ctx.site.hostname}//{ctx.lang.upper()}")
    # No METHOD: a published snapshot (RFC 5546), not a scheduling message.
    title = display_text(title)
    cal.add("NAME", vText(title))
    cal.add("X-WR-CALNAME", vText(title))
    text = _("Events of %(territory)s from its website. Times are French time (Europe/Paris).") % {
        "territory": display_text(territory)
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


def display_text(text):
    """A calendar's name or description as every client shows it. These are TEXT values whose
    commas and semicolons RFC 5545 escapes ("\\,"), but icalendar 7 and Home Assistant's ical
    read X-WR-CALNAME and NAME as unknown properties and show the backslash, while vobject
    stops at an unescaped comma: a name without them reads the same everywhere."""
    text = SEPARATORS.sub(" / ", text.replace("\n", " "))
    return " ".join(text.split())


def first_start(event):
    """DTSTART's value: Paris local time, or a date for an all-day event."""
    start = local(event.start)
    return start.date() if event.all_day else start


def start_on(event, day):
    """The start of the occurrence on ``day``, of the same type and zone as DTSTART."""
    if event.all_day:
        return day
    return dt.datetime.combine(day, local(event.start).time(), tzinfo=PARIS)


def shared_properties(event, ctx, names, url, cancelled, cancelled_date=False, uid=None):
    # The values are given already typed, as ``Component.add`` would type them (vText for
    # TEXT, vDDDTypes for dates and times, which sets VALUE=DATE itself…): ``add`` infers each
    # value's type and parameters anew, a third of the time spent building a cold feed's
    # components. tests/test_feed_builder.py checks that both give the same bytes.
    component = Event()
    component["UID"] = vText(uid or event_uid(event, ctx))
    stamp = revision_time(event)
    component["DTSTAMP"] = vDDDTypes(stamp)
    component["LAST-MODIFIED"] = vDDDTypes(stamp)
    if event.first_published_at:
        component["CREATED"] = vDDDTypes(event.first_published_at.astimezone(dt.UTC).replace(microsecond=0))
    component["SEQUENCE"] = vInt(event.sequence)
    component["SUMMARY"] = vText(titled(event, cancelled))
    component["DESCRIPTION"] = vText(description(event, url, cancelled_date))
    component["STATUS"] = vText("CANCELLED" if cancelled else STATUS[event.status])
    component["TRANSP"] = vText("TRANSPARENT")  # a public agenda never makes anyone "busy"
    component["CLASS"] = vText("PUBLIC")
    place = location(event)
    if place:
        component["LOCATION"] = vText(place)
    if event.latitude is not None and event.longitude is not None:
        component["GEO"] = vGeo((float(event.latitude), float(event.longitude)))
    if url:
        component["URL"] = vUri(url)
    categories = names(event)
    if categories:
        component["CATEGORIES"] = vCategory(categories)
    return component


def set_times(component, start, end):
    component["DTSTART"] = vDDDTypes(start)
    component["DTEND"] = vDDDTypes(end)


def event_components(event, ctx, names):
    """The series' VEVENT, then one VEVENT per cancelled date of it (same UID,
    RECURRENCE-ID = the date's original start). An event given by a list of dates without a
    rule is its dates, one VEVENT each: RDATE without RRULE is expanded differently by
    Home Assistant's ical than by the other readers."""
    if rrule_parts(event) is None and event.extra_date_list():
        yield from dated_components(event, ctx, names, *window(ctx.today))
        return
    url = absolute_page_url(event, ctx.request)
    cancelled = is_cancelled(event)
    master = shared_properties(event, ctx, names, url, cancelled)
    start = first_start(event)
    set_times(master, start, start + duration(event))
    rule = rrule_parts(event)
    if rule is not None:
        master["RRULE"] = rule
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
        override["RECURRENCE-ID"] = vDDDTypes(original)
        set_times(override, original, original + duration(event))
        yield override


def dated_components(event, ctx, names, lower, upper):
    """One VEVENT per occurrence in [lower, upper), without RRULE, RDATE or RECURRENCE-ID, so
    that a feed holds exactly these dates whatever the client. The dates of a series get UIDs
    of their own (the series' UID and the date), a one-off event keeps its UID."""
    url = absolute_page_url(event, ctx.request)
    series = is_recurring(event)
    for item in occurrences(event, lower, upper):
        cancelled = item.cancelled or is_cancelled(event)
        component = shared_properties(
            event,
            ctx,
            names,
            url,
            cancelled,
            cancelled_date=item.cancelled and not event.is_cancelled,
            uid=occurrence_uid(event, ctx, item.start) if series else None,
        )
        start = item.start.date() if event.all_day else local(item.start)
        set_times(component, start, start + duration(event))
        yield component


def cancelled_occurrence_days(event):
    """Cancelled dates that are occurrences of the series (a RECURRENCE-ID naming no
    occurrence is read differently by different clients)."""
    days = []
    for day in event.cancelled_date_list():
        found = occurrences(event, day_start(day), day_start(day + dt.timedelta(days=1)))
        if any(item.start.date() == day for item in found):
            days.append(day)
    return days


def render_calendar(ctx, events, title_suffix, subject_key, period=None):
    """The feed's bytes: CRLF line ends and 75-octet folding come from icalendar (FEED-04/05).
    With a ``period`` (start, end), the feed holds the events' dates in that period only and
    names it."""
    with translation.override(ctx.lang):
        cal = calendar_for(ctx, title_suffix, subject_key, period)
        names = category_names(events, ctx.locale)
        for event in events:
            for component in vevents(ctx, event, names, period):
                cal.add_component(component)
    return cal.to_ical()


def calendar_for(ctx, title_suffix, subject_key, period):
    """The VCALENDAR without its events (in the feed's language)."""
    territory = territory_name(ctx)
    if period is not None:
        title_suffix = " – ".join(part for part in (title_suffix, period_label(*period)) if part)
    return new_calendar(ctx, territory, feed_title(territory, title_suffix), subject_key, agenda_url(ctx))


def vevents(ctx, event, names, period):
    if period is None:
        return event_components(event, ctx, names)
    return dated_components(event, ctx, names, *period)


# -- the feeds of many events, from each event's serialised VEVENTs ---------------------------
#
# Serialising is most of a feed's cost (about two thirds with 1,000 events), and a feed is
# rendered again whenever any event is published. So each event's VEVENT text is cached on its
# own, keyed on everything it is made of: the event's row (every field but the body, which no
# VEVENT shows), the names of its commune, organiser, venue and categories, the sites' root
# paths (its URL), the request's scheme and host, the language, the day and the period. An
# edit, a rename or a move changes the key, so a block is never purged and never stale; the
# calendar is its header, the blocks in the events' order, and its end: the same bytes as
# ``render_calendar`` (icalendar writes a component the same alone or inside a calendar).

UNSHOWN_FIELDS = frozenset({"body"})
RELATED = ("commune", "organiser", "venue")
RELATED_FIELDS = ("commune__name", "commune__postcode", "organiser__name", "venue__title")
CALENDAR_END = b"END:VCALENDAR\r\n"


def stamp_fields():
    """The columns an event's key is made of; StreamFields (its dates) as the text stored, not
    parsed into blocks: parsing them was a tenth of a cold feed's time, and the stored text
    changes whenever they do."""
    fields = [field for field in EventPage._meta.concrete_fields if field.name not in UNSHOWN_FIELDS]
    streams = {field.attname for field in fields if isinstance(field, StreamField)}
    names = [f"{field.attname}_stored" if field.attname in streams else field.attname for field in fields]
    stored = {f"{name}_stored": Cast(name, TextField()) for name in streams}
    return (*names, *RELATED_FIELDS), stored


def stamp_rows(events):
    """The key columns of ``events``, in their order. Selected by id (a semi-join) rather than
    from ``events`` itself: a category's feed joins the categories and asks for DISTINCT, which
    PostgreSQL did by sorting every row on all of its ~70 columns (a quarter of the query)."""
    names, stored = stamp_fields()
    chosen = EventPage.objects.filter(pk__in=events.order_by().values("pk")).order_by(*events.query.order_by)
    return list(chosen.annotate(**stored).values_list(*names))


def moves_with_the_day(period):
    """A test of an event's key columns: whether its VEVENTs change with the day they are
    rendered on. Only an event given by dates without a rule, in a feed without a period, is
    one VEVENT per date of the window that starts on the day (``window(ctx.today)``); the other
    events' VEVENTs are the same whatever the day (a series is its rule, a period its bounds),
    so their keys leave the day out and their fragments outlive midnight
    (tests/test_feed_fragments.py renders the same feed on two days)."""
    names, _stored = stamp_fields()
    frequency = names.index("frequency")
    extra_dates = names.index("extra_dates_stored")
    none = EventPage.Frequency.NONE

    def moves(row):
        # Read from the stored text, as the key: any stored date counts, even one that
        # ``extra_date_list`` would skip (a day too many in a key costs a render, never a byte).
        return period is None and row[frequency] == none and row[extra_dates] not in (None, "", "[]")

    return moves


def render_from_fragments(ctx, events, title_suffix, subject_key, period=None):
    """``render_calendar`` of the events of a queryset (without related rows, in the feed's
    order), each event's VEVENTs taken from the cache when it has them."""
    with translation.override(ctx.lang):
        head = calendar_for(ctx, title_suffix, subject_key, period).to_ical()
        names = category_names_by_event(events, ctx.locale)
        rows = stamp_rows(events)
        shared = (
            repr(Site.get_site_root_paths()),
            ctx.request.scheme,
            ctx.request.get_host(),
            ctx.lang,
            ctx.site.hostname,
            period,
        )
        moves = moves_with_the_day(period)
        keys = {
            row[0]: cache.fragment_key("vevent", repr(row), names.get(row[0], ()), *shared, moves(row) and ctx.today)
            for row in rows
        }
        fragments = cache.get_fragments(list(keys.values()))
        missing = [pk for pk, key in keys.items() if key not in fragments]
        if missing:

            def names_of(event):
                return names.get(event.pk, [])

            built = {}
            # Categories are in ``names`` already: no prefetch (a queryset per event with modelcluster).
            for event in EventPage.objects.filter(pk__in=missing).select_related(*RELATED).defer(*UNSHOWN_FIELDS):
                built[keys[event.pk]] = b"".join(
                    component.to_ical() for component in vevents(ctx, event, names_of, period)
                )
            cache.set_fragments(built)
            fragments.update(built)
    # An event unpublished between the two queries is left out.
    body = b"".join(fragments.get(keys[row[0]], b"") for row in rows)
    return head.removesuffix(CALENDAR_END) + body + CALENDAR_END


# -- the feeds ------------------------------------------------------------------------------


def subscription_calendar(ctx, params, scope, slug=None):
    filters = feed_filters(ctx, subscription_params(ctx, params, scope, slug))
    events = feed_events(ctx, filters)
    labels = subject_labels(ctx, filters)
    # A feed of a period (dates or "this weekend"…) holds that period's dates, not whole series.
    period = bounds(ctx, filters) if DATE_FILTERS & set(filters.values) else None
    key = f"{scope}/{slug or ''}?{filters.query_string()}"
    return render_from_fragments(ctx, events, ", ".join(labels), key, period)


def event_calendar(ctx, page_id):
    event = single_event(ctx, page_id)
    return render_calendar(ctx, [event], event_title(event), f"events/{event.translation_key}")
