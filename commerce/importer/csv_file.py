"""Reading the merchants CSV file: encoding, delimiter and header, before any row is looked at.

Spreadsheets export CSV in many flavours. What is accepted, and what is refused with one clear
message (``CsvFileError``) rather than read wrongly:

- **encoding**: UTF-8, with or without the byte-order mark Excel's "CSV UTF-8" writes. A file
  that is not UTF-8 (Excel's plain "CSV" is Windows-1252 on French Windows) is refused with a
  message saying how to re-save it, unless the operator says it is Windows-1252 (``encoding=
  "cp1252"``: ``--encoding cp1252``, or the choice in the admin form); the report then carries
  a warning so accented letters get checked in the preview. Guessing silently would turn
  "Bavay – Épicerie" into "Bavay â€“ Ã‰picerie" on the public site.
- **delimiter**: ``;`` (French Excel and LibreOffice), ``,`` or a tab, told apart by the header:
  the delimiter that splits it into known column names wins.
- **header**: the first line names the columns, in any order and case; the name column and at
  least one key column (SIRET or external id) are required. Unknown columns are reported as a
  warning and ignored.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

DELIMITERS = {";": "semicolon", ",": "comma", "\t": "tab"}
ENCODINGS = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}


class CsvFileError(Exception):
    """The file as a whole cannot be read; nothing is imported. The message says why and how to fix it."""


@dataclass
class CsvFile:
    columns: list  # the known columns, in the file's order
    rows: list  # (line number, {column: stripped text}) for every non-empty row
    delimiter: str
    encoding: str
    warnings: list = field(default_factory=list)


def decode(data, encoding=None):
    """The text of ``data`` (bytes) and warnings; raises :class:`CsvFileError`."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CsvFileError(
            _("The file is UTF-16 (Excel's “Unicode text”): save it as “CSV UTF-8 (comma delimited)” instead.")
        )
    if encoding not in (None, "utf-8", "cp1252"):
        raise CsvFileError(_("Unsupported encoding %(value)s: use utf-8 or cp1252.") % {"value": encoding})
    if encoding == "cp1252":
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise CsvFileError(
                _("The file is not Windows-1252 either (%(reason)s at byte %(position)s).")
                % {"reason": error.reason, "position": error.start}
            ) from None
        return text, [_("The file was read as Windows-1252: check accented letters in the result.")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex()
        raise CsvFileError(
            _(
                "The file is not UTF-8 (byte 0x%(byte)s on line %(line)s): it is probably Windows-1252, as "
                "Excel's plain “CSV” saves it. Save it as “CSV UTF-8” (Excel) or with the “Unicode (UTF-8)” "
                "character set (LibreOffice), or import it as Windows-1252 (--encoding cp1252 / the encoding "
                "choice in the admin)."
            )
            % {"byte": byte, "line": line}
        ) from None


def normalise_column(name):
    return "_".join(name.strip().lower().replace("-", " ").split())


def read_csv(data, known, required, keys, encoding=None):
    """Read ``data`` (bytes) into a :class:`CsvFile`.

    ``known`` lists the column names the import understands, ``required`` those that must be
    in the header, ``keys`` those of which at least one must be."""
    text, warnings = decode(data, encoding)
    if not text.strip():
        raise CsvFileError(_("The file is empty."))
    first_line = text.splitlines()[0]
    expected = ", ".join(known)

    def columns_with(delimiter):
        return [normalise_column(name) for name in next(csv.reader([first_line], delimiter=delimiter))]

    delimiter = max(DELIMITERS, key=lambda candidate: sum(name in known for name in columns_with(candidate)))
    header = columns_with(delimiter)
    missing = [name for name in required if name not in header]
    if missing or not any(key in header for key in keys):
        raise CsvFileError(
            _(
                "The header (first line) is not recognised: “%(header)s”. Expected columns separated by “;” or "
                "“,”, with at least %(required)s and %(keys)s, among: %(expected)s (see commerce/import_template.csv)."
            )
            % {
                "header": first_line[:120],
                "required": ", ".join(required),
                "keys": " / ".join(keys),
                "expected": expected,
            }
        )
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        raise CsvFileError(_("Columns appear twice in the header: %(columns)s.") % {"columns": ", ".join(duplicates)})
    unknown = [name for name in header if name and name not in known]
    if unknown:
        warnings.append(_("Columns ignored (not part of the format): %(columns)s.") % {"columns": ", ".join(unknown)})

    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    next(reader)
    rows = []
    while True:
        line = reader.line_num + 1  # where the record starts (a quoted field may span lines)
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise CsvFileError(_("Line %(line)s: %(error)s.") % {"line": line, "error": error}) from None
        if not any(value.strip() for value in values):
            continue
        cells = values + [""] * (len(header) - len(values))  # a short row: its last cells are empty
        row = {name: value.strip() for name, value in zip(header, cells, strict=False) if name in known}
        if len(values) > len(header) and any(value.strip() for value in values[len(header) :]):
            row["__extra__"] = len(values) - len(header)
        rows.append((line, row))
    return CsvFile(
        columns=[name for name in header if name in known],
        rows=rows,
        delimiter=delimiter,
        encoding="cp1252" if encoding == "cp1252" else "utf-8",
        warnings=warnings,
    )
