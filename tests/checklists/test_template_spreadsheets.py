"""Templates as spreadsheets: export, then import as a new version after a preview; broken files change nothing."""

import re

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from checklists.definition.resources import export_template
from checklists.definition.services import template_import
from checklists.definition.spreadsheets import COLUMNS, read_dataset, read_plan, with_version
from checklists.models import Item, Template
from checklists.reference import load_see_checklist
from tests.bombs import empty_cells_bomb, rows_csv, text_bomb
from tests.checklists.factories import content_of, make_round, make_template
from tests.formulae import FORMULA, assert_no_formula


def renamed(dataset: tablib.Dataset, version: str) -> tablib.Dataset:
    copy = tablib.Dataset(headers=dataset.headers)
    for row in dataset.dict:
        copy.append([version if column == "version" else row[column] for column in dataset.headers])
    return copy


def upload(dataset: tablib.Dataset, file_format="csv") -> SimpleUploadedFile:
    content = dataset.export(file_format)
    return SimpleUploadedFile(f"checklist.{file_format}", content.encode() if isinstance(content, str) else content)


def csv_upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("checklist.csv", text.encode())


def test_export_has_one_row_per_item_with_every_column(db):
    load_see_checklist()
    template = Template.objects.get()
    dataset = export_template(template)
    assert dataset.headers == COLUMNS
    assert len(dataset) == Item.objects.count()
    heading, first_sub = dataset.dict[2], dataset.dict[3]
    assert (heading["key"], heading["is_heading"], heading["parent_key"]) == ("1.1-q3", "yes", "")
    assert (first_sub["key"], first_sub["parent_key"], first_sub["section"], first_sub["recommendation"]) == (
        "1.1-q3a",
        "1.1-q3",
        "1.1",
        1,
    )
    assert dataset.dict[-1]["section_drafted"] == "yes"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_reproduces_the_template_exactly(db, staff, file_format):
    load_see_checklist()
    original = Template.objects.get()
    content = renamed(export_template(original), "round trip").export(file_format)
    content = content.encode() if isinstance(content, str) else content

    plan = read_plan(read_dataset(content, file_format))
    assert plan.errors == {}
    copy = template_import(plan=plan, previous=original, by=staff)

    assert (copy.name, copy.version, copy.previous, copy.source, copy.note) == (
        original.name,
        "round trip",
        original,
        original.source,
        original.note,
    )
    assert content_of(copy) == content_of(original)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_template_page_exports_csv_and_xlsx(login, staff, file_format):
    template = make_template(version="working draft")
    response = login(staff).get(
        reverse("checklists:template_export", kwargs={"pk": template.pk, "file_format": file_format})
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="test-checklist-working-draft.{file_format}"'
    dataset = read_dataset(response.content, file_format)
    assert [row["key"] for row in dataset.dict][:3] == ["1.1-q1", "1.1-q2", "1.1-qh"]


def test_an_unknown_export_format_is_not_found(login, staff):
    template = make_template()
    url = reverse("checklists:template_export", kwargs={"pk": template.pk, "file_format": "pdf"})
    assert login(staff).get(url).status_code == 404


def test_staff_preview_then_confirm_an_import_as_a_new_version(login, staff):
    previous = make_template()
    make_round(previous)
    dataset = renamed(export_template(previous), "2027 official")
    # One question gone, one new.
    rows = [row for row in dataset.dict if row["key"] != "1.1-q2"]
    rows.append({**rows[0], "key": "1.1-q9", "text": "A new question?", "order": 50})
    dataset = tablib.Dataset(*[[row[c] for c in dataset.headers] for row in rows], headers=dataset.headers)
    client = login(staff)

    preview = client.post(reverse("checklists:template_import"), {"file": upload(dataset), "previous": previous.pk})

    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", preview.content.decode()))
    assert "Recommendations 2 Sections 2 Items 7 (6 questions to answer)" in page
    assert "1 new 1.1-q9" in page
    assert "1 gone 1.1-q2" in page
    assert "6 kept" in page
    assert "Recommendation 1. Recommendation 1 1.1 Assessment · 5 items" in page
    assert not Template.objects.filter(version="2027 official").exists()

    token = re.search(r'name="token" value="([^"]+)"', preview.content.decode()).group(1)
    response = client.post(reverse("checklists:template_import"), {"token": token})

    new = Template.objects.get(version="2027 official")
    assert response["Location"] == reverse("checklists:template_detail", kwargs={"pk": new.pk})
    assert new.previous == previous and not new.is_frozen
    assert Item.objects.get(section__recommendation__template=new, key="1.1-q9").text == "A new question?"
    assert not Item.objects.filter(section__recommendation__template=new, key="1.1-q2").exists()


def test_a_tampered_or_foreign_token_imports_nothing(login, staff, admin_user):
    template = make_template()
    preview = login(staff).post(
        reverse("checklists:template_import"), {"file": upload(renamed(export_template(template), "v2"))}
    )
    token = re.search(r'name="token" value="([^"]+)"', preview.content.decode()).group(1)

    tampered = login(staff).post(reverse("checklists:template_import"), {"token": token[:-3] + "abc"}, follow=True)
    assert "The upload has expired or was altered" in tampered.content.decode()
    # Another staff member cannot replay it either.
    login(admin_user).post(reverse("checklists:template_import"), {"token": token})
    assert not Template.objects.filter(version="v2").exists()


def test_a_broken_spreadsheet_reports_each_bad_row_and_changes_nothing(login, staff):
    existing = make_template(version="2021 working draft")
    header = ",".join(COLUMNS)
    base = (
        "Test checklist,2030,,,{rec},Training,Train staff.,{sec},Assessment,no,yes,1,"
        "{key},{parent},{heading},{text},,{order}"
    )
    lines = [
        header,
        base.format(rec=1, sec="1.1", key="1.1-q1", parent="", heading="no", text="Fine?", order=1),
        base.format(rec=1, sec="1.1", key="", parent="", heading="no", text="No key?", order=2),
        base.format(rec=1, sec="1.1", key="1.1-q1", parent="", heading="no", text="Twice?", order=3),
        base.format(rec=1, sec="1.1", key="1.1-q4", parent="1.1-zz", heading="no", text="Orphan?", order=4),
        base.format(rec=1, sec="1.1", key="1.1-q5", parent="1.1-q1", heading="no", text="Under a question?", order=5),
        base.format(rec="one", sec="1.2", key="1.2-q1", parent="", heading="no", text="Bad number?", order=1),
        base.format(rec=1, sec="1.1", key="1.1-q7", parent="", heading="no", text="", order=7),
    ]
    before = content_of(existing), Template.objects.count(), Item.objects.count()

    response = login(staff).post(reverse("checklists:template_import"), {"file": csv_upload("\n".join(lines))})

    html = response.content.decode()
    rows = dict(re.findall(r"<tr><td>(\d+)</td><td>(.*?)</td></tr>", html, re.S))
    assert "The spreadsheet has problems in 6 rows. Nothing was imported." in html
    assert set(rows) == {"3", "4", "5", "6", "7", "8"}
    assert "The key is missing." in rows["3"]
    assert "The key “1.1-q1” is already used in row 2." in rows["4"]
    assert "The parent key “1.1-zz” is not in the spreadsheet." in rows["5"]
    assert "The parent “1.1-q1” is not a heading" in rows["6"]
    assert "The recommendation number must be a whole number from 1, not “one”." in rows["7"]
    assert "The text is empty." in rows["8"]
    assert 'name="token"' not in html
    assert (content_of(existing), Template.objects.count(), Item.objects.count()) == before


def test_an_existing_name_and_version_is_reported_on_the_first_row(db):
    template = make_template(version="working draft")
    plan = read_plan(export_template(template))
    assert plan.errors == {
        2: [
            "A template “Test checklist” with version “working draft” already exists: "
            "give the new version another name."
        ]
    }


def test_the_import_service_refuses_a_plan_with_errors_and_creates_nothing(staff):
    template = make_template()
    plan = read_plan(export_template(template))
    with pytest.raises(ValidationError, match="The spreadsheet has errors: nothing was imported."):
        template_import(plan=plan, previous=None, by=staff)
    assert Template.objects.count() == 1


def test_a_file_that_is_not_a_spreadsheet_is_refused(login, staff):
    response = login(staff).post(
        reverse("checklists:template_import"), {"file": SimpleUploadedFile("checklist.pdf", b"%PDF-1.7")}
    )
    assert "The file must end in .csv or .xlsx." in response.content.decode()
    response = login(staff).post(
        reverse("checklists:template_import"), {"file": SimpleUploadedFile("checklist.xlsx", b"not a zip")}
    )
    assert "The file could not be read as a XLSX spreadsheet." in response.content.decode()


@pytest.mark.usefixtures("no_parsing")
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("checklist.xlsx", text_bomb, "The file unpacks to more than 20 MB"),
        ("checklist.xlsx", empty_cells_bomb, "The file unpacks to more than 100 times its size"),
        ("checklist.csv", lambda: rows_csv(5_001, ",".join(COLUMNS)), "The file has more than 5,000 rows"),
    ],
)
def test_a_spreadsheet_beyond_the_bounds_is_refused_unread(login, staff, name, content, message):
    response = login(staff).post(reverse("checklists:template_import"), {"file": SimpleUploadedFile(name, content())})
    assert message in response.content.decode()
    assert not Template.objects.exists()


