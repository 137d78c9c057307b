"""What a feed says about an event and about itself, in either format (iCalendar or RSS).

Text is plain (FEED-19): no HTML, no control characters. An event's UID is stable for its life
and distinct per language (FEED-12); its revision time is that of the live version, never
"now" (FEED-13).
"""

import datetime as dt
import re

from django.utils import formats
from django.utils.translation import gettext as _

from events.models import EventIndexPage, EventPage
from events.recurrence import PARIS
from home.models import TerritorySettings
from home.public_urls import absolute_page_url
from home.text import plain_text

DAY_FORMAT = "j F Y"  # "28 mars 2026", "28 March 2026"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# -- what an event says ---------------------------------------------------------------------


def clean_text(value):
    """Plain text for TEXT properties (FEED-19): no HTML, no control characters; words in angle
    brackets that are not HTML stay ("<Atelier numérique>")."""
    return without_controls(plain_text(value))


def without_controls(value):
    text = str(value or "").replace("\r\n", "\n").replace("\t", " ")
    return CONTROL.sub("", text).strip()


def event_title(event):
    """The title as typed: a page title is plain text, never HTML, so nothing is removed from it
    but control characters; never empty (an empty SUMMARY is refused by some clients)."""
    return without_controls(event.title) or _("Event")


def revision_time(event):
    """When the event was last revised (FEED-13): the live version's publication time."""
    moment = event.last_published_at or event.latest_revision_created_at or event.first_published_at
    moment = moment or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def titled(event, cancelled):
    title = event_title(event)
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


def occurrence_uid(event, ctx, start):
    """The UID of one date of a series given as a VEVENT of its own: the series' UID and the
    date (a series has at most one occurrence a day)."""
    return f"{event.translation_key}-{ctx.lang}-{start.astimezone(PARIS):%Y%m%d}@{ctx.site.hostname}"


# -- what a feed says ----------------------------------------------------------------------


def territory_name(ctx):
    territory = TerritorySettings.for_site(ctx.site)
    return clean_text(territory.name or territory.short_name or ctx.site.site_name or ctx.site.hostname)


def feed_title(territory, suffix):
    """The feed's name in the active language: "Agenda – <territory>[ – <subject>]"."""
    title = _("Agenda – %(territory)s") % {"territory": territory}
    return f"{title} – {clean_text(suffix)}" if suffix else title


def period_label(start, end):
    """The days of [start, end) in words, in the active language: "28 March 2026" or
    "from 28 March 2026 to 29 March 2026" (no comma: it goes into the calendar's name)."""
    first = start.astimezone(PARIS).date()
    last = (end.astimezone(PARIS) - dt.timedelta(microseconds=1)).date()
    if last <= first:
        return formats.date_format(first, DAY_FORMAT)
    return _("from %(start)s to %(end)s") % {
        "start": formats.date_format(first, DAY_FORMAT),
        "end": formats.date_format(last, DAY_FORMAT),
    }


def agenda_url(ctx):
    index = EventIndexPage.objects.live().filter(locale=ctx.locale, path__startswith=ctx.home.path).first()
    return absolute_page_url(index or ctx.home, ctx.request)
