"""The bounds on an uploaded spreadsheet, checked before any parser opens it."""

import zipfile

import pytest
from django.utils import translation

from cjhp.lib import uploads
from cjhp.lib.spreadsheets import xlsx_bytes
from tests.bombs import empty_cells_bomb, rows_csv, text_bomb, workbook

LIMITS = uploads.Limits(rows=100, cells=1_000, inflated=2 * uploads.MB)


def refusal(content: bytes, file_format: str, limits=LIMITS, language="en") -> str:
    with translation.override(language), pytest.raises(uploads.UploadRefused) as refused:
        uploads.check(content, file_format, limits)
    return str(refused.value)


def test_a_workbook_that_unpacks_to_more_than_the_bound_is_refused():
    assert len(text_bomb()) < 1_000_000
    assert (
        refusal(text_bomb(), "xlsx")
        == "The file unpacks to more than 2 MB: a spreadsheet of this kind is much smaller."
    )


def test_a_workbook_packed_a_hundred_times_over_is_refused_whatever_the_bound():
    roomy = uploads.Limits(rows=100, cells=1_000, inflated=100 * uploads.MB)
    assert "more than 100 times its size" in refusal(text_bomb(), "xlsx", roomy)
    assert "more than 100 times its size" in refusal(empty_cells_bomb(), "xlsx", roomy)


def test_the_rows_and_cells_of_a_sheet_are_counted_without_reading_it():
    # Stored, not deflated: only the counts can refuse these.
    rows = workbook(b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, 103)))
    assert refusal(rows, "xlsx") == "The file has more than 100 rows: split it into files of at most 100 rows each."
    cells = workbook(b'<x:row r="1">' + b'<x:c t="n"><x:v>1</x:v></x:c>' * 1_001 + b"</x:row>", zipfile.ZIP_STORED)
    assert refusal(cells, "xlsx") == "The file has more than 1,000 cells."


def test_a_long_row_split_across_chunks_is_counted_whole(monkeypatch):
    monkeypatch.setattr(uploads, "CHUNK", 7)
    cells = workbook(b'<row r="1">' + b'<c r="A1" t="s"><v>0</v></c>' * 1_001 + b"</row>")
    assert refusal(cells, "xlsx") == "The file has more than 1,000 cells."
    uploads.check(workbook(b'<row r="1">' + b'<c r="A1" t="s"><v>0</v></c>' * 1_000 + b"</row>"), "xlsx", LIMITS)


def test_the_refusal_is_in_the_persons_language():
    assert refusal(rows_csv(101), "csv", language="fr") == (
        "Le fichier a plus de 100 lignes\u00a0: répartissez-les en fichiers d’au plus 100 lignes chacun."
    )


def test_a_csv_with_more_rows_than_the_bound_is_refused():
    assert "more than 100 rows" in refusal(rows_csv(101), "csv")
    uploads.check(rows_csv(100), "csv", LIMITS)


def test_a_workbook_of_the_allowed_size_passes():
    uploads.check(xlsx_bytes(["name", "email"], [[f"P {n}", f"p{n}@example.org"] for n in range(100)]), "xlsx", LIMITS)


def test_a_file_that_is_not_a_workbook_or_is_damaged_is_left_to_its_reader():
    uploads.check(b"not a zip", "xlsx", LIMITS)
    sound = xlsx_bytes(["name"], [["Ana"]])
    start = sound.index(b"xl/worksheets/sheet1.xml") + len(b"xl/worksheets/sheet1.xml")
    damaged = sound[:start] + bytes(byte ^ 0xFF for byte in sound[start : start + 40]) + sound[start + 40 :]
    uploads.check(damaged, "xlsx", LIMITS)
