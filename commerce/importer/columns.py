"""The columns of the merchants file, declared once in ``COLUMNS``.

Each column has a header, a reader for its cell (``cells.py``) and the page fields it sets. The rest
follows from the table: the headers a file may have, in the order of
``commerce/import_template.csv``; the required column and the keys; the order in which a row's
reasons and an update's changes are listed; the fields the model checks. The README's table tells
the people who fill the file in what each column holds.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..hours_text import hours_blocks
from ..models import MerchantPage
from .cells import (
    SERVICES,
    read_category,
    read_commune,
    read_confirmed_on,
    read_coordinates,
    read_description,
    read_external_id,
    read_hours,
    read_labels,
    read_name,
    read_products,
    read_services,
    read_siret,
    read_text,
)


@dataclass(frozen=True)
class Column:
    """A column of the file and what it sets on a merchant page."""

    header: str
    fields: tuple[str, ...] = ()  # the page fields it sets; the field named like the header when empty
    parse: Callable = read_text  # the cell's text (a pair's two texts) to the value; raises RowError
    required: bool = False  # in every header, with a value on every row
    key: bool = False  # finds the page again: every header has a key column, every row a value in one
    pair: str = ""  # a second column read together with this one into one value (the coordinates)
    assign: Callable | None = None  # (page, value, row key), where setting the fields is not enough
    compare: Callable | None = None  # page → what an update compares, where the fields' values are not

    def __post_init__(self):
        if not self.fields:
            object.__setattr__(self, "fields", (self.header,))

    @property
    def headers(self):
        return (self.header, self.pair) if self.pair else (self.header,)

    def name_of(self, field):
        """What the report calls ``field``: the header, or the field's name when the column sets several."""
        return self.header if len(self.fields) == 1 else field

    def set(self, page, value, key):
        if self.assign is not None:
            self.assign(page, value, key)
        elif len(self.fields) == 1:
            setattr(page, self.fields[0], value)
        else:
            for field, item in zip(self.fields, value, strict=True):
                setattr(page, field, item)

    def snapshot(self, page):
        """What the column set on ``page``, by the names the report gives it, comparable before and
        after a row is assigned."""
        if self.compare is not None:
            return {self.header: self.compare(page)}
        snapshot = {}
        for field in self.fields:
            value = getattr(page, MerchantPage._meta.get_field(field).attname)  # category_id, not a query
            snapshot[self.name_of(field)] = format(value.normalize(), "f") if isinstance(value, Decimal) else value
        return snapshot


# -- what a plain assignment cannot do ---------------------------------------------------------------


def set_title(page, name, key):
    page.title = page.draft_title = name


def set_category(page, category, key):
    if category:  # an existing merchant keeps its category when the cell is empty
        page.category = category


def set_hours(page, text, key):
    """The row's usual week, followed by the seasons and exceptions already on the page.
    When the usual week is the same as before, the page's own blocks are kept as they are."""
    current = list(page.opening_hours.raw_data) if page.pk else []
    kept = [block for block in current if not (block.get("type") == "period" and not _dated(block))]
    usual = [block for block in current if block.get("type") == "period" and not _dated(block)]
    new = hours_blocks(text, key)
    page.opening_hours = current if _week(usual) == _week(new) else new + kept


def hours_of(page):
    return json.dumps(list(page.opening_hours.raw_data), sort_keys=True, default=str)


def set_products(page, products, key):
    if _tags_of(page) != set(products):
        page.tags.set(products, clear=True)
        page._import_tags = set(products)


def products_of(page):
    return page._import_tags if hasattr(page, "_import_tags") else _tags_of(page)


def set_labels(page, labels, key):
    if _labels_of(page) != {label.pk for label in labels}:
        page.labels.set(labels)
        page._import_labels = {label.pk for label in labels}


def labels_of(page):
    return page._import_labels if hasattr(page, "_import_labels") else _labels_of(page)


def _tags_of(page):
    if page.pk is None:
        return set()
    return {item.tag.name for item in page.tagged_items.all()}


def _labels_of(page):
    if page.pk is None:
        return set()
    return {label.pk for label in page.labels.all()}


def _dated(block):
    return bool((block.get("value") or {}).get("starts"))


def _week(blocks):
    """The usual week of period blocks as comparable rows, whatever the block ids or the order."""
    from home.directory.opening_hours import OpeningHours

    return sorted(OpeningHours.from_raw(blocks).weekly_rows())


# -- the table -------------------------------------------------------------------------------------

# In the order an update's changes are listed (the page's order, roughly); the file puts the keys first.
COLUMNS = (
    Column("name", fields=("title",), parse=read_name, required=True, assign=set_title),
    Column("category", parse=read_category, assign=set_category),
    Column("summary", fields=("introduction",)),
    Column("description", parse=read_description),
    Column("street_address"),
    Column("commune", parse=read_commune),
    Column("latitude", fields=("latitude", "longitude"), parse=read_coordinates, pair="longitude"),
    Column("opening_hours", parse=read_hours, assign=set_hours, compare=hours_of),
    Column("opening_hours_note"),
    Column("phone"),
    Column("email"),
    Column("website"),
    Column("marketplace_url"),
    Column("products", fields=("tags",), parse=read_products, assign=set_products, compare=products_of),
    Column("services", fields=SERVICES, parse=read_services),
    Column("labels", parse=read_labels, assign=set_labels, compare=labels_of),
    Column("siret", parse=read_siret, key=True),
    Column("external_id", parse=read_external_id, key=True),
    Column("confirmed_on", parse=read_confirmed_on),
)

# The headers a file may have, keys first: the template's order, and the error message's.
HEADERS = tuple(header for column in sorted(COLUMNS, key=lambda column: not column.key) for header in column.headers)
REQUIRED = tuple(column.header for column in COLUMNS if column.required)
KEYS = tuple(column.header for column in COLUMNS if column.key)
# A row is read name and keys first (one key at least must have a value), then the other columns.
NAME_AND_KEYS = tuple(column for column in COLUMNS if column.required or column.key)
OTHER_COLUMNS = tuple(column for column in COLUMNS if column not in NAME_AND_KEYS)
# An update lists the fields it changes, then the hours, products and labels (compared as a whole).
COMPARED = tuple(sorted(COLUMNS, key=lambda column: column.compare is not None))
# What the model checks once a row is assigned (lengths, addresses, the SIRET's key, the hours
# blocks): every field a column sets, but relations, which were looked up when read.
CHECKED_FIELDS = frozenset(
    field for column in COLUMNS for field in column.fields if not MerchantPage._meta.get_field(field).is_relation
)
# The name a field has in the report: its column's header.
FIELD_NAMES = {field: column.name_of(field) for column in COLUMNS for field in column.fields}
