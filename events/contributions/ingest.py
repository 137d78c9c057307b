"""Associations' own calendars flow into the agenda, through the same moderation as proposals.

``read_calendar(feed)`` fetches one registered calendar (``fetch``: conditional GET, timeout,
size limit, public addresses only), parses it with icalendar and turns each of its events into
the agenda's terms:

- one event per UID; a series whose rule the agenda can repeat itself (daily, weekly on some
  days, monthly on a day or a weekday, yearly; an interval, an end date or a count; EXDATE and
  RDATE) keeps its rule, and is checked occurrence by occurrence against recurring_ical_events'
  reading of the source over the agenda's horizon; any other rule becomes one event per date
  (``HUB_INGEST_MAX_OCCURRENCES`` at most, the report says when more were left out);
- a date of a series moved or changed (RECURRENCE-ID) becomes its own event, the date left out of
  the series; a date cancelled stays in the series, marked cancelled;
- an event with ``STATUS:CANCELLED`` is cancelled; an event gone from the calendar is cancelled
  too (never deleted), if it had not already ended.

A new or changed event (compared by what is copied, never by the fetch time; an older SEQUENCE or
LAST-MODIFIED than the one already copied is ignored) is saved as a new revision of its page and
goes to the agenda's moderation workflow, like a proposal from the public form (a ``Submission``
shows it on the moderators' desk), unless a moderator marked the calendar trusted: then it is
published at once. The organisation is the events' organiser, so its members see and edit them.

Nothing in a calendar stops the others: a calendar that cannot be read, or an event that cannot
be copied, is written in the calendar's report (shown in the admin; e-mailed to the organisation
when a calendar stops being readable), never raised.
"""

import datetime as dt
import hashlib
import json
import logging
import re
from html.parser import HTMLParser

import icalendar
import recurring_ical_events
from django_tasks import task

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from django.utils.translation import override as language

from events.models import EventCategory, EventIndexPage, EventPage
from events.occurrences import horizon_days
from events.recurrence import PARIS, WEEKDAYS, local, occurrences
from home.models import Commune
from home.text import paragraphs

from .fetch import FetchError, fetch
from .models import CalendarFeed, ImportedEvent, Submission
from .moderation import system_user
from .proposals import _free_reference, duplicate_key

logger = logging.getLogger(__name__)

FREQUENCIES = {"DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly", "YEARLY": "yearly"}
RUN_TIMEOUT = dt.timedelta(minutes=30)  # a reading "running" for longer than this has died


class BadEvent(Exception):
    """One event of the calendar cannot be copied; the message says why."""


# -- running -------------------------------------------------------------------------------------


def due_feeds(now=None):
    """Active calendars not read for HUB_INGEST_INTERVAL_HOURS."""
    now = now or timezone.now()
    since = now - dt.timedelta(hours=settings.HUB_INGEST_INTERVAL_HOURS)
    feeds = CalendarFeed.objects.filter(active=True)
    return feeds.filter(last_checked_at__isnull=True) | feeds.filter(last_checked_at__lte=since)


def read_calendar(feed, now=None):
    """Read one calendar and copy its events (see the module); return the report, also stored on
    the feed. Never raises for anything the calendar or its server does."""
    now = now or timezone.now()
    if not _claim(feed, now):
        return {"status": "busy"}
    previous = (feed.last_status, feed.report.get("error", ""))
    try:
        report = _read(feed, now)
    except Exception as error:  # a bug here must not stop the other calendars
        logger.exception("Reading calendar %s failed", feed.pk)
        report = {"status": CalendarFeed.Status.ERROR, "error": _("Unexpected error: %(error)s") % {"error": error}}
    report.setdefault("at", now.isoformat())
    CalendarFeed.objects.filter(pk=feed.pk).update(
        last_checked_at=now,
        last_status=report["status"],
        report=report,
        etag=feed.etag,
        last_modified=feed.last_modified,
        running_since=None,
    )
    feed.last_checked_at, feed.last_status, feed.report, feed.running_since = now, report["status"], report, None
    if report["status"] == CalendarFeed.Status.ERROR and previous != (report["status"], report.get("error", "")):
        from .notifications import notify_calendar_problem

        notify_calendar_problem(feed)
    return report


