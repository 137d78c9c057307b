"""Open data: the registry of the territory's datasets and how they are written.

A *dataset* is a table editors already fill through the site (actions of the strategy, events,
places, merchants, communes), published for reuse under the Licence Ouverte 2.0 as CSV, JSON
and, when its rows are located, GeoJSON, in French or English (``/open-data/<slug>.<format>``,
``home/opendata/views.py``), and listed on the "Open data" page.

Apps register their datasets with the ``register_open_data_dataset`` hook, a function returning
a :class:`Dataset`, so ``home`` knows nothing about them. Conventions (OD-01, OD-03): UTF-8,
comma-separated, several values in one cell separated by ``;``, ISO 8601 dates with their
offset, ``.`` as the decimal separator, a fixed column order; pages are identified by their
translation key (the same in every language and for the life of the page), communes by their
INSEE code.
"""

import dataclasses
import datetime as dt
import json
import re
import uuid
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.models import Locale, Site

from home.csv_export import csv_text
from home.listing_filters import read_day
from home.models import Commune, TerritorySettings

from .licence import LICENCE, LICENCE_ID, LICENCE_URL

HOOK = "register_open_data_dataset"
FORMATS = ("csv", "json", "geojson")
SEPARATOR = ";"
INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")


class InvalidFilter(ValueError):
    """A filter parameter has a value that names nothing: answered with 400 and the message."""


@dataclasses.dataclass(frozen=True)
class Scope:
    """What one export is for: the request, its site, the language asked for and the site's
    home page in that language (None when the territory is not published in it)."""

    request: object
    site: Site | None
    locale: Locale | None
    home: object

    @classmethod
    def for_request(cls, request, language):
        site = Site.find_for_request(request)
        locale = Locale.objects.filter(language_code=language).first()
        home = None
        if site is not None and locale is not None:
            home = site.root_page.get_translation_or_none(locale)
            home = home if home is not None and home.live else None
        return cls(request, site, locale, home)

    @property
    def language(self):
        return self.locale.language_code if self.locale else ""

    def pages(self, model):
        """The live, public pages of ``model`` in this language on this site."""
        if self.home is None:
            return model.objects.none()
        return (
            model.objects.live()
            .public()
            .filter(locale=self.locale, path__startswith=self.home.path)
            .select_related("locale")
        )

    def communes(self):
        return Commune.objects.filter(site=self.site) if self.site else Commune.objects.none()


@dataclasses.dataclass(frozen=True)
class Filter:
    """A query parameter of a dataset: ``read(scope, text)`` gives the value the queryset
    uses, or raises :class:`InvalidFilter`."""

    name: str
    help: str
    # A value, or a function of the scope giving one that selects something on this site (a
    # commune or category of this territory, a date relative to today), or None.
    example: str | Callable
    read: Callable

    def example_value(self, scope):
        return self.example(scope) if callable(self.example) else self.example


@dataclasses.dataclass(frozen=True)
class Format:
    """A further shape of a dataset's rows, for reusers who expect one (an aggregator reading
    OpenAgenda's or schema.org's): served at ``/open-data/<dataset>.<name>``.
    ``write(dataset, scope, rows, updated)`` returns the body."""

    name: str
    label: str
    content_type: str
    write: Callable
    description: str = ""


@dataclasses.dataclass(frozen=True)
class Dataset:
    """One published table.

    ``queryset(scope, filters)`` selects the objects of the rows (a fixed number of queries
    whatever their number), ``rows(scope, objects)`` turns them into dicts with the keys of
    ``columns``; ``updated`` names the queryset's field holding each row's last change.
    """

    slug: str
    title: str
    description: str
    columns: tuple
    queryset: Callable
    rows: Callable
    updated: str = "last_published_at"
    filters: tuple = ()
    located: bool = True
    order: int = 100
    # The rows change as time passes (upcoming events): for HTTP caches, the day counts as a
    # change too.
    follows_time: bool = False
    extra_formats: tuple = ()  # of Format

    @property
    def formats(self):
        return (FORMATS if self.located else FORMATS[:2]) + tuple(extra.name for extra in self.extra_formats)

    def extra_format(self, name):
        return next((extra for extra in self.extra_formats if extra.name == name), None)

    def read_filters(self, scope, params):
        values = {}
        for item in self.filters:
            text = (params.get(item.name) or "").strip()
            if text:
                values[item.name] = item.read(scope, text)
        return values

    def last_update(self, queryset):
        """When the content of these rows last changed."""
        return queryset.aggregate(updated=Max(self.updated))["updated"]

    def summary(self, scope):
        """Row count and last update without filters (for the "Open data" page)."""
        values = self.queryset(scope, {}).aggregate(count=Count("pk"), updated=Max(self.updated))
        return values["count"], values["updated"]


