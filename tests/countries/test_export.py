"""The countries list exports exactly what it shows, with its filters, as CSV and XLSX."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import CountryFactory
from tests.formulae import FORMULA, assert_no_formula


def test_csv_export_holds_exactly_the_filtered_rows(login, staff):
    call_command("load_reference_data", verbosity=0)
    response = login(staff).get(reverse("countries:list"), {"membership": "partner", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="cjhp-countries-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(row["code"] for row in rows) == ["MD", "ME", "MK", "RS"]
    assert {row["networks"] for row in rows if row["code"] == "ME"} == {"South-East Europe network"}


def test_xlsx_export_of_a_focal_point_holds_only_their_country(login, fp_md, ge):
    response = login(fp_md).get(reverse("countries:list"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == ["MD"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_country_export_writes_a_typed_formula_as_text(login, staff, file_format):
    CountryFactory(name=FORMULA, code="XX")
    response = login(staff).get(reverse("countries:list"), {"export": file_format})
    assert_no_formula(response.content, file_format)
