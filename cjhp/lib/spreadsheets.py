"""A table (column names, then rows) as the bytes of a CSV or XLSX file.

The XLSX file holds one sheet, written by openpyxl in its write-only mode (a row at a time, no cell objects kept):
the column names in bold and frozen above the rows, each column as wide as its longest value.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

MAX_WIDTH = 255  # the widest a spreadsheet column may be
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True)


def csv_text(headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    """Comma-separated, lines ended by CRLF, None as an empty cell (as Python's csv module writes them)."""
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(headers)
    writer.writerows(rows)
    return stream.getvalue()


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Sheet1") -> bytes:
    """Numbers and booleans become cells of their type; dates their ISO text; None and "" an empty cell; anything
    else its text, which stays text even when it starts with "=" (never a formula)."""
    rows = [[_value(value) for value in row] for row in rows]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(re.sub(r"[\\/*?:\[\]]", "-", title)[:31] or "Sheet1")
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers):
        values = [row[index] for row in rows if len(row) > index and row[index] is not None]
        width = max([len(str(header)), *(len(str(value)) for value in values)])
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(width, MAX_WIDTH)
    sheet.append([_cell(sheet, header, font=BOLD) for header in headers])
    for row in rows:
        sheet.append([_cell(sheet, value) if isinstance(value, str) and _needs_cell(value) else value for value in row])
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
    return ILLEGAL_CHARACTERS_RE.sub("", value.isoformat() if isinstance(value, date) else str(value))


def _needs_cell(text: str) -> bool:
    """Text that openpyxl would take for a formula, or that runs over several lines."""
    return text.startswith("=") or "\n" in text


def _cell(sheet, text: str, *, font: Font | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would read "=..." as a formula
    if font:
        cell.font = font
    elif "\n" in text:
        cell.alignment = WRAP
    return cell