def _claim(feed, now):
    stale = now - RUN_TIMEOUT
    free = CalendarFeed.objects.filter(pk=feed.pk).exclude(running_since__gt=stale)
    return free.update(running_since=now) == 1


def _read(feed, now):
    with language(feed.agenda.locale.language_code):
        try:
            fetched = fetch(feed.url, feed.etag, feed.last_modified)
        except FetchError as error:
            return {"status": CalendarFeed.Status.ERROR, "error": str(error)}
        if fetched.status == 304:
            return {"status": CalendarFeed.Status.UNCHANGED, **_counts_kept(feed)}
        try:
            calendar = icalendar.Calendar.from_ical(fetched.body)
        except (ValueError, KeyError, IndexError, TypeError) as error:
            return {
                "status": CalendarFeed.Status.ERROR,
                "error": _("This is not an iCal calendar (%(error)s).") % {"error": str(error)[:200]},
            }
        if not isinstance(calendar, icalendar.Calendar) or calendar.name != "VCALENDAR":
            return {"status": CalendarFeed.Status.ERROR, "error": _("This is not an iCal calendar.")}
        sync = Sync(feed, calendar, now)
        report = sync.run()
        # Kept only once every event is copied: after a failure (not a flaw of the calendar), the
        # next reading gets the whole calendar again instead of a 304.
        if not sync.failed:
            feed.etag, feed.last_modified = fetched.etag[:300], fetched.last_modified[:100]
        return report


def _counts_kept(feed):
    """A 304 changes nothing: the report keeps the numbers of the last full reading."""
    return {key: feed.report[key] for key in ("counts", "problems") if key in feed.report}


# -- from the calendar to the agenda's terms ----------------------------------------------------


