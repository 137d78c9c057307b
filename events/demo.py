"""Demo agenda of the Pays de Mormal: event categories, the "Agenda" page and about forty
events in French and English, read from ``demo_data/events.json``; called by ``load_demo``.

The events come from the activities of the seed documents (repair cafés in the three
tiers-lieux, digital workshops, L'Instant Numérique, the Numérique Éthique Tour, cybersecurity
talks, heritage visits…). The seeds give no dates or times for them: those are chosen for the
demo and said to be so in the loader's output, never in the event texts.

Data file
---------
``index``: title, slug and introduction of the agenda page, each ``{"fr": …, "en": …}``.
``categories``: ``[{"slug": …, "name": {"fr", "en"}}]``.
``venues``: places referred to by key: ``name`` (fr/en), optional ``address`` (only where a
source gives one), ``commune`` (INSEE code), optional ``latitude``/``longitude`` (strings).
``events``: one object per event:

- ``key``: stable identifier (block ids derive from it); ``slug``, ``title``, ``summary``
  ({"fr", "en"}); ``body``: bilingual blocks (``heading`` with ``text``, ``paragraph`` with
  ``html``), as in home/demo/data/pages.json, with the same structure in both languages;
- ``when``: the schedule, relative to the day the loader runs (Europe/Paris), one of
    - ``{"days": 12}``: that many days from today (negative: in the past);
    - ``{"weekday": "TU", "weeks": 2}``: the first Tuesday on or after today + 2 weeks;
    - ``{"nth_weekday": [2, "SA"], "months": 0}``: the 2nd Saturday of the month ``months``
      from now (the following month when this month's has already gone, and ``months`` is 0);
    - ``{"annual": {"month": 9, "nth_weekday": [3, "SA"]}}``: the next 3rd Saturday of
      September (for events tied to a time of year, such as the European Heritage Days);
  plus either ``"time": "14:00", "minutes": 120`` (120 when left out) or
  ``"all_day": true, "length_days": 3``; and optionally ``repeat``: ``frequency`` (daily,
  weekly, monthly, yearly), ``interval``, ``weekdays`` (["MO", "TH"]; the first date's weekday
  when left out), ``monthly_mode`` (day / weekday), ``count`` or ``until_days`` (the last
  possible date, counted from the first date), and ``exclude`` / ``cancel``: positions
  (0 = first) of occurrences to leave out or to mark as cancelled;
- ``status`` (scheduled when left out) and ``status_note`` ({"fr", "en"});
- ``venue`` (a key of ``venues``), ``organiser`` (an Organisation slug), ``categories``
  (slugs), ``audience``, ``tags``, ``free`` (true) or ``price`` ({"fr", "en"}), and
  ``contact: "ccpm"`` for the Communauté de communes' public address and switchboard
  (home/demo/data/territory.json); nobody's personal contact is ever given.

Idempotence: dates derive from today, so a second run on the same day writes nothing (no new
revision, translation or occurrence rebuild). A run on a later day moves the relative dates, so
the changed events are published again (their iCal SEQUENCE rises): that is expected, and is
what keeps the demo from going stale.
"""

import calendar
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from home.demo.loader import MORMAL, read_json
from home.demo.streams import block_id, stream_data
from home.demo.translation import publish_translation
from home.models import Commune, HomePage, Organisation

from .extensions import registry
from .models import EventCategory, EventIndexPage, EventPage
from .recurrence import PARIS, WEEKDAYS, occurrences

DATA = Path(__file__).resolve().parent / "demo_data" / "events.json"


def today_in_paris():
    return dt.datetime.now(PARIS).date()


# -- relative dates -----------------------------------------------------------------------


def _weekday(code):
    return WEEKDAYS.index(code)


def next_weekday(day, code):
    """``day`` itself when it is that weekday, else the next one."""
    return day + dt.timedelta(days=(_weekday(code) - day.weekday()) % 7)


def nth_weekday(year, month, nth, code):
    """The nth (1–4, or -1 for the last) given weekday of a month."""
    if nth == -1:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - _weekday(code)) % 7)
    return next_weekday(dt.date(year, month, 1), code) + dt.timedelta(weeks=nth - 1)


