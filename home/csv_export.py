"""The CSV files the site writes (open-data downloads, strategy action exports), safe to open in a
spreadsheet.

A spreadsheet reads a cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula (and a tab or
carriage return before one as nothing), so an event title such as ``=HYPERLINK("http://…")``
typed into the public proposal form would run on the computer of whoever opens the download.
Following OWASP's advice, such text cells get a leading single quote, which spreadsheets show as
text and do not display. Numbers are written as numbers, a negative longitude (``-1.5``)
included: only values that are text when they reach the writer are neutralised, and of those not
a signed number alone (``+33327000000``, a phone number in international form), which a
spreadsheet can only read as that number. Machine readers of the CSV see the quote; the JSON
and GeoJSON downloads carry the same data untouched.
"""

import csv
import io
import re
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SIGNED_NUMBER = re.compile(r"[+-][0-9][0-9 .]*")


def safe_cell(value, text=None):
    """``text`` (by default ``value`` as a string) as a CSV cell: quoted with ``'`` when ``value``
    is text that a spreadsheet would read as a formula; unchanged when ``value`` is a number."""
    if text is None:
        text = "" if value is None else str(value)
    if isinstance(value, int | float | Decimal):
        return text
    if text.startswith(FORMULA_STARTS) and not SIGNED_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(header, rows, as_text=None):
    """A whole CSV file: ``header``, then ``rows`` (sequences of values), each value written as
    ``as_text(value)`` (``str``, or empty for None, by default) and made safe by ``safe_cell``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value, as_text(value) if as_text else None) for value in row])
    return buffer.getvalue()
