"""The admin manages templates too: import and export as spreadsheets, and frozen templates turn read-only."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from checklists.definition.resources import export_template
from checklists.definition.spreadsheets import read_dataset
from checklists.models import Item, Template
from tests.checklists.factories import content_of, make_round, make_template
from tests.checklists.test_template_spreadsheets import renamed


@pytest.fixture
def client(login, admin_user):
    return login(admin_user)


def test_every_template_admin_page_opens(client):
    template = make_template()
    section = template.recommendations.get(number=1).sections.get()
    item = section.items.first()
    for name, args in [
        ("admin:checklists_template_changelist", []),
        ("admin:checklists_template_change", [template.pk]),
        ("admin:checklists_template_import", []),
        ("admin:checklists_template_export", []),
        ("admin:checklists_recommendation_changelist", []),
        ("admin:checklists_recommendation_change", [section.recommendation.pk]),
        ("admin:checklists_section_changelist", []),
        ("admin:checklists_section_change", [section.pk]),
        ("admin:checklists_item_changelist", []),
        ("admin:checklists_item_change", [item.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    assert client.get(reverse("admin:checklists_template_changelist"), {"frozen": "no", "q": "Test"}).status_code == 200
    assert (
        client.get(reverse("admin:checklists_item_changelist"), {"q": "1.1-q1", "is_heading__exact": "0"}).status_code
        == 200
    )


def test_a_frozen_template_is_read_only_in_the_admin(client):
    template = make_template()
    make_round(template)
    item = Item.objects.filter(section__recommendation__template=template).first()
    response = client.post(
        reverse("admin:checklists_item_change", args=[item.pk]),
        {"section": item.section_id, "key": item.key, "text": "Changed in the admin", "order": 1},
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.text != "Changed in the admin"
    page = client.get(reverse("admin:checklists_template_change", args=[template.pk])).content.decode()
    assert 'name="_save"' not in page


def test_the_admin_refuses_a_key_used_elsewhere_in_the_template(client):
    template = make_template()
    item = Item.objects.get(section__recommendation__template=template, key="1.1-q1")
    response = client.post(
        reverse("admin:checklists_item_change", args=[item.pk]),
        {"section": item.section_id, "key": "2.1-q1", "text": item.text, "order": 1},
    )
    assert "The key “2.1-q1” is already used in this template (section 2.1)." in response.content.decode()


def test_the_admin_imports_a_spreadsheet_as_a_new_version_after_a_preview(client):
    original = make_template()
    content = renamed(export_template(original), "admin import").csv.encode()

    preview = client.post(
        reverse("admin:checklists_template_import"),
        {"format": "0", "resource": "0", "import_file": SimpleUploadedFile("t.csv", content)},
    )

    html = preview.content.decode()
    assert preview.status_code == 200
    assert not Template.objects.filter(version="admin import").exists()
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', html))
    confirm = client.post(
        reverse("admin:checklists_template_process_import"),
        {key: fields[key] for key in ["import_file_name", "original_file_name", "format", "resource"] if key in fields},
    )
    assert confirm.status_code == 302
    new = Template.objects.get(version="admin import")
    assert new.previous == original
    assert content_of(new) == content_of(original)


def test_the_admin_reports_bad_rows_and_imports_nothing(client):
    original = make_template()
    dataset = renamed(export_template(original), "broken")
    rows = dataset.dict
    rows[1]["key"] = rows[0]["key"]
    broken = "\n".join([",".join(dataset.headers)] + [",".join(str(row[c]) for c in dataset.headers) for row in rows])

    response = client.post(
        reverse("admin:checklists_template_import"),
        {"format": "0", "resource": "0", "import_file": SimpleUploadedFile("t.csv", broken.encode())},
    )

    html = response.content.decode()
    assert "The key “1.1-q1” is already used in row 2." in html
    assert 'name="import_file_name"' not in html
    assert not Template.objects.filter(version="broken").exists()


def test_the_admin_exports_the_ticked_templates_items(client):
    template = make_template()
    make_template(version="other")
    response = client.post(
        reverse("admin:checklists_template_export"),
        {"format": "0", "export_items": [template.pk], **{f"templatespreadsheetresource_{c}": "on" for c in ["key"]}},
    )
    assert response.status_code == 200
    dataset = read_dataset(response.content, "csv")
    assert len(dataset) == Item.objects.filter(section__recommendation__template=template).count()


def test_the_admin_import_records_the_chosen_previous_version(client):
    chosen = make_template(name="Other checklist", version="v1")
    source = make_template()
    content = renamed(export_template(source), "chosen previous").csv.encode()
    preview = client.post(
        reverse("admin:checklists_template_import"),
        {"format": "0", "resource": "0", "previous": chosen.pk, "import_file": SimpleUploadedFile("t.csv", content)},
    )
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', preview.content.decode()))
    assert fields["previous"] == str(chosen.pk)
    client.post(reverse("admin:checklists_template_process_import"), fields)
    assert Template.objects.get(version="chosen previous").previous == chosen


def test_the_admin_links_a_template_to_its_portal_page(client):
    template = make_template()
    page = client.get(reverse("admin:checklists_template_change", args=[template.pk])).content.decode()
    assert reverse("checklists:template_detail", kwargs={"pk": template.pk}) in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # django-import-export answers an empty file itself.
        ("template,version\n", "No valid data to import."),
        ("template,version\nX,1\n", "Missing columns: recommendation, recommendation_title"),
    ],
)
def test_the_admin_explains_an_empty_file_or_missing_columns(client, content, message):
    response = client.post(
        reverse("admin:checklists_template_import"),
        {"format": "0", "resource": "0", "import_file": SimpleUploadedFile("t.csv", content.encode())},
    )
    assert message in response.content.decode()
    assert not Template.objects.exists()
