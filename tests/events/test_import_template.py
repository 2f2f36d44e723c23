"""The participant import offers a template to download and lists its columns as a table, name and email
required."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Attendance
from events.services import KNOWN_COLUMNS


@pytest.fixture
def client(login, staff):
    return login(staff)


def rows_of(html: str) -> list[list[str]]:
    table = re.search(r'<table class="table" id="import-columns">(.*?)</table>', html, re.S).group(1)
    body = table[table.index("<tbody>") :]
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_the_import_page_lists_the_columns_as_a_table_with_name_and_email_required(client, training):
    response = client.get(reverse("events:import", args=[training.slug]))

    rows = rows_of(response.content.decode())
    assert [row[0] for row in rows] == KNOWN_COLUMNS
    assert {row[0]: row[1] for row in rows} == {
        "name": "required",
        "email": "required",
        "organisation": "optional",
        "country": "optional",
        "professional_group": "optional",
        "gender": "optional",
        "role": "optional",
        "attended": "optional",
    }
    what = {row[0]: row[2] for row in rows}
    assert what["professional_group"] == (
        "One of prison-healthcare, prison-staff, justice, policy-makers, civil-society, other."
    )
    assert what["role"] == "One of participant, trainer, speaker, organiser; participant when empty."
    assert "MD, UA, GE" in what["country"]
    assert f'href="{reverse("events:import_template", args=[training.slug])}"' in response.content.decode()


def test_the_template_downloads_as_a_workbook_with_the_columns_in_its_first_row(client, training):
    response = client.get(reverse("events:import_template", args=[training.slug]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="participant-list.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == KNOWN_COLUMNS
    assert sheet.max_row == 1


def test_the_template_filled_in_imports(client, training):
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("events:import_template", args=[training.slug])).content)
    )
    book.active.append(["Ion Bălan", "ion@example.md", "Pruncul Prison", "MD", "prison-healthcare", "male", "", "yes"])
    output = io.BytesIO()
    book.save(output)
    url = reverse("events:import", args=[training.slug])

    preview = client.post(url, {"file": SimpleUploadedFile("participant-list.xlsx", output.getvalue())})
    assert "1 rows can be imported" in preview.content.decode()
    client.post(url, {"confirm": "1"})

    attendance = Attendance.objects.get(event=training, participant__email="ion@example.md")
    assert (attendance.participant.name, attendance.role, attendance.attended) == (
        "Ion Bălan",
        "participant",
        True,
    )


def test_only_name_and_email_columns_in_another_order_import(client, training):
    url = reverse("events:import", args=[training.slug])
    file = SimpleUploadedFile("list.csv", b"email,name\nana@example.md,Ana Ciobanu\n", content_type="text/csv")

    preview = client.post(url, {"file": file})
    assert "1 rows can be imported" in preview.content.decode()
    client.post(url, {"confirm": "1"})

    assert Attendance.objects.get(event=training, participant__email="ana@example.md").participant.name == "Ana Ciobanu"


def test_focal_points_cannot_download_the_template(login, fp_md, training):
    assert login(fp_md).get(reverse("events:import_template", args=[training.slug])).status_code == 403