def _add_months(year, month, months):
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def first_date(when, today):
    if "days" in when:
        return today + dt.timedelta(days=when["days"])
    if "weekday" in when:
        return next_weekday(today + dt.timedelta(weeks=when.get("weeks", 0)), when["weekday"])
    if "nth_weekday" in when:
        nth, code = when["nth_weekday"]
        months = when.get("months", 0)
        date = nth_weekday(*_add_months(today.year, today.month, months), nth, code)
        if months == 0 and date < today:
            date = nth_weekday(*_add_months(today.year, today.month, 1), nth, code)
        return date
    if "annual" in when:
        month, (nth, code) = when["annual"]["month"], when["annual"]["nth_weekday"]
        date = nth_weekday(today.year, month, nth, code)
        return date if date >= today else nth_weekday(today.year + 1, month, nth, code)
    raise ValueError(f"No first date in {when!r}")


def _utc(day, time="00:00"):
    hours, minutes = (int(part) for part in time.split(":"))
    # Stored and compared in UTC: that is how the database gives datetimes back.
    return dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=PARIS).astimezone(dt.UTC)


def _date_stream(key, name, dates):
    return [
        {"type": "date", "value": date.isoformat(), "id": block_id(key, name, index)}
        for index, date in enumerate(sorted(dates))
    ]


def schedule(key, when, today):
    """The schedule fields of an event (synchronised across languages)."""
    day = first_date(when, today)
    if when.get("all_day"):
        values = {
            "start": _utc(day),
            "end": _utc(day + dt.timedelta(days=when.get("length_days", 1) - 1)),
            "all_day": True,
        }
    else:
        start = dt.datetime.combine(day, dt.time(*(int(part) for part in when["time"].split(":"))), tzinfo=PARIS)
        end = start + dt.timedelta(minutes=when.get("minutes", 120))  # wall-clock time, as the occurrences
        values = {"start": start.astimezone(dt.UTC), "end": end.astimezone(dt.UTC), "all_day": False}
    repeat = when.get("repeat") or {}
    weekly = repeat.get("frequency") == EventPage.Frequency.WEEKLY
    values.update(
        {
            "frequency": repeat.get("frequency", EventPage.Frequency.NONE),
            "interval": repeat.get("interval", 1),
            "weekdays": ",".join(repeat.get("weekdays", [WEEKDAYS[day.weekday()]] if weekly else [])),
            "monthly_mode": repeat.get("monthly_mode", EventPage.MonthlyMode.DAY),
            "count": repeat.get("count"),
            "until": day + dt.timedelta(days=repeat["until_days"]) if "until_days" in repeat else None,
            "excluded_dates": [],
            "cancelled_dates": [],
            "extra_dates": [],
        }
    )
    if repeat.get("exclude") or repeat.get("cancel"):
        dates = series_dates(values)
        values["excluded_dates"] = _date_stream(key, "excluded", [dates[i] for i in repeat.get("exclude", [])])
        values["cancelled_dates"] = _date_stream(key, "cancelled", [dates[i] for i in repeat.get("cancel", [])])
    return values


def series_dates(values):
    """The dates of a series before any exclusion, with the recurrence code of the agenda."""
    event = EventPage(**values)
    start = event.start
    return [item.start.date() for item in occurrences(event, start, start + dt.timedelta(days=800))]


# -- loading ------------------------------------------------------------------------------


