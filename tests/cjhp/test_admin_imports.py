"""The admin's imports take CSV and XLSX files within the same kind of bounds as the portal's."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cjhp.lib.spreadsheets import xlsx_bytes
from countries.models import Country
from tests.bombs import empty_cells_bomb, rows_csv, text_bomb

CSV, XLSX = "0", "1"  # the admin's import formats, in their order


def import_file(client, name: str, content: bytes, file_format: str):
    file = SimpleUploadedFile(name, content)
    return client.post(reverse("admin:countries_country_import"), {"import_file": file, "format": file_format})


@pytest.mark.usefixtures("no_parsing")
@pytest.mark.parametrize(
    "name, content, file_format, message",
    [
        ("countries.xlsx", text_bomb, XLSX, "The file unpacks to more than 32 MB"),
        ("countries.xlsx", empty_cells_bomb, XLSX, "The file unpacks to more than 100 times its size"),
        ("countries.csv", lambda: rows_csv(20_001, "code,name"), CSV, "The file has more than 20,000 rows"),
    ],
)
def test_a_file_beyond_the_bounds_is_refused_unread(login, admin_user, name, content, file_format, message):
    response = import_file(login(admin_user), name, content(), file_format)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Country.objects.exists()


def test_a_file_larger_than_10_mb_is_refused_unread(login, admin_user, no_parsing):
    response = import_file(login(admin_user), "countries.csv", b"code,name\n" + b" " * (10 * 1024 * 1024), CSV)
    assert "The file is larger than 10 MB." in response.content.decode()


def test_a_workbook_within_the_bounds_is_previewed_then_imported(login, admin_user):
    client = login(admin_user)
    content = xlsx_bytes(["code", "name", "is_member"], [["MD", "Moldova", "1"], ["GE", "Georgia", "0"]])
    preview = import_file(client, "countries.xlsx", content, XLSX)
    confirm_form = preview.context["confirm_form"]
    data = {name: confirm_form.initial.get(name, "") for name in confirm_form.fields}
    response = client.post(reverse("admin:countries_country_process_import"), data)
    assert response.status_code == 302
    assert sorted(Country.objects.values_list("code", "name")) == [("GE", "Georgia"), ("MD", "Moldova")]


def test_the_admin_offers_csv_and_xlsx_only(login, admin_user):
    form = login(admin_user).get(reverse("admin:countries_country_import")).context["form"]
    assert [label for _value, label in form.fields["format"].choices] == ["---", "csv", "xlsx"]
