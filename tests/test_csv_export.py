"""CSV downloads are safe to open in a spreadsheet: text that would run as a formula is quoted,
numbers stay numbers (OWASP "CSV injection")."""

import csv
import io
from decimal import Decimal

import pytest

from home.csv_export import csv_text, safe_cell
from tests.event_builders import add_event
from tests.open_data_builders import Territory, soon

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_text_a_spreadsheet_would_run_gets_a_leading_quote(formula):
    assert safe_cell(formula) == "'" + formula


@pytest.mark.parametrize("value", [Decimal("-1.5"), -1.5, -3, 0])
def test_numbers_stay_numbers(value):
    assert safe_cell(value) == str(value)


@pytest.mark.parametrize("text", ["+33327000000", "-1.5", "Repair café", "", "2026-05-01", "a=b"])
def test_plain_text_and_signed_numbers_in_text_are_unchanged(text):
    assert safe_cell(text) == text


def test_a_whole_file_reads_back_with_the_quoted_cells():
    text = csv_text(["title", "longitude"], [["=1+1", Decimal("-1.5")], [None, 3]])
    assert list(csv.reader(io.StringIO(text))) == [["title", "longitude"], ["'=1+1", "-1.5"], ["", "3"]]


@pytest.mark.django_db
def test_the_events_download_neutralises_a_hostile_title(client, moderated):
    territory = Territory(moderated)
    add_event(territory.agenda, '=HYPERLINK("http://evil.example","Fête")', soon(9), soon(9, 17), slug="formule")
    text = client.get("/open-data/events.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    titles = {row["title"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example","Fête")' in titles
    assert not any(row["title"].startswith(("=", "+", "-", "@")) for row in rows)
    repair = next(row for row in rows if row["title"] == "Repair café")
    assert repair["latitude"] == "50.296100"  # numbers untouched
