"""The projects list exports exactly what it shows, with its filters, as CSV and XLSX."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from projects.models import Project
from tests.formulae import FORMULA, assert_no_formula
from tests.projects.factories import ProjectFactory


def _csv_rows(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # spreadsheet programs then read Cyrillic correctly
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_rows(response) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_csv_export_holds_exactly_the_filtered_projects_in_words(login, staff, md, ge):
    ProjectFactory(title="Therapeutic community", countries=[md], status=Project.Status.COMPLETED)
    ProjectFactory(title="Opioid agonist treatment", countries=[md, ge], status=Project.Status.ONGOING)
    ProjectFactory(title="Georgian through-care", countries=[ge], status=Project.Status.COMPLETED)
    response = login(staff).get(reverse("projects:list"), {"status": "completed", "export": "csv"})
    rows = _csv_rows(response)
    assert response["Content-Disposition"].startswith('attachment; filename="cjhp-projects-')
    assert sorted(row["title"] for row in rows) == ["Georgian through-care", "Therapeutic community"]
    row = next(row for row in rows if row["title"] == "Therapeutic community")
    assert row["status"] == "Completed"
    assert row["kind"] == "Country project"
    assert row["countries"] == "Republic of Moldova"
    assert row["country codes"] == "MD"
    assert row["start"] == "2015-01-01"


def test_focal_point_xlsx_export_holds_only_their_countries_projects(login, fp_md, md, ge):
    ProjectFactory(title="Moldovan project", countries=[md])
    ProjectFactory(title="Georgian project", countries=[ge])
    response = login(fp_md).get(reverse("projects:list"), {"export": "xlsx"})
    assert [row["title"] for row in _xlsx_rows(response)] == ["Moldovan project"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_project_export_writes_a_typed_formula_as_text(login, staff, md, file_format):
    ProjectFactory(title=FORMULA)
    response = login(staff).get(reverse("projects:list"), {"export": file_format})
    assert_no_formula(response.content, file_format)
