"""Spreadsheets that unpack to far more than they weigh, written directly with zipfile (openpyxl would take
minutes), and a guard that fails a test if a parser opens a file."""

import functools
import zipfile
from io import BytesIO

import openpyxl
import openpyxl.reader.excel
import pytest
import tablib
import tablib.formats._xlsx

PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
    'name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}
SHEET_START = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
SHEET_END = b"</worksheet>"


def workbook(sheet_data: bytes, compression=zipfile.ZIP_DEFLATED) -> bytes:
    stream = BytesIO()
    with zipfile.ZipFile(stream, "w", compression) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        archive.writestr(
            "xl/worksheets/sheet1.xml", SHEET_START + b"<sheetData>" + sheet_data + b"</sheetData>" + SHEET_END
        )
    return stream.getvalue()


@functools.cache
def text_bomb() -> bytes:
    """One cell holding 60 MB of text: about 60 KB of file."""
    return workbook(b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + b"boom " * 12_000_000 + b"</t></is></c></row>")


@functools.cache
def empty_cells_bomb() -> bytes:
    """Five million empty cells in one row: about 20 KB of file."""
    return workbook(b'<row r="1">' + b"<c/>" * 5_000_000 + b"</row>")


def rows_csv(rows: int, header: str = "name,email") -> bytes:
    return (header + "\n" + "".join(f"Person {n},person{n}@example.org\n" for n in range(rows))).encode()


@pytest.fixture
def no_parsing(monkeypatch):
    """Fails the test if openpyxl or tablib is asked to read a file."""

    def refuse(*args, **kwargs):
        raise AssertionError("the file was handed to a parser")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    monkeypatch.setattr(openpyxl.reader.excel, "load_workbook", refuse)
    monkeypatch.setattr(tablib.formats._xlsx, "load_workbook", refuse)
    monkeypatch.setattr(tablib, "import_set", refuse)
    monkeypatch.setattr(tablib.Dataset, "load", refuse)