class Sync:
    """One reading of one calendar: every item found, then the pages created, changed or
    cancelled."""

    def __init__(self, feed, calendar, now):
        self.feed = feed
        self.calendar = calendar
        self.now = now
        self.lower = now - dt.timedelta(days=1)
        self.upper = now + dt.timedelta(days=horizon_days())
        self.counts = {"created": 0, "published": 0, "updated": 0, "cancelled": 0, "unchanged": 0, "ignored": 0}
        self.problems = []
        self.failed = False  # an event could not be saved (the database, a bug): read it all again
        self.agenda = feed.agenda.specific
        self.communes = list(Commune.objects.filter(site_id=self._site_id()).values_list("pk", "name"))

    def _site_id(self):
        site = self.agenda.get_site()
        return site.pk if site else None

    def run(self):
        items = {}
        for uid, components in self._by_uid().items():
            try:
                for rid, item in self._items(uid, components):
                    item["uid"], item["rid"] = uid[:500], rid
                    items[_key(uid, rid)] = item
            except BadEvent as error:
                self._problem(components[0], str(error))
            except (ValueError, TypeError, AttributeError, KeyError, OverflowError) as error:
                self._problem(components[0], _("unreadable (%(error)s)") % {"error": str(error)[:200]})
        for key, item in items.items():
            self._apply(key, item)
        self._cancel_removed(set(items))
        status = CalendarFeed.Status.WARNINGS if self.problems else CalendarFeed.Status.OK
        return {"status": status, "counts": self.counts, "problems": self.problems[:50]}

    def _problem(self, component, message):
        summary = str(component.get("SUMMARY", "") or component.get("UID", "") or "?")[:120]
        self.problems.append(f"{summary}: {message}")

    def _by_uid(self):
        groups = {}
        for component in self.calendar.walk("VEVENT"):
            uid = str(component.get("UID", "") or "").strip()
            if not uid:
                # Without a UID an event cannot be followed: its start and title stand in for it.
                uid = (
                    "no-uid:"
                    + hashlib.sha256(
                        f"{component.get('SUMMARY', '')}|{_raw(component, 'DTSTART')}".encode()
                    ).hexdigest()
                )
            groups.setdefault(uid, []).append(component)
        return groups

    # -- one UID: a single event, a series, its exceptions ----------------------------------------

    def _items(self, uid, components):
        masters = [c for c in components if c.get("RECURRENCE-ID") is None]
        overrides = [c for c in components if c.get("RECURRENCE-ID") is not None]
        if len(masters) > 1:
            # The same UID twice: the one with the highest SEQUENCE is the current version.
            masters.sort(
                key=lambda c: (int(c.get("SEQUENCE", 0) or 0), _modified(c) or dt.datetime.min.replace(tzinfo=dt.UTC))
            )
            masters = masters[-1:]
        master = masters[0] if masters else None
        if master is None or (master.get("RRULE") is None and master.get("RDATE") is None):
            for component in [master, *overrides] if master is not None else overrides:
                rid = _instant_key(component.get("RECURRENCE-ID").dt) if component.get("RECURRENCE-ID") else ""
                item = self._single(component)
                if item is not None:
                    yield rid, item
            return
        moved = {}
        cancelled = set()
        for override in overrides:
            rid = override.get("RECURRENCE-ID").dt
            if _status(override) == "CANCELLED":
                cancelled.add(_day(rid))
            else:
                moved[_instant_key(rid)] = override
        series = self._series(master, cancelled, {_day(o.get("RECURRENCE-ID").dt) for o in moved.values()})
        if series is not None:
            yield "", series
            for rid, override in moved.items():
                item = self._single(override)
                if item is not None:
                    yield rid, item
            return
        # A rule the agenda cannot repeat: one event per date, exceptions included.
        yield from self._expanded(uid, master, overrides)

    def _single(self, component):
        data = self._common(component)
        start, end, all_day = _times(component)
        if _ends(start, end, all_day) <= self.now:
            return None  # over already: nothing to announce
        data.update(_when(start, end, all_day))
        return data

    def _series(self, master, cancelled_days, moved_days):
        """The series with the agenda's own rule, or None when the rule cannot be kept."""
        rule = master.get("RRULE")
        if rule is None or isinstance(rule, list):
            return None  # dates only (RDATE), or several RRULEs: not the agenda's
        start, end, all_day = _times(master)
        parts = _native_rule(rule, local(start) if not all_day else start)
        if parts is None:
            return None
        data = self._common(master)
        data.update(_when(start, end, all_day))
        data.update(parts)
        exdates = {_day(value) for value in _dates(master, "EXDATE")}
        data["excluded"] = sorted(d.isoformat() for d in exdates | moved_days)
        data["cancelled"] = sorted(d.isoformat() for d in cancelled_days - exdates)
        data["extra"] = sorted({_day(value).isoformat() for value in _dates(master, "RDATE")})
        candidate = _page(data)
        ours = {(o.start, o.end) for o in occurrences(candidate, self.lower, self.upper)}
        source = set()
        only_master = icalendar.Calendar()
        for component in self.calendar.walk("VTIMEZONE"):
            only_master.add_component(component)
        only_master.add_component(master)
        for occurrence in recurring_ical_events.of(only_master).between(self.lower, self.upper):
            o_start, o_end, o_all_day = _times(occurrence)
            if _day(o_start) in moved_days:
                continue
            when = _when(o_start, o_end, o_all_day)
            source.add((dt.datetime.fromisoformat(when["start"]), _end_of(when)))
        if ours != source:
            return None
        if not ours:
            return None  # the series is over
        return data

    def _expanded(self, uid, master, overrides):
        group = icalendar.Calendar()
        for component in self.calendar.walk("VTIMEZONE"):
            group.add_component(component)
        for component in [master, *overrides]:
            group.add_component(component)
        found = recurring_ical_events.of(group).between(self.now, self.upper)
        limit = settings.HUB_INGEST_MAX_OCCURRENCES
        if len(found) > limit:
            self._problem(
                master,
                _("the rule gives %(count)s dates; the first %(limit)s were copied.")
                % {"count": len(found), "limit": limit},
            )
        for occurrence in found[:limit]:
            start, end, all_day = _times(occurrence)
            data = self._common(occurrence)
            data.update(_when(start, end, all_day))
            yield _instant_key(start), data

    def _common(self, component):
        title = _text(component.get("SUMMARY")).strip()
        if not title:
            raise BadEvent(_("no title"))
        description = _plain(_text(component.get("DESCRIPTION")))
        location = " ".join(_text(component.get("LOCATION")).split())[:300]
        data = {
            "title": title[:255],
            "description": description,
            "status": "cancelled" if _status(component) == "CANCELLED" else "scheduled",
            "address": location,
            "commune": self._commune(location),
            "categories": self._categories(component),
            "latitude": None,
            "longitude": None,
            "sequence": int(component.get("SEQUENCE", 0) or 0),
            "modified": (_modified(component) or None) and _modified(component).isoformat(),
            "frequency": "none",
            "interval": 1,
            "weekdays": "",
            "monthly_mode": "day",
            "until": None,
            "count": None,
            "excluded": [],
            "cancelled": [],
            "extra": [],
        }
        geo = component.get("GEO")
        if geo is not None and -90 <= geo.latitude <= 90 and -180 <= geo.longitude <= 180:
            data["latitude"], data["longitude"] = round(geo.latitude, 6), round(geo.longitude, 6)
        return data

    def _commune(self, location):
        """The commune of the territory named in the location, else the organisation's."""
        for pk, name in sorted(self.communes, key=lambda pair: -len(pair[1])):
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", location, flags=re.IGNORECASE):
                return pk
        return self.feed.organisation.commune_id

    def _categories(self, component):
        names = []
        for value in _list(component.get("CATEGORIES")):
            names += [str(name).strip() for name in getattr(value, "cats", [value])]
        if not names:
            return []
        wanted = {slugify(name) for name in names if name}
        found = EventCategory.objects.filter(locale_id=self.agenda.locale_id)
        return sorted(
            pk for pk, name, slug in found.values_list("pk", "name", "slug") if {slug, slugify(name)} & wanted
        )

    # -- pages ------------------------------------------------------------------------------------

    def _apply(self, key, item):
        copied = {name: value for name, value in item.items() if name not in ("sequence", "modified")}
        fingerprint = hashlib.sha256(json.dumps(copied, sort_keys=True, default=str).encode()).hexdigest()
        record = ImportedEvent.objects.filter(feed=self.feed, key=key).first()
        try:
            with transaction.atomic():
                if record is None:
                    if item["status"] == "cancelled":
                        self.counts["ignored"] += 1  # never announced: nothing to cancel
                        return
                    page = self._create(item)
                    ImportedEvent.objects.create(
                        feed=self.feed,
                        key=key,
                        uid=item["uid"],
                        recurrence_id=item["rid"],
                        event=page,
                        fingerprint=fingerprint,
                        sequence=item["sequence"],
                        source_modified=item["modified"],
                    )
                    return
                if _older(item, record):
                    self.counts["ignored"] += 1
                    return
                if record.fingerprint == fingerprint and record.removed_at is None:
                    self.counts["unchanged"] += 1
                    return
                record.fingerprint, record.sequence, record.removed_at = fingerprint, item["sequence"], None
                record.source_modified = item["modified"]
                if record.event_id is None:
                    record.event = self._create(item)  # deleted by a moderator, changed since
                else:
                    self._change(record.event.specific, item)
                record.save()
        except ValidationError as error:  # the agenda's own rules (a time that does not exist…)
            self.problems.append(f"{item['title'][:120]}: {' '.join(error.messages)}")
        except Exception as error:  # one event must not stop the others
            logger.exception("Copying an event of calendar %s failed", self.feed.pk)
            self.failed = True
            self.problems.append(f"{item['title'][:120]}: {error}")

    def _create(self, item):
        owner = system_user()
        locale = self.agenda.locale
        parent = EventIndexPage.objects.select_for_update().get(pk=self.agenda.pk)
        page = EventPage(locale=locale, live=False, owner=owner, organiser=self.feed.organisation)
        _fill(page, item)
        suffix = hashlib.sha256(f"{self.feed.pk}|{item['uid']}|{item['rid']}".encode()).hexdigest()[:8]
        page.slug = f"{slugify(item['title'])[:60].strip('-') or 'evenement'}-{suffix}"
        parent.add_child(instance=page)
        if item["categories"]:
            page.categories = item["categories"]
        revision = page.save_revision(user=owner, log_action=True)
        self._decide(page, revision, item)
        self.counts["published" if self.feed.trusted else "created"] += 1
        return page

    def _change(self, page, item):
        owner = system_user()
        page = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
        _fill(page, item)
        if item["categories"]:
            page.categories = item["categories"]
        revision = page.save_revision(user=owner, log_action=True)
        self._decide(page, revision, item)
        self.counts["cancelled" if item["status"] == "cancelled" else "updated"] += 1

    def _decide(self, page, revision, item):
        """Publish (trusted calendar) or send to the moderators, like a proposal."""
        owner = system_user()
        state = page.current_workflow_state
        if self.feed.trusted:
            if state is not None:
                state.cancel(user=owner)
            # The moderator who marked the calendar trusted decided for it: the system account
            # itself may not publish anything else.
            revision.publish(user=owner, skip_permission_checks=True)
            return
        if state is None:
            workflow = page.get_workflow()
            if workflow is None:
                raise RuntimeError("The agenda has no moderation workflow: run `manage.py migrate`.")
            workflow.start(page, owner)
        # (A workflow in progress sees the new revision: the moderators approve what is latest.)
        if not Submission.objects.filter(
            event=page, state__in=[Submission.State.PENDING, Submission.State.CHANGES_REQUESTED]
        ).exists():
            organisation = self.feed.organisation
            Submission.objects.create(
                reference=_free_reference(),
                form_token=f"calendar:{self.feed.pk}:{revision.pk}",
                event=page,
                title=item["title"],
                duplicate_key=duplicate_key(item["title"], page.start, page.commune_id),
                language=self.agenda.locale.language_code,
                contact_name=organisation.name[:120],
                # No e-mail per event: the calendar's report tells the association what happened.
                contact_email="",
                organiser_name=organisation.name[:200],
                user_agent=_("Calendar %(url)s") % {"url": self.feed.url[:250]},
            )

    def _cancel_removed(self, keys):
        """Events gone from the calendar are cancelled (a moderator may still delete them), unless
        they are over: calendars often drop what is past."""
        gone = ImportedEvent.objects.filter(feed=self.feed, removed_at__isnull=True, event__isnull=False).exclude(
            key__in=keys
        )
        for record in gone.select_related("event"):
            page = record.event.specific
            page = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
            try:
                with transaction.atomic():
                    if page.status != EventPage.Status.CANCELLED and occurrences(page, self.now, self.upper):
                        page.status = EventPage.Status.CANCELLED
                        page.status_note = _("Removed from the organiser's calendar.")[:300]
                        revision = page.save_revision(user=system_user(), log_action=True)
                        self._decide(page, revision, {"title": page.title})
                        self.counts["cancelled"] += 1
                    record.removed_at = self.now
                    record.save(update_fields=["removed_at"])
            except Exception as error:  # one event must not stop the others
                logger.exception("Cancelling an event of calendar %s failed", self.feed.pk)
                self.failed = True
                self.problems.append(f"{page.title[:120]}: {error}")