def test_missing_columns_are_named(db):
    plan = read_plan(tablib.Dataset(["x", "y"], headers=["template", "version"]))
    assert plan.errors == {
        1: ["Missing columns: recommendation, recommendation_title, section, section_title, key, text."]
    }


def test_a_version_created_between_preview_and_confirm_is_reported_and_nothing_is_imported(login, staff):
    template = make_template()
    client = login(staff)
    preview = client.post(
        reverse("checklists:template_import"), {"file": upload(renamed(export_template(template), "v2"))}
    )
    token = re.search(r'name="token" value="([^"]+)"', preview.content.decode()).group(1)
    make_template(version="v2")

    response = client.post(reverse("checklists:template_import"), {"token": token})

    assert response.status_code == 400
    assert "A template “Test checklist” with version “v2” already exists" in response.content.decode()
    assert Template.objects.filter(version="v2").count() == 1


def test_staff_import_a_file_under_another_version_name_without_editing_it(login, staff):
    template = make_template(version="working draft")
    client = login(staff)
    # The file still says "working draft", which exists: the form's version name replaces it.
    preview = client.post(
        reverse("checklists:template_import"),
        {"file": upload(export_template(template)), "previous": template.pk, "version": "2028 official"},
    )
    token = re.search(r'name="token" value="([^"]+)"', preview.content.decode()).group(1)
    client.post(reverse("checklists:template_import"), {"token": token})
    new = Template.objects.get(version="2028 official")
    assert new.previous == template
    assert content_of(new) == content_of(template)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_template_export_writes_a_typed_formula_as_text(login, staff, file_format):
    template = make_template(version="working draft")
    Item.objects.filter(section__recommendation__template=template, key="1.1-q1").update(
        text=FORMULA, help_text="@SUM(A1:A9)"
    )
    response = login(staff).get(
        reverse("checklists:template_export", kwargs={"pk": template.pk, "file_format": file_format})
    )
    assert_no_formula(response.content, file_format)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_text_exported_behind_a_single_quote_is_imported_as_it_was(login, staff, file_format):
    template = make_template(version="working draft")
    Item.objects.filter(section__recommendation__template=template, key="1.1-q1").update(
        text="- the law is adopted", help_text="=the ministry's answer"
    )
    response = login(staff).get(
        reverse("checklists:template_export", kwargs={"pk": template.pk, "file_format": file_format})
    )
    plan = read_plan(with_version(read_dataset(response.content, file_format), "round trip"))
    assert plan.errors == {}
    copy = template_import(plan=plan, previous=template, by=staff)
    assert content_of(copy) == content_of(template)
    assert Item.objects.get(section__recommendation__template=copy, key="1.1-q1").text == "- the law is adopted"
