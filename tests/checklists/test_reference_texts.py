"""English is the reference text of a checklist: the editor, the admin, new versions and the template spreadsheet
work on it whatever the interface language, and a translation never outlives the English it was made from."""

import pytest
from django.urls import reverse
from django.utils import translation

from checklists.definition.resources import export_template
from checklists.definition.services import template_new_version
from checklists.models import Answer, Item, Section
from tests.checklists.factories import AssessmentFactory, RoundFactory, make_template

FRENCH = {"accept-language": "fr"}


@pytest.fixture
def template(db):
    return make_template(version="working draft")


@pytest.fixture
def question(template):
    item = Item.objects.get(section__recommendation__template=template, key="1.1-q1")
    item.text_fr, item.help_text_fr, item.text_ro = "Question en français ?", "Aide en français.", "Întrebare?"
    item.save()
    return item


def edit(client, template, item, **data):
    return client.post(
        reverse("checklists:template_item_edit", kwargs={"pk": template.pk, "item_pk": item.pk}),
        {"key": item.key, "text": item.text_en, "help_text": item.help_text_en, **data},
        headers=FRENCH,
        follow=True,
    )


def test_the_editor_on_french_pages_shows_and_saves_the_english_text(login, staff, template, question):
    client = login(staff)
    form = client.get(
        reverse("checklists:template_item_edit", kwargs={"pk": template.pk, "item_pk": question.pk}), headers=FRENCH
    ).content.decode()
    assert "Question 1.1-q1?" in form and "Question en français ?" not in form

    edit(client, template, question, text="Question one, reworded?")

    question.refresh_from_db()
    assert question.text_en == "Question one, reworded?"


def test_a_changed_english_text_loses_its_translations_and_the_page_says_so(login, staff, template, question):
    page = edit(login(staff), template, question, text="Question one, reworded?").content.decode()

    question.refresh_from_db()
    assert (question.text_fr, question.text_ro) == ("", "")
    assert question.help_text_fr == "Aide en français."  # its English did not change
    assert "traductions" in page and "Roumain" in page


def test_an_unchanged_english_text_keeps_its_translations(login, staff, template, question):
    edit(login(staff), template, question, help_text="")

    question.refresh_from_db()
    assert (question.text_fr, question.text_ro, question.help_text_fr) == ("Question en français ?", "Întrebare?", "")


def test_a_new_version_keeps_the_translations(staff, template, question):
    new = template_new_version(template=template, version="2027", by=staff)

    copy = Item.objects.get(section__recommendation__template=new, key="1.1-q1")
    assert (copy.text_en, copy.text_fr, copy.text_ro) == ("Question 1.1-q1?", "Question en français ?", "Întrebare?")


def test_the_template_spreadsheet_holds_the_english_texts_on_french_pages(template, question):
    section = Section.objects.get(recommendation__template=template, number="1.1")
    section.title_fr = "Évaluation"
    section.save()
    with translation.override("fr"):
        dataset = export_template(template)
    row = dataset.dict[0]
    assert row["text"] == "Question 1.1-q1?" and row["section_title"] == section.title_en


def test_a_text_without_french_shows_the_english_one_marked_on_french_pages(login, staff, template, md):
    assessment_round = RoundFactory(template=template, name="Follow-up")
    item = Item.objects.get(section__recommendation__template=template, key="1.1-q1")
    Answer.objects.create(assessment=AssessmentFactory(round=assessment_round, country=md), item=item, value="no")
    item.text_fr = ""
    item.save()

    page = (
        login(staff)
        .get(reverse("checklists:round_gaps", args=[assessment_round.slug]), headers=FRENCH)
        .content.decode()
    )

    assert '<span lang="en">Question 1.1-q1?</span>' in page
    assert '<span class="untranslated">Pas encore de traduction : Français</span>' in page
