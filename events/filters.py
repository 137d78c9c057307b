"""The agenda's filters, read from GET parameters, shared by the agenda pages and the feeds so
that both always give the same events."""

import datetime as dt

from dateutil.relativedelta import MO, SA, SU, relativedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import PageViewRestriction

from home.listing_filters import read_day
from home.localized_names import names_in_locale
from home.models import Commune, Organisation

from .models import EventCategory, EventPage, Occurrence
from .recurrence import PARIS

QUICK_RANGES = {
    "today": _("Today"),
    "weekend": _("This weekend"),
    "week": _("This week"),
    "month": _("This month"),
}
MAX_TEXT = 100
# Filters that take several values (``?commune=bavay&commune=le-quesnoy``: either commune), as the
# feed builder sends them; at most MAX_CHOICES each.
MULTIPLE = ("commune", "category", "organiser", "audience")
MAX_CHOICES = 30


class AgendaFilters:
    """Parse the filter parameters (unknown values are ignored, bad dates reported) and build
    the occurrence query for one language."""

    def __init__(self, params, locale, now=None, root=None):
        self.params = params
        self.locale = locale
        self.root = root  # an agenda page or a site's home: only events below it
        self.now = now or timezone.now()
        self.errors = {}
        self.values = {}
        # Every value of the filters that take several (sorted, without repeats); ``values`` holds
        # the one value when there is one, as before.
        self.selected = {}
        self._read()

    def _read(self):
        get = self.params.get
        audiences = {value for value, _label in EventPage.Audience.choices}
        for name in MULTIPLE:
            raw = self.params.getlist(name) if hasattr(self.params, "getlist") else [get(name)]
            chosen = sorted({(value or "").strip() for value in raw} - {""})
            if name == "audience":
                chosen = [value for value in chosen if value in audiences]
            if chosen:
                self.selected[name] = chosen[:MAX_CHOICES]
                if len(chosen) == 1:
                    self.values[name] = chosen[0]
        value = (get("when") or "").strip()
        if value:
            self.values["when"] = value
        if self.values.get("when") not in QUICK_RANGES:
            self.values.pop("when", None)
        if get("free") in ("1", "on", "true"):
            self.values["free"] = True
        text = (get("q") or "").strip()[:MAX_TEXT]
        if text:
            self.values["q"] = text
        for name in ("from", "to"):
            raw = (get(name) or "").strip()
            if not raw:
                continue
            day = read_day(raw)  # None for year 9999 too: "the day after" would overflow
            if day is None:
                self.errors[name] = _("Enter a date such as 2026-12-24.")
                self.values[f"{name}_raw"] = raw
            else:
                self.values[name] = day
        if "from" in self.values and "to" in self.values and self.values["to"] < self.values["from"]:
            self.errors["to"] = _("The end date must come after the start date.")

    def range(self):
        """The period asked for, as aware datetimes (start inclusive, end exclusive). Days are
        Paris days: "this weekend" on a Sunday is that Sunday, "this week" ends on Sunday night."""
        today = self.now.astimezone(PARIS).date()
        when = self.values.get("when")
        start, end = today, None
        if when == "today":
            end = today + dt.timedelta(days=1)
        elif when == "weekend":
            # relativedelta(weekday=SA) is today on a Saturday, else the coming Saturday.
            start = today if today.weekday() == SU.weekday else today + relativedelta(weekday=SA)
            end = today + relativedelta(days=1, weekday=MO)
        elif when == "week":
            end = today + relativedelta(days=1, weekday=MO)
        elif when == "month":
            end = today + relativedelta(months=1, day=1)
        if "from" in self.values and "from" not in self.errors:
            start = self.values["from"]
        if "to" in self.values and "to" not in self.errors:
            end = self.values["to"] + dt.timedelta(days=1)
        return _aware(start), (_aware(end) if end else None)

    def occurrences(self, past=False):
        queryset = Occurrence.objects.filter(event__live=True, event__locale=self.locale)
        if self.root is not None:
            queryset = queryset.filter(event__path__startswith=self.root.path)
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
        for path in restricted:
            queryset = queryset.exclude(event__path__startswith=path)
        if past:
            queryset = queryset.filter(end__lt=self.now).order_by("-start")
        else:
            start, end = self.range()
            lower = max(start, self.now) if "from" not in self.values else start
            queryset = queryset.filter(end__gt=lower)
            if end is not None:
                queryset = queryset.filter(start__lt=end)
            queryset = queryset.order_by("start", "event__title")
        return self.apply(queryset, prefix="event__").select_related("event", "event__commune")

    def events(self):
        """The published events the filters select (for feeds, which list series, not
        occurrences)."""
        events = EventPage.objects.live().public().filter(locale=self.locale)
        if self.root is not None:
            events = events.filter(path__startswith=self.root.path)
        return self.apply(events, prefix="")

    def apply(self, queryset, prefix):
        values = self.values
        fields = {"commune": "commune__slug", "category": "categories__slug", "organiser": "organiser__slug"}
        fields["audience"] = "audience"
        for name, field in fields.items():
            if name in self.selected:
                queryset = queryset.filter(**{f"{prefix}{field}__in": self.selected[name]})
        if "category" in self.selected:
            # The only filter across a many-to-many relation, so the only one that can repeat rows.
            queryset = queryset.distinct()
        if values.get("free"):
            queryset = queryset.filter(**{f"{prefix}is_free": True})
        if "q" in values:
            text = values["q"]
            queryset = queryset.filter(
                Q(**{f"{prefix}title__icontains": text})
                | Q(**{f"{prefix}summary__icontains": text})
                | Q(**{f"{prefix}venue_name__icontains": text})
            )
        return queryset

    def choices(self):
        """Options of the filter form, in the visitor's language."""
        return {
            "commune": list(Commune.objects.filter(events__live=True).distinct().values_list("slug", "name")),
            "category": list(
                EventCategory.objects.filter(locale=self.locale).order_by("name").values_list("slug", "name")
            ),
            "organiser": self.organiser_choices(),
            "audience": [(value, label) for value, label in EventPage.Audience.choices],
            "when": list(QUICK_RANGES.items()),
        }

    def organiser_choices(self):
        """The organisers of live events, named in the visitor's language (two queries)."""
        organisers = list(
            Organisation.objects.filter(events__live=True, events__locale=self.locale)
            .distinct()
            .values_list("slug", "name", "translation_key")
        )
        names = names_in_locale(Organisation, self.locale, {key for _slug, _name, key in organisers})
        named = [(slug, names.get(key, name)) for slug, name, key in organisers]
        return sorted(named, key=lambda item: item[1].lower())

    def query_string(self, **changes):
        """The current filters as a query string (for pagination and feed links): always the same
        for the same filters, whatever the order they came in (the feed builder's short, stable
        address; the feeds' cache key)."""
        from urllib.parse import urlencode

        params = {}
        for name in ("commune", "category", "organiser", "audience", "when", "q"):
            if name in self.selected:
                params[name] = self.selected[name]
            elif name in self.values:
                params[name] = self.values[name]
        if self.values.get("free"):
            params["free"] = "1"
        for name in ("from", "to"):
            if name in self.values and name not in self.errors:
                params[name] = self.values[name].isoformat()
        params.update({key: value for key, value in changes.items() if value is not None})
        return urlencode(params, doseq=True)


def _aware(day):
    return dt.datetime.combine(day, dt.time(0), tzinfo=PARIS)
