"""The tracker of a strategy document as a CSV file, for editors: exported, edited in a
spreadsheet, imported back.

- **One row per action**, keyed by ``id`` (the action's translation key, shared by its
  languages) or else by ``code``: where it stands (status, progress, the date and comment of
  that status) and its planned dates.
- **Import**: a row whose status, progress, status date, comment or source differ from the
  action's latest status entry adds a new entry (``created``); planned dates that differ are
  updated (``updated``); a row identical to the export changes nothing (``unchanged``). A bad row
  is ``rejected`` with its line and every reason, in the editor's language; the other rows are
  imported (each row in its own savepoint). Changes are published when the editor may publish
  and the page has no pending draft, otherwise saved as a draft, like the two-click change.
- **Budget lines** belong to the budget tracker (issue 18, items 3–4): their columns go in
  ``BUDGET_COLUMNS``, read and written by the functions named there.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from home.csv_export import FORMULA_STARTS, csv_text

from .models import ActionPage, Status
from .tracker import DatePrecision, StatusEntry, current_progress, latest_entry
from .tracker_admin import record_status

KEY_COLUMNS = ["id", "code"]
COLUMNS = [
    "id",
    "code",
    "title",
    "status",
    "progress",
    "status_date",
    "comment",
    "source",
    "start_date",
    "end_date",
]
# The budget tracker's columns, once it exists: appended to COLUMNS on export and import.
BUDGET_COLUMNS = []
MAX_BYTES = 2 * 1024 * 1024


class TrackerCsvError(Exception):
    """The file as a whole cannot be read; nothing was imported."""


@dataclass
class RowResult:
    line: int
    outcome: str  # created, updated, unchanged or rejected
    code: str = ""
    reasons: list = field(default_factory=list)
    published: bool = True


@dataclass
class TrackerReport:
    dry_run: bool
    rows: list = field(default_factory=list)

    def count(self, outcome):
        return sum(1 for row in self.rows if row.outcome == outcome)


def tracker_actions(document):
    return ActionPage.objects.live().descendant_of(document).order_by("path").prefetch_related("status_entries")


def export_tracker(document):
    """The CSV text of the document's tracker (in the document's language)."""
    rows = []
    for action in tracker_actions(document):
        entries = list(action.status_entries.all())
        latest = latest_entry(entries)
        rows.append(
            [
                str(action.translation_key),
                action.code,
                action.heading,
                action.status,
                current_progress(entries),
                latest.date_iso if latest else "",
                latest.comment if latest else "",
                latest.source if latest else "",
                action.start_date.isoformat() if action.start_date else "",
                action.end_date.isoformat() if action.end_date else "",
            ]
        )
    return csv_text(COLUMNS + BUDGET_COLUMNS, rows)


def read_rows(data):
    """(line, {column: text}) of every non-empty row; raises TrackerCsvError."""
    if len(data) > MAX_BYTES:
        raise TrackerCsvError(_("The file is too large: at most 2 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TrackerCsvError(_("The file is not UTF-8: save it as “CSV UTF-8” and import it again.")) from None
    lines = text.splitlines()
    if not lines:
        raise TrackerCsvError(_("The file is empty."))
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader)]
    if not any(key in header for key in KEY_COLUMNS) or "status" not in header:
        raise TrackerCsvError(
            _("The first line must name the columns, with status and id or code, among: %(columns)s.")
            % {"columns": ", ".join(COLUMNS + BUDGET_COLUMNS)}
        )
    rows = []
    for values in reader:
        if any(value.strip() for value in values):
            rows.append((reader.line_num, {name: value.strip() for name, value in zip(header, values, strict=False)}))
    return header, rows


def unquoted(text):
    """A text cell as typed: the export quotes text a spreadsheet would read as a formula."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def parse_date(text, reasons, column):
    """A date and its precision from 2023, 2023-03 or 2023-03-15; None when empty or bad."""
    formats = (("%Y-%m-%d", DatePrecision.DAY), ("%Y-%m", DatePrecision.MONTH), ("%Y", DatePrecision.YEAR))
    for pattern, precision in formats:
        try:
            return datetime.datetime.strptime(text, pattern).date(), precision
        except ValueError:
            continue
    message = _("%(column)s “%(value)s” is not a date: write 2024-03-15, 2024-03 or 2024.")
    reasons.append(message % {"column": column, "value": text})
    return None, None


def read_row(row, header, actions, reasons):
    """What the row asks for: (action, new entry or None, {field: date}); reasons filled when bad."""
    action = actions.get(row.get("id")) or (actions.get(("code", row.get("code"))) if "code" in header else None)
    if action is None:
        reasons.append(_("No action with this id or code in this document."))
        return None, None, {}
    status = row.get("status", "")
    if status not in Status.values:
        message = _("Unknown status “%(value)s”: use one of %(choices)s.")
        reasons.append(message % {"value": status, "choices": ", ".join(Status.values)})
    progress = None
    if row.get("progress"):
        try:
            progress = int(row["progress"])
        except ValueError:
            progress = -1
        if not 0 <= progress <= 100:
            reasons.append(_("Progress “%(value)s” must be a whole number from 0 to 100.") % {"value": row["progress"]})
    date, precision = (None, None)
    if row.get("status_date"):
        date, precision = parse_date(row["status_date"], reasons, "status_date")
        if date and date > datetime.date.today():
            reasons.append(_("The status date %(value)s is in the future.") % {"value": row["status_date"]})
    planned = {}
    for column in ("start_date", "end_date"):
        if column in header:
            value = parse_date(row[column], reasons, column)[0] if row.get(column) else None
            if value != getattr(action, column):
                planned[column] = value
    if reasons:
        return action, None, {}
    entries = list(action.status_entries.all())
    latest = latest_entry(entries)
    current = (action.status, current_progress(entries), latest.date_iso if latest else "")
    current += (latest.comment, latest.source) if latest else ("", "")
    comment, source = unquoted(row.get("comment", "")), unquoted(row.get("source", ""))
    asked = (status, progress, row.get("status_date", ""), comment, source)
    if asked == current:
        return action, None, planned
    if date is None:
        reasons.append(_("A change of status needs its date (status_date)."))
        return action, None, {}
    entry = StatusEntry(
        action=action,
        locale=action.locale,
        status=status,
        progress=progress,
        date=date,
        date_precision=precision,
        comment=comment,
        source=source[:255],
    )
    return action, entry, planned


def import_tracker(document, data, user, dry_run=False):
    """Import the CSV ``data`` (bytes) into the tracker of ``document`` (its source-language
    version); returns a TrackerReport, raises TrackerCsvError when the file cannot be read."""
    header, rows = read_rows(data)
    actions = {}
    for action in tracker_actions(document):
        actions[str(action.translation_key)] = action
        actions[("code", action.code)] = action
    report = TrackerReport(dry_run=dry_run)
    with transaction.atomic():
        for line, row in rows:
            reasons = []
            action, entry, planned = read_row(row, header, actions, reasons)
            result = RowResult(line=line, outcome="unchanged", code=row.get("code", ""), reasons=reasons)
            if reasons:
                result.outcome = "rejected"
            elif entry is not None or planned:
                result.outcome = "created" if entry is not None else "updated"
                if not dry_run:
                    with transaction.atomic():
                        result.published = record_status(action, entry, user, values=planned)
            report.rows.append(result)
        if dry_run:
            transaction.set_rollback(True)
    return report
