"""Countries import and export as spreadsheets through the admin (django-import-export)."""

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from countries.models import Country
from countries.resources import CountryResource


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("countries.csv", text.encode(), content_type="text/csv")


def test_export_holds_every_country_with_its_networks(db, md, ge):
    dataset = CountryResource().export()
    assert dataset.headers[:3] == ["code", "name", "is_member"]
    assert sorted(row[0] for row in dataset) == ["GE", "MD"]


def test_a_valid_spreadsheet_corrects_memberships(db, md):
    dataset = tablib.Dataset(headers=["code", "name", "is_member", "member_since", "left_in", "membership_note"])
    dataset.append(["md", "Republic of Moldova", "1", "2024", "", "joined 2024"])
    result = CountryResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    md.refresh_from_db()
    assert (md.is_member, md.member_since, md.membership_note) == (True, 2024, "joined 2024")


def test_a_broken_spreadsheet_changes_nothing_and_names_each_bad_row(login, admin_user, md, ge):
    rows = "\n".join(
        [
            "code,name,is_member,member_since,left_in,membership_note",
            "MD,Republic of Moldova,1,2024,,",
            "GE,Georgia,1,2020,2019,left before it joined",
            "XX1,Nowhere,0,,,",
        ]
    )
    client = login(admin_user)
    response = client.post(
        reverse("admin:countries_country_import"),
        {"format": "0", "resource": "0", "import_file": csv_file(rows)},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Errors" in content or "errors" in content
    assert "The year it left cannot come before the year it joined." in content
    assert "Enter the two capital letters of ISO 3166-1 alpha-2." in content or "at most 2 characters" in content
    assert not Country.objects.filter(code="XX1").exists()
    md.refresh_from_db()
    assert md.member_since is None
