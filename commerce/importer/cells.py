"""Reading one cell of the merchants file: its text to the value a page field takes, or the reasons
why it cannot be read.

Every reader takes the cell's text and the :class:`Lookups` of the import (the coordinates reader
takes both texts of the pair) and raises :class:`RowError` with a translated reason. ``COLUMNS``
(``columns.py``) says which reader each column uses.
"""

import datetime as dt
import html
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from home.communes import commune_slug
from home.directory.location import check_coordinates
from home.models import Commune

from ..hours_text import HoursSyntaxError, hours_blocks
from ..models import MerchantCategory, MerchantLabel
from ..validators import siret_ok

MULTI_SEPARATOR = "|"
SERVICES = ("click_and_collect", "delivery", "farm_drive", "farm_sales", "step_free_access", "card_payment")


class RowError(Exception):
    """Why a row is rejected: every reason, translated, in the order the report gives them."""

    def __init__(self, *reasons):
        super().__init__("; ".join(reasons))
        self.reasons = list(reasons)


class Lookups:
    """What cells name, for one import: the site's communes, the categories and labels of the
    directory's language, by code, slug or name."""

    def __init__(self, site, locale):
        self.site = site
        communes = list(Commune.objects.filter(site=site))
        self.communes_by_code = {commune.insee_code: commune for commune in communes}
        self.communes_by_name = {}
        for commune in communes:
            self.communes_by_name.setdefault(_key(commune.name), []).append(commune)
        self.categories = {}
        categories = list(MerchantCategory.objects.filter(locale=locale))
        self.category_slugs = sorted(category.slug for category in categories)
        for category in categories:
            self.categories[category.slug] = category
            self.categories.setdefault(_key(category.name), category)
        self.labels = {}
        for label in MerchantLabel.objects.filter(locale=locale):
            self.labels[label.slug] = label
            self.labels.setdefault(_key(label.name), label)


def _key(name):
    """A forgiving comparison key for names typed by hand: case, accents, apostrophes, hyphens."""
    return commune_slug(name)


# -- readers, one per kind of cell ---------------------------------------------------------------


def read_text(text, lookups):
    return text


def read_name(text, lookups):
    if not text:
        raise RowError(_("missing name"))
    return text


def read_siret(text, lookups):
    siret = normalise_siret(text)
    if siret and not siret_ok(siret):
        message = (
            _("bad SIRET '%(value)s': 14 digits with a valid Luhn key expected")
            if len(siret) == 14 and siret.isdigit()
            else _("bad SIRET '%(value)s': 14 digits expected")
        )
        raise RowError(message % {"value": text})
    return siret


def read_external_id(text, lookups):
    if len(text) > 64:
        raise RowError(_("external_id longer than 64 characters"))
    return text


def read_category(text, lookups):
    """A category of the directory's language by slug or name; None for an empty cell."""
    if not text:
        return None
    category = lookups.categories.get(text) or lookups.categories.get(_key(text))
    if category is None:
        known = ", ".join(lookups.category_slugs)
        raise RowError(
            _("unknown category '%(value)s' (known: %(known)s)")
            % {"value": text, "known": known or _("none, create them in Snippets")}
        )
    return category


def read_description(text, lookups):
    """Plain text to the rich text of the description: paragraphs at blank lines, HTML escaped."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(html.escape(line.strip(), quote=False) for line in part.split("\n")) + "</p>"
        for part in paragraphs
    )


def read_commune(text, lookups):
    """A commune of the site by INSEE code (alone or before its name) or name; None for an empty cell."""
    if not text:
        return None
    code = text.split()[0] if text[:5].isdigit() or text[:2] in ("2A", "2B") else None
    if code and code in lookups.communes_by_code:
        return lookups.communes_by_code[code]
    matches = lookups.communes_by_name.get(_key(text), [])
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise RowError(_("commune '%(value)s' is ambiguous: give its INSEE code") % {"value": text})
    raise RowError(
        _("unknown commune '%(value)s': not the INSEE code or name of a commune of %(site)s")
        % {"value": text, "site": lookups.site}
    )


def read_coordinates(latitude_text, longitude_text, lookups):
    """The (latitude, longitude) pair, both or neither, inside France; one reason at most."""
    texts = (latitude_text, longitude_text)
    latitude, longitude = (parse_decimal(text) if text else None for text in texts)
    for label, text, value in zip(("latitude", "longitude"), texts, (latitude, longitude), strict=True):
        if text and value is None:
            raise RowError(_("%(column)s '%(value)s' is not a number") % {"column": label, "value": text})
    if latitude is not None and longitude is not None:
        latitude, longitude = round(latitude, 6), round(longitude, 6)
    problems = check_coordinates(latitude, longitude)
    if problems:
        raise RowError(
            _("coordinates out of range (%(latitude)s, %(longitude)s): %(message)s")
            % {
                "latitude": texts[0] or "–",
                "longitude": texts[1] or "–",
                "message": " ".join(str(message) for message in problems.values()),
            }
        )
    return latitude, longitude


def read_hours(text, lookups):
    """The text itself, once checked: the blocks are made when the page is assigned."""
    try:
        hours_blocks(text, "check")
    except HoursSyntaxError as error:
        raise RowError(_("unreadable opening hours: %(error)s") % {"error": error}) from None
    return text


def read_products(text, lookups):
    products = split_multi(text)
    too_long = [item for item in products if len(item) > 100]
    if too_long:
        raise RowError(_("product name longer than 100 characters: '%(value)s…'") % {"value": too_long[0][:40]})
    return products


def read_services(text, lookups):
    """One boolean per service of ``SERVICES``: those the cell does not list are turned off."""
    services = [item.lower().replace("-", "_").replace(" ", "_") for item in split_multi(text)]
    unknown = [item for item in services if item not in SERVICES]
    if unknown:
        raise RowError(
            _("unknown service '%(value)s' (use: %(known)s)")
            % {"value": "', '".join(unknown), "known": ", ".join(SERVICES)}
        )
    return tuple(service in services for service in SERVICES)


def read_labels(text, lookups):
    """Labels of the directory's language by slug or name; one reason per unknown label."""
    labels, reasons = [], []
    for item in split_multi(text):
        label = lookups.labels.get(item) or lookups.labels.get(_key(item))
        if label is None:
            reasons.append(_("unknown label '%(value)s'") % {"value": item})
        elif label not in labels:
            labels.append(label)
    if reasons:
        raise RowError(*reasons)
    return labels


def read_confirmed_on(text, lookups):
    """A date written YYYY-MM-DD or DD/MM/YYYY; None for an empty cell."""
    if not text:
        return None
    date = parse_date(text)
    if date is None:
        raise RowError(_("confirmed_on '%(value)s' is not a date (YYYY-MM-DD or DD/MM/YYYY)") % {"value": text})
    return date


# -- text helpers ----------------------------------------------------------------------------------


def normalise_siret(value):
    return re.sub(r"[\s.\u00a0]", "", value)


def parse_decimal(value):
    try:
        number = Decimal(value.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_date(value):
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def split_multi(value):
    seen = []
    for item in value.split(MULTI_SEPARATOR):
        item = " ".join(item.split())
        if item and item not in seen:
            seen.append(item)
    return seen