# -- helpers ------------------------------------------------------------------------------------


def _key(uid, rid):
    return hashlib.sha256(f"{uid}\n{rid}".encode()).hexdigest()


def _raw(component, name):
    value = component.get(name)
    return value.to_ical().decode() if hasattr(value, "to_ical") else str(value or "")


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value)


def _list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _status(component):
    return str(component.get("STATUS", "") or "").upper()


def _modified(component):
    value = component.get("LAST-MODIFIED") or component.get("DTSTAMP")
    value = getattr(value, "dt", None)
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return None


def _older(item, record):
    """The calendar serves an older version than the one already copied (a stale mirror)."""
    if item["sequence"] < record.sequence:
        return True
    if item["sequence"] == record.sequence and item["modified"] and record.source_modified:
        return dt.datetime.fromisoformat(item["modified"]) < record.source_modified
    return False


def _dates(component, name):
    values = []
    for entry in _list(component.get(name)):
        values += [period.dt for period in getattr(entry, "dts", [])]
    return [value[0] if isinstance(value, tuple) else value for value in values]


def _day(value):
    if isinstance(value, dt.datetime):
        return local(value).date()
    return value


def _instant_key(value):
    if isinstance(value, dt.datetime):
        return local(value).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def _times(component):
    """(start, end, all_day): aware Paris datetimes, or dates (end exclusive) for all-day events."""
    if component.get("DTSTART") is None:
        raise BadEvent(_("no start date"))
    start = component.get("DTSTART").dt
    if component.get("DTEND") is not None:
        end = component.get("DTEND").dt
    elif component.get("DURATION") is not None:
        end = start + component.get("DURATION").dt
    else:
        end = None
    if not isinstance(start, dt.datetime):
        if end is None or isinstance(end, dt.datetime) or end <= start:
            end = start + dt.timedelta(days=1)
        return start, end, True
    start = local(start)
    end = local(end) if isinstance(end, dt.datetime) else None
    if end is not None and end < start:
        raise BadEvent(_("it ends before it starts"))
    return start, end, False


