"""What every export must hold when a user typed a formula into a field: the text, never a formula."""

import csv
import io
import re

import openpyxl

FORMULA = '=HYPERLINK("http://evil.example","x")'
# "-12.5" as text is a number to a spreadsheet program, not a formula.
_NUMBER = re.compile(r"-?\d+([.,]\d+)?")


def assert_no_formula(content: bytes, file_format: str) -> None:
    """The file holds FORMULA behind a single quote, no formula cell and no text starting as a formula would."""
    if file_format == "csv":
        values = [value for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for value in row]
    else:
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
        assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
        values = [cell.value for cell in cells]
    texts = [value for value in values if isinstance(value, str)]
    assert "'" + FORMULA in texts
    assert [text for text in texts if text[:1] and text[0] in "=+-@\t\r" and not _NUMBER.fullmatch(text)] == []
