"""A table (column names, then rows) as the bytes of a CSV or XLSX file.

The XLSX file holds one sheet, written by openpyxl in its write-only mode (a row at a time, no cell objects kept):
the column names in bold and frozen above the rows, each column as wide as its longest value.

Every export, CSV or XLSX, the portal's and the admin's, writes its cells through `defused()`: text that a
spreadsheet program would run as a formula starts with a single quote. `CSV` and `XLSX` are django-import-export's
formats with that rule, for the admin (settings.EXPORT_FORMATS) and the checklist template export.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

import tablib
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

MAX_WIDTH = 255  # the widest a spreadsheet column may be
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True)
# What a spreadsheet program takes for the start of a formula (OWASP, "CSV injection").
FORMULA_STARTS = frozenset("=+-@\t\r")
NUMBER_RE = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def defused(value):
    """Text starting as a formula would, behind a single quote (as OWASP advises); anything else, and text that is
    only a number ("-12.5"), as it is."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS and not NUMBER_RE.fullmatch(value):
        return "'" + value
    return value


def restored(text: str) -> str:
    """An exported cell read back: the text `defused()` was given."""
    return text[1:] if text[:1] == "'" and defused(text[1:]) == text else text


def csv_text(headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    """Comma-separated, lines ended by CRLF, None as an empty cell (as Python's csv module writes them)."""
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(map(defused, headers))
    writer.writerows(map(defused, row) for row in rows)
    return stream.getvalue()


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Sheet1") -> bytes:
    """Numbers and booleans become cells of their type; dates their ISO text; None and "" an empty cell; anything
    else its text, defused (never a formula)."""
    rows = [[_value(value) for value in row] for row in rows]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(re.sub(r"[\\/*?:\[\]]", "-", title)[:31] or "Sheet1")
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers):
        values = [row[index] for row in rows if len(row) > index and row[index] is not None]
        width = max([len(str(header)), *(len(str(value)) for value in values)])
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(width, MAX_WIDTH)
    sheet.append([_cell(sheet, defused(header), font=BOLD) for header in headers])
    for row in rows:
        sheet.append([_cell(sheet, value) if isinstance(value, str) and "\n" in value else value for value in row])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _value(value):
    if value is None or value == "":
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return defused(ILLEGAL_CHARACTERS_RE.sub("", value.isoformat() if isinstance(value, date) else str(value)))


def _cell(sheet, text: str, *, font: Font | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    if font:
        cell.font = font
    elif "\n" in text:
        cell.alignment = WRAP
    return cell


class _Defused:
    """A django-import-export format that writes every cell through `defused()`. Its own
    IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only drops a leading "=" (not "+", "-", "@") and turns numbers into text."""

    def export_data(self, dataset, **kwargs):
        headers = [defused(header) for header in dataset.headers] if dataset.headers else None
        rows = ([defused(value) for value in row] for row in dataset)
        return super().export_data(tablib.Dataset(*rows, headers=headers, title=dataset.title), **kwargs)


class CSV(_Defused, base_formats.CSV):
    pass


class XLSX(_Defused, base_formats.XLSX):
    pass
