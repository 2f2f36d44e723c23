"""A frozen template changes through a new version: same content, same keys, linked to the one it came from."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from checklists.definition.services import template_new_version
from checklists.models import Item, Template
from checklists.reference import load_see_checklist
from tests.checklists.factories import content_of, make_round, make_template


def test_a_new_version_copies_everything_with_the_same_keys_and_links_previous(staff):
    original = make_template()
    make_round(original)
    before = content_of(original)

    new = template_new_version(template=original, version="2027 draft", by=staff)

    assert (new.name, new.version, new.previous, new.note, new.source) == (
        original.name,
        "2027 draft",
        original,
        original.note,
        original.source,
    )
    assert content_of(new) == before
    assert not new.is_frozen
    # The copies are new rows: the original's items stay where they were.
    assert not Item.objects.filter(section__recommendation__template=new).filter(
        pk__in=Item.objects.filter(section__recommendation__template=original)
    )
    assert content_of(original) == before


def test_the_see_template_copies_with_its_heading_and_sub_questions(staff):
    load_see_checklist()
    original = Template.objects.get(version="2021 working draft")
    new = template_new_version(template=original, version="2023", by=staff)
    assert content_of(new) == content_of(original)
    heading = Item.objects.get(section__recommendation__template=new, key="1.1-q3")
    assert list(heading.subitems.order_by("order").values_list("key", flat=True)) == ["1.1-q3a", "1.1-q3b", "1.1-q3c"]


def test_a_version_name_that_exists_is_refused(staff):
    original = make_template()
    make_template(version="taken")
    with pytest.raises(ValidationError, match="already exists"):
        template_new_version(template=original, version="taken", by=staff)
    assert Template.objects.count() == 2


def test_staff_create_a_new_version_of_a_frozen_template_and_edit_it(login, staff):
    original = make_template()
    make_round(original)
    client = login(staff)

    response = client.post(reverse("checklists:template_new_version", kwargs={"pk": original.pk}), {"version": "v2"})

    new = Template.objects.get(version="v2")
    assert response["Location"] == reverse("checklists:template_detail", kwargs={"pk": new.pk})
    item = Item.objects.get(section__recommendation__template=new, key="1.1-q1")
    client.post(
        reverse("checklists:template_item_edit", kwargs={"pk": new.pk, "item_pk": item.pk}),
        {"key": "1.1-q1", "text": "Reworded?"},
    )
    item.refresh_from_db()
    assert item.text == "Reworded?"
    assert Item.objects.get(section__recommendation__template=original, key="1.1-q1").text == "Question 1.1-q1?"
    # Who created it is kept in the admin's history.
    assert LogEntry.objects.get(object_id=str(new.pk)).user == staff


def test_the_new_version_form_says_when_the_version_exists(login, staff):
    original = make_template(version="working draft")
    response = login(staff).post(
        reverse("checklists:template_new_version", kwargs={"pk": original.pk}), {"version": "working draft"}
    )
    assert "Version “working draft” of this template already exists." in response.content.decode()
    assert Template.objects.count() == 1
