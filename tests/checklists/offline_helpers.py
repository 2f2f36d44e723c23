"""Filling a downloaded assessment workbook the way a focal point would, in tests."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from checklists.offline.workbook import ANSWER, KEY, LINK, NOTE, SECTION


def download(client, assessment) -> openpyxl.Workbook:
    response = client.get(reverse("checklists:assessment_workbook", kwargs={"pk": assessment.pk}))
    assert response.status_code == 200, response.status_code
    return openpyxl.load_workbook(io.BytesIO(response.content))


def find_row(sheet, key: str, section: str = "") -> int:
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, KEY).value == key and (not section or sheet.cell(row, SECTION).value == section):
            return row
    raise AssertionError(f"no row {key} in {sheet.title}")


def fill(book, sheet_name: str, key: str, *, answer=None, note=None, link=None, section: str = "") -> None:
    sheet = book[sheet_name]
    row = find_row(sheet, key, section)
    for column, value in ((ANSWER, answer), (NOTE, note), (LINK, link)):
        if value is not None:
            sheet.cell(row, column).value = value


def as_upload(book, name: str = "filled.xlsx") -> SimpleUploadedFile:
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def upload(client, assessment, book_or_file):
    file = book_or_file if isinstance(book_or_file, SimpleUploadedFile) else as_upload(book_or_file)
    return client.post(reverse("checklists:assessment_upload", kwargs={"pk": assessment.pk}), {"file": file})


def confirm(client, assessment, preview, **choices):
    token = preview.context["token"]
    assert token, "the preview offers no confirmation"
    return client.post(
        reverse("checklists:assessment_upload", kwargs={"pk": assessment.pk}), {"token": token, **choices}
    )