class EventsLoader:
    def __init__(self, loader, today=None):
        self.loader = loader
        self.french, self.english = loader.french, loader.english
        self.today = today or today_in_paris()
        self.data = json.loads(DATA.read_text(encoding="utf-8"))
        self.communes = {commune.insee_code: commune.pk for commune in Commune.objects.all()}
        self.organisations = dict(Organisation.objects.filter(locale=self.french).values_list("slug", "pk"))
        self.contact = read_json("territory.json")
        self.stats = {"published": 0, "translated": 0}

    def run(self):
        categories = self.load_categories()
        index = self.index = self.load_index()
        events = self.data["events"]
        for item in events:
            self.load_event(index, item, categories)
        recurring = sum(1 for item in events if item["when"].get("repeat"))
        self.loader.say(
            f"Events: {len(events)} demo events in French and English, {recurring} recurring "
            f"({self.stats['published']} published, {self.stats['translated']} translations published); "
            f"dates and times are made up for the demo, relative to {self.today.isoformat()}"
        )

    def load_categories(self):
        categories = {}
        changed_count = 0
        for item in self.data["categories"]:
            slug = item["slug"]
            category = EventCategory.objects.filter(slug=slug, locale=self.french).first()
            category = category or EventCategory(slug=slug, locale=self.french)
            changed = self.loader.assign_values(category, {"name": item["name"]["fr"]})
            if changed:
                category.full_clean()
                category.save()
            english = EventCategory(slug=slug, name=item["name"]["en"])
            _, translated = publish_translation(category, self.english, english, force=changed)
            changed_count += changed or translated
            categories[slug] = category
        self.loader.say(f"Event categories: {len(categories)} in French and English ({changed_count} changed)")
        return categories

    def load_index(self):
        data = self.data["index"]
        # Fresh from the database: the tree under the home page changed since it was loaded.
        home = HomePage.objects.get(pk=self.loader.home.pk)
        index = EventIndexPage.objects.child_of(home).first()
        if index is None:
            index = EventIndexPage(title=data["title"]["fr"], slug=data["slug"]["fr"], locale=self.french)
            home.add_child(instance=index)

        def values(language):
            return {
                "title": data["title"][language],
                "slug": data["slug"][language],
                "introduction": data["introduction"][language],
                "show_in_menus": True,
            }

        changed = self.loader.publish(index, values("fr"))
        # The agenda must be translated before its events can be.
        _, translated = publish_translation(index, self.english, EventIndexPage(**values("en")), force=changed)
        self.loader.say(f"Agenda page: {'published' if changed or translated else 'unchanged'} in French and English")
        return index

    def texts(self, item, language):
        """The translated fields of an event."""
        venue = self.data["venues"][item["venue"]]
        return {
            "title": item["title"][language],
            "slug": item["slug"][language],
            "summary": item["summary"][language],
            "body": stream_data(item.get("body", []), language, item["key"]),
            "status_note": item.get("status_note", {}).get(language, ""),
            "venue_name": venue["name"][language],
            "price": item.get("price", {}).get(language, ""),
            "accessibility": item.get("accessibility", {}).get(language, ""),
        }

    def values(self, item):
        """Every field of the French event but its relations."""
        venue = self.data["venues"][item["venue"]]
        contact = item.get("contact") == "ccpm"
        return {
            **self.texts(item, "fr"),
            **schedule(item["key"], item["when"], self.today),
            "status": item.get("status", EventPage.Status.SCHEDULED),
            "address": venue.get("address", ""),
            "commune_id": self.communes[venue["commune"]],
            "latitude": Decimal(venue["latitude"]) if venue.get("latitude") else None,
            "longitude": Decimal(venue["longitude"]) if venue.get("longitude") else None,
            "organiser_id": self.organisations[item["organiser"]] if item.get("organiser") else None,
            "audience": item.get("audience", EventPage.Audience.EVERYONE),
            "is_free": bool(item.get("free")),
            "booking_url": "",
            "contact_email": self.contact["email"] if contact else "",
            "contact_phone": self.contact["phone"] if contact else "",
        }

    def load_event(self, index, item, categories):
        values = self.values(item)
        page = EventPage.objects.child_of(index).filter(slug=item["slug"]["fr"]).first()
        if page is None:
            page = EventPage(locale=self.french, live=False, **values)
            index.add_child(instance=page)
        relations_changed = self.relations(page, item, categories)
        changed = self.loader.publish(page, values, force=relations_changed)
        english = EventPage(**self.texts(item, "en"))
        _, translated = publish_translation(page, self.english, english, force=changed)
        self.stats["published"] += changed
        self.stats["translated"] += translated

    @staticmethod
    def relations(page, item, categories):
        """Categories and tags (synchronised to the translation); tell whether they changed."""
        wanted = [categories[slug] for slug in item["categories"]]
        tags = sorted(set(item.get("tags", [])))
        before = ({category.pk for category in page.categories.all()}, sorted(page.tags.names()))
        if before == ({category.pk for category in wanted}, tags):
            return False
        page.categories = wanted
        page.tags.set(tags, clear=True)
        return True


def load(loader, today=None):
    """Load the demo agenda of the Pays de Mormal (skipped when it is not among the territories
    being loaded). ``today`` (a date) is for tests; the default is today in Paris."""
    if MORMAL not in loader.territories:
        return
    with transaction.atomic():
        events = EventsLoader(loader, today=today)
        events.run()
    # What other packages add to the demo agenda: the contributions' moderation accounts and
    # proposals waiting for a decision.
    for load_more in registry.demo_loaders:
        with transaction.atomic():
            load_more(loader, events.index, events.today)
