"""Lists exported as files: the XLSX writer gives a workbook spreadsheet programs read as the list showed it,
and the CSV text is what Python's csv module writes."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl

from cjhp.lib.spreadsheets import csv_text, defused, restored, xlsx_bytes

FORMULAE = ['=HYPERLINK("http://evil.example","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]

HEADERS = ["name", "events", "start", "note"]


def _sheet(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_the_column_names_are_bold_and_stay_in_view_above_the_rows():
    sheet = _sheet(xlsx_bytes(HEADERS, [["Ion", 2, "2015-05-25", ""]], title="cjhp-participants"))
    assert sheet.title == "cjhp-participants"
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.b for cell in sheet[1])
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"


def test_each_value_keeps_its_type_and_text_its_every_character():
    rows = [
        ["Олена Шевчук", 3, date(2015, 5, 25), None],
        ["Ștefan & <Țurcanu>", 2.5, "", "two\nlines"],
        ['=HYPERLINK("http://example.org")', Decimal("1.50"), True, "bell\x07 dropped"],
    ]
    sheet = _sheet(xlsx_bytes(HEADERS, rows))
    values = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == [
        ["Олена Шевчук", 3, "2015-05-25", None],
        ["Ștefan & <Țurcanu>", 2.5, None, "two\nlines"],
        ['\'=HYPERLINK("http://example.org")', 1.5, True, "bell dropped"],
    ]
    assert sheet["D3"].alignment.wrap_text


def test_each_column_is_as_wide_as_its_longest_value():
    sheet = _sheet(xlsx_bytes(["name", "n"], [["A much longer name", 1], ["B", 12345]]))
    assert sheet.column_dimensions["A"].width == len("A much longer name")
    assert sheet.column_dimensions["B"].width == len("12345")


def test_a_list_of_thousands_of_rows_is_written_whole():
    rows = [[f"Person {n}", n, "", ""] for n in range(5000)]
    sheet = _sheet(xlsx_bytes(HEADERS, rows))
    assert sheet.max_row == 5001
    assert [cell.value for cell in sheet[5001]][:2] == ["Person 4999", 4999]


def test_a_list_with_no_rows_still_names_its_columns():
    sheet = _sheet(xlsx_bytes(HEADERS, [], title="bad/name:with*chars?and[more]than thirty-one"))
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.max_row == 1
    assert sheet.title == "bad-name-with-chars-and-more-th"


def test_csv_text_is_what_the_csv_module_writes():
    text = csv_text(["name", "events"], [["Ion, Bălan", 2], ['Say "hi"', None]])
    assert text == 'name,events\r\n"Ion, Bălan",2\r\n"Say ""hi""",\r\n'


def test_text_that_would_start_a_formula_is_written_behind_a_single_quote_in_csv():
    rows = list(csv.reader(io.StringIO(csv_text(["=header", "n"], [[text, -3] for text in FORMULAE]))))
    assert rows[0] == ["'=header", "n"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in FORMULAE]
    assert {row[1] for row in rows[1:]} == {"-3"}


def test_text_that_would_start_a_formula_is_text_behind_a_single_quote_in_xlsx():
    sheet = _sheet(xlsx_bytes(["=header", "n", "text"], [[text, -3, "-12.5"] for text in FORMULAE]))
    assert sheet["A1"].value == "'=header"
    cells = [row for row in sheet.iter_rows(min_row=2)]
    # XML reads a carriage return back as a line feed.
    assert [row[0].value for row in cells] == ["'" + text.replace("\r", "\n") for text in FORMULAE]
    assert all(row[0].data_type == "s" for row in cells)
    # Numbers stay numbers, and text that is only a number cannot run anything.
    assert {(row[1].value, row[1].data_type, row[2].value) for row in cells} == {(-3, "n", "-12.5")}


def test_a_defused_text_read_back_is_restored_and_any_other_text_kept():
    assert [restored(defused(text)) for text in FORMULAE] == FORMULAE
    assert [restored(text) for text in ["'quoted'", "'", "plain", "'-12"]] == ["'quoted'", "'", "plain", "'-12"]