def datasets():
    """Every registered dataset, in their order."""
    found = [register() for register in hooks.get_hooks(HOOK)]
    return sorted(found, key=lambda dataset: (dataset.order, dataset.slug))


def get_dataset(slug):
    return next((dataset for dataset in datasets() if dataset.slug == slug), None)


# -- filters shared by the datasets -------------------------------------------------------


def read_commune(scope, text):
    if not INSEE.match(text):
        raise InvalidFilter(_("commune: give the INSEE code of a commune (five characters, e.g. 59053)."))
    commune = scope.communes().filter(insee_code=text).first()
    if commune is None:
        raise InvalidFilter(_("commune: %(code)s is not a commune of this territory.") % {"code": text})
    return commune


def example_commune(scope):
    return scope.communes().order_by("name").values_list("insee_code", flat=True).first()


def commune_filter():
    return Filter("commune", gettext_lazy("INSEE code of a commune of the territory"), example_commune, read_commune)


def read_date(name):
    def read(scope, text):
        day = read_day(text)
        if day is None:
            raise InvalidFilter(_("%(name)s: give a date as YYYY-MM-DD, e.g. 2026-07-14.") % {"name": name})
        return day

    return read


def read_slug(name, options):
    """A filter whose value is one of ``options(scope)`` (slugs of categories, kinds…)."""

    def read(scope, text):
        known = sorted(options(scope))
        if text not in known:
            raise InvalidFilter(
                _("%(name)s: unknown value %(value)s. Possible values: %(values)s.")
                % {"name": name, "value": text, "values": ", ".join(known) or "—"}
            )
        return text

    return read


def slug_filter(name, help, example, model):
    """A filter on the slug of one row of ``model`` (a category, a kind of place…); its example
    is ``example`` when that slug exists, else the first one that does."""

    def slugs(scope):
        return set(model.objects.values_list("slug", flat=True))

    def example_slug(scope):
        known = slugs(scope)
        return example if example in known else min(known, default=None)

    return Filter(name, help, example_slug, read_slug(name, slugs))


# -- writing -------------------------------------------------------------------------------


def iso(value):
    """ISO 8601; an instant in Paris time with its offset, as the events' dates are."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()


def plain(value):
    """A value as JSON has it: decimals as numbers, dates in ISO 8601, identifiers as text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date):
        return iso(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def cell(value):
    """A value as a CSV cell (OD-03)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return SEPARATOR.join(str(cell(item)) for item in value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime | dt.date):
        return iso(value)
    return str(value)


def metadata(dataset, scope, updated, count):
    """What every JSON and GeoJSON download says about itself (OD-01)."""
    territory = TerritorySettings.for_request(scope.request) if scope.site else None
    return {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "language": scope.language,
        "producer": territory.name if territory else "",
        "licence": LICENCE_ID,
        "licence_name": LICENCE,
        "licence_url": LICENCE_URL,
        "last_update": iso(updated) if updated else None,
        "count": count,
    }


def to_csv(dataset, rows):
    return csv_text(dataset.columns, ([row[column] for column in dataset.columns] for row in rows), as_text=cell)


def to_json(dataset, scope, rows, updated):
    data = metadata(dataset, scope, updated, len(rows))
    data["data"] = [{column: plain(row[column]) for column in dataset.columns} for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=1)


def to_geojson(dataset, scope, rows, updated):
    """A FeatureCollection of the located rows (RFC 7946: [longitude, latitude], WGS84), with
    the licence, producer and date as foreign members."""
    features = [
        {
            "type": "Feature",
            "id": plain(row["id"]),
            "geometry": {"type": "Point", "coordinates": [float(row["longitude"]), float(row["latitude"])]},
            "properties": {
                column: plain(row[column]) for column in dataset.columns if column not in ("latitude", "longitude")
            },
        }
        for row in rows
        if row["latitude"] is not None and row["longitude"] is not None
    ]
    data = {"type": "FeatureCollection", **metadata(dataset, scope, updated, len(features)), "features": features}
    return json.dumps(data, ensure_ascii=False)
