"""What the upload page says when the workbook is not what the portal reads: a workbook in another format says
to save it as Excel .xlsx, once; text in a Comments row's Answer or link column says where it goes."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from checklists.offline.workbook import COMMENTS_KEY
from tests.checklists.offline_helpers import download, fill, upload

REC1 = "1. Recommendation 1"


@pytest.fixture
def client(login, fp_md):
    return login(fp_md)


def main_text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def ods() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return output.getvalue()


@pytest.mark.parametrize("name", ["answers.ods", "answers.xls", "answers.csv"])
def test_a_workbook_in_another_format_says_to_save_it_as_xlsx_once(client, assessment, name):
    response = upload(client, assessment, SimpleUploadedFile(name, ods()))

    text = main_text(response)
    assert response.status_code == 400
    expected = f"“{name}” is not an Excel workbook (.xlsx): open it in your spreadsheet program, save it as Excel .xlsx"
    assert text.count(expected) == 1
    assert text.count("is not an Excel workbook") == 1


def test_an_ods_renamed_to_xlsx_says_to_save_it_as_xlsx(client, assessment):
    response = upload(client, assessment, SimpleUploadedFile("answers.xlsx", ods()))

    text = main_text(response)
    assert response.status_code == 400
    assert text.count("save it as Excel .xlsx and upload that file") == 1
    assert "OpenDocument .ods" in text


def test_text_in_the_answer_column_of_a_comments_row_says_where_it_goes(client, assessment):
    book = download(client, assessment)
    fill(book, REC1, COMMENTS_KEY, answer="Checked with the ministry", section="1.1")

    response = upload(client, assessment, book)

    assert response.status_code == 400
    assert [problem.message for problem in response.context["problems"]] == [
        "This is the row of the comments on section 1.1: they go in its Note column (E), not in the Answer column. "
        "Move “Checked with the ministry” to the Note column and leave the Answer column empty."
    ]


def test_a_link_in_a_comments_row_says_it_goes_in_the_note_column_too(client, assessment):
    book = download(client, assessment)
    fill(book, REC1, COMMENTS_KEY, link="example.org/report", section="1.1")

    response = upload(client, assessment, book)

    assert response.status_code == 400
    assert [problem.message for problem in response.context["problems"]] == [
        "This is the row of the comments on section 1.1: they go in its Note column (E), not in the Evidence link "
        "column. Move “example.org/report” to the Note column and leave the Evidence link column empty."
    ]
