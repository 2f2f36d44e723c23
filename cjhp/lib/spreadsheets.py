"""A table (column names, then rows) as the bytes of a CSV or XLSX file, fast enough for lists of thousands of rows.

The XLSX file is the smallest package the format allows, written directly: one sheet, the column names in bold
and frozen above the rows, each column as wide as its longest value. Building it cell by cell through openpyxl
took a second for 5,000 rows of ten columns; this takes a few tens of milliseconds. Text is stored as inline
strings, so a value that starts with "=" stays text and never becomes a formula.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from xml.sax.saxutils import quoteattr

# Characters XML 1.0 cannot hold (control characters other than tab, line feed and carriage return).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BOLD, _WRAP = 1, 2  # cell formats in _STYLES (0 is the default)
_MAX_WIDTH = 255  # the widest a column may be


def csv_text(headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    """Comma-separated, lines ended by CRLF, None as an empty cell (as Python's csv module writes them)."""
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(headers)
    writer.writerows(rows)
    return stream.getvalue()


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], *, title: str = "Sheet1") -> bytes:
    """Numbers and booleans become cells of their type; dates their ISO text; None and "" an empty cell; anything
    else its text."""
    widths = [len(str(header)) for header in headers]
    lines = [_row(1, headers, widths, _BOLD)]
    for number, row in enumerate(rows, start=2):
        lines.append(_row(number, row, widths))
    cols = "".join(
        f'<col min="{n}" max="{n}" width="{min(width, _MAX_WIDTH)}" customWidth="1"/>'
        for n, width in enumerate(widths, start=1)
        if width
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}'
        f"<sheetData>{''.join(lines)}</sheetData></worksheet>"
    )
    workbook = _WORKBOOK.replace("{name}", quoteattr(_sheet_title(title)))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("xl/workbook.xml", workbook)
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        package.writestr("xl/styles.xml", _STYLES)
        package.writestr("xl/worksheets/sheet1.xml", sheet)
    return stream.getvalue()


def _row(number: int, values: Sequence, widths: list[int], style: int = 0) -> str:
    cells = []
    for index, value in enumerate(values):
        if index == len(widths):
            widths.append(0)
        if value is None or value == "":
            continue
        ref = f"{_column(index)}{number}"
        if isinstance(value, bool):
            text = "TRUE" if value else "FALSE"
            cells.append(f'<c r="{ref}" t="b"{_s(style)}><v>{int(value)}</v></c>')
        elif isinstance(value, int | float | Decimal):
            text = str(value)
            cells.append(f'<c r="{ref}"{_s(style)}><v>{text}</v></c>')
        else:
            text = value.isoformat() if isinstance(value, date) else str(value)
            cell_style = style or (_WRAP if "\n" in text else 0)
            if _ILLEGAL.search(text):
                text = _ILLEGAL.sub("", text)
            xml = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            cells.append(f'<c r="{ref}" t="inlineStr"{_s(cell_style)}><is><t xml:space="preserve">{xml}</t></is></c>')
        if len(text) > widths[index]:
            widths[index] = len(text)
    return f'<row r="{number}">{"".join(cells)}</row>'


def _s(style: int) -> str:
    return f' s="{style}"' if style else ""


@cache
def _column(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name, n = "", index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


def _sheet_title(title: str) -> str:
    """At most 31 characters, none of those a sheet name cannot hold."""
    return re.sub(r"[\\/*?:\[\]]", "-", title)[:31] or "Sheet1"


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}">'
    '<sheets><sheet name={name} sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