def _ends(start, end, all_day):
    if all_day:
        last = end if isinstance(end, dt.date) and not isinstance(end, dt.datetime) else start + dt.timedelta(days=1)
        return dt.datetime.combine(last, dt.time(0), tzinfo=PARIS)
    return end or start + dt.timedelta(hours=2)


def _when(start, end, all_day):
    """The agenda's start and end (all-day: midnight of the first and the last day, included)."""
    if all_day:
        last = end - dt.timedelta(days=1)
        return {
            "start": dt.datetime.combine(start, dt.time(0), tzinfo=PARIS).isoformat(),
            "end": dt.datetime.combine(last, dt.time(0), tzinfo=PARIS).isoformat() if last > start else None,
            "all_day": True,
        }
    return {"start": start.isoformat(), "end": end.isoformat() if end else None, "all_day": False}


def _end_of(when):
    """The end of an occurrence as the agenda computes it (see events.recurrence.occurrences)."""
    start = dt.datetime.fromisoformat(when["start"])
    if when["all_day"]:
        last = dt.datetime.fromisoformat(when["end"]).date() if when["end"] else start.date()
        return dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=PARIS)
    return dt.datetime.fromisoformat(when["end"]) if when["end"] else start + dt.timedelta(hours=2)


def _native_rule(rule, start):
    """The RRULE in the agenda's fields, or None when they cannot say it."""
    parts = {key.upper(): value for key, value in rule.items()}
    frequency = FREQUENCIES.get(str(_first(parts.pop("FREQ", ""))).upper())
    if frequency is None:
        return None
    data = {"frequency": frequency, "interval": int(_first(parts.pop("INTERVAL", 1)) or 1)}
    parts.pop("WKST", None)
    by_day = [str(day).upper() for day in parts.pop("BYDAY", [])]
    by_month_day = [int(day) for day in parts.pop("BYMONTHDAY", [])]
    by_month = [int(month) for month in parts.pop("BYMONTH", [])]
    count = parts.pop("COUNT", None)
    until = parts.pop("UNTIL", None)
    if parts:
        return None  # BYSETPOS, BYHOUR, BYWEEKNO…
    weekday = WEEKDAYS[start.weekday()]
    if frequency == "weekly":
        if by_month_day or by_month or any(day not in WEEKDAYS for day in by_day):
            return None
        if by_day and weekday not in by_day:
            return None  # the agenda's first date must be one of the days (RFC 5545 allows it)
        data["weekdays"] = ",".join(day for day in WEEKDAYS if day in by_day) if by_day else ""
    elif frequency == "monthly":
        if by_month:
            return None
        nth = (start.day - 1) // 7 + 1
        if by_day:
            if (
                by_month_day
                or len(by_day) != 1
                or by_day[0] not in (f"{nth}{weekday}", f"+{nth}{weekday}", f"-1{weekday}")
            ):
                return None
            data["monthly_mode"] = "weekday"
        elif by_month_day and by_month_day != [start.day]:
            return None
    elif by_day or by_month_day or (by_month and (frequency != "yearly" or by_month != [start.month])):
        return None
    if count is not None:
        data["count"] = min(int(_first(count)), 32767)
    elif until is not None:
        until = _first(until)
        data["until"] = (local(until).date() if isinstance(until, dt.datetime) else until).isoformat()
    return data


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _page(data):
    page = EventPage()
    _fill(page, data)
    return page


def _fill(page, data):
    """Copy an item onto an event page (only what a calendar says: the rest stays as edited)."""
    page.title = data["title"]
    page.summary = Truncator(data["description"].split("\n\n")[0].replace("\n", " ")).chars(280) or data["title"][:280]
    page.body = [("paragraph", html) for html in paragraphs(data["description"])]
    page.start = dt.datetime.fromisoformat(data["start"])
    page.end = dt.datetime.fromisoformat(data["end"]) if data["end"] else None
    page.all_day = data["all_day"]
    page.frequency = data["frequency"]
    page.interval = data["interval"]
    page.weekdays = data["weekdays"]
    page.monthly_mode = data["monthly_mode"]
    page.until = dt.date.fromisoformat(data["until"]) if data["until"] else None
    page.count = data["count"]
    page.excluded_dates = [("date", dt.date.fromisoformat(day)) for day in data["excluded"]]
    page.cancelled_dates = [("date", dt.date.fromisoformat(day)) for day in data["cancelled"]]
    page.extra_dates = [("date", dt.date.fromisoformat(day)) for day in data["extra"]]
    page.status = data["status"]
    page.address = data["address"]
    if data["commune"]:
        page.commune_id = data["commune"]
    if data["latitude"] is not None:
        page.latitude, page.longitude = data["latitude"], data["longitude"]


class _TextOnly(HTMLParser):
    """The text of HTML (Google Calendar writes its descriptions in HTML), line breaks kept."""

    BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("p", "div", "li"):
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


HTML_TAG = re.compile(r"</?(br|p|div|a|b|i|em|strong|ul|ol|li|span)\b[^>]*>", re.IGNORECASE)


def _plain(text):
    """The description as plain text; HTML is read as HTML only when it contains real tags (a
    text such as "<Atelier> : prise en main" keeps its words)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if HTML_TAG.search(text):
        parser = _TextOnly()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()[:5000]


# -- in the background ----------------------------------------------------------------------------


@task(backend="ingest")
def read_calendar_task(feed_id):
    """Read one calendar now (queued when it is registered or its address changes)."""
    feed = CalendarFeed.objects.select_related("organisation", "agenda").filter(pk=feed_id, active=True).first()
    if feed is None:
        return "gone"
    return read_calendar(feed).get("status")


def queue_reading(feed):
    """Read ``feed`` once the current transaction commits, by the task worker: the fetch never
    runs inside an admin request. ``robust``: without a queue, the next cron run reads it."""
    transaction.on_commit(lambda: read_calendar_task.enqueue(feed_id=feed.pk), robust=True)
