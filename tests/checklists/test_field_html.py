"""The assessment page writes its question inputs directly (checklists/field_html.py): the very HTML Django's form
renderer and includes/form_field.html write, for every kind of field of the section form."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import engines
from django.utils import translation

from checklists.field_html import choices_html, field_html
from checklists.forms import SectionForm
from checklists.models import Answer, Item, Section
from checklists.overview import RoundPairForm
from checklists.page import load_checklist
from tests.checklists.factories import AssessmentFactory, RoundFactory

FIELD_TEMPLATE = engines["django"].from_string('{% include "includes/form_field.html" %}')
CHOICES_TEMPLATE = engines["django"].from_string(
    '{% for radio in field %}<label class="choice">{{ radio.tag }} {{ radio.choice_label }}</label>{% endfor %}'
)


def squeezed(html: str) -> str:
    """The HTML with runs of white space made one (the template's indentation is not kept)."""
    return re.sub(r"\s+", " ", str(html)).strip()


def assert_same_html(form: SectionForm) -> None:
    assert form.fields, "a form with fields"
    for name in form.fields:
        field = form[name]
        if name.endswith("-value"):
            assert choices_html(field) == CHOICES_TEMPLATE.render({"field": field})
            continue
        if name != "version":
            assert squeezed(field_html(field)) == squeezed(FIELD_TEMPLATE.render({"field": field})), name


@pytest.fixture
def section(assessment) -> Section:
    section = Section.objects.get(recommendation__template=assessment.round.template, number="1.1")
    section.has_comments = True
    return section


def questions(section) -> list[Item]:
    return list(section.items.filter(is_heading=False).order_by("order"))


def answers(assessment, section) -> dict:
    """Answers of every kind: Yes with a note to escape, No with a link, one with an evidence file."""
    items = questions(section)
    made = {
        items[0].pk: Answer(assessment=assessment, item=items[0], value="yes", note='Law <b>"2021"</b> & decree'),
        items[1].pk: Answer(
            assessment=assessment, item=items[1], value="no", evidence_link="https://example.org/?a=1&b=2"
        ),
        items[2].pk: Answer(assessment=assessment, item=items[2], value=""),
    }
    made[items[2].pk].evidence_file.name = "evidence/plan.pdf"
    return made


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_unbound_section_form_is_written_as_django_writes_it(assessment, section, language):
    with translation.override(language):
        form = SectionForm(
            section=section,
            questions=questions(section),
            answers=answers(assessment, section),
            comments="Seen <with> the ministry",
            version=3,
        )
        assert_same_html(form)


def test_a_bound_section_form_with_errors_is_written_as_django_writes_it(assessment, section):
    items = questions(section)
    prefix = f"s{section.pk}"
    data = {
        f"{prefix}-version": "2",
        f"{prefix}-comments": 'A "comment" & more',
        f"{prefix}-q{items[0].pk}-value": "no",
        f"{prefix}-q{items[0].pk}-note": "<script>alert(1)</script>",
        f"{prefix}-q{items[0].pk}-link": "not a link",
        f"{prefix}-q{items[1].pk}-value": "maybe",
        f"{prefix}-q{items[2].pk}-remove_file": "on",
    }
    files = {f"{prefix}-q{items[1].pk}-file": SimpleUploadedFile("virus.exe", b"MZ")}
    form = SectionForm(
        data,
        files,
        section=section,
        questions=items,
        answers=answers(assessment, section),
        comments="",
        version=2,
    )
    assert not form.is_valid()
    assert form[f"q{items[0].pk}-link"].errors and form[f"q{items[1].pk}-file"].errors
    assert_same_html(form)
    assert 'aria-invalid="true"' in field_html(form[f"q{items[0].pk}-link"])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_page_as_loaded_writes_each_question_as_the_bound_fields_do(assessment, section, fp_md, language):
    """Unbound (the page as loaded), the rows are written from the answers without building widgets: the same
    HTML as the bound fields write, for every kind of answer."""
    for answer in answers(assessment, section).values():
        answer.save()
    with translation.override(language):
        checklist = load_checklist(assessment, fp_md)
        saved = {answer.item_id: answer for answer in Answer.objects.filter(assessment=assessment)}
        rows = [(view, row) for view in checklist.sections.values() for row in view.rows if not row.item.is_heading]
        assert len(rows) >= 4 and sum(bool(row.html.get("remove_file")) for _view, row in rows) == 1
        for view, row in rows:
            assert not row.fields and row.form is view.form and not view.form.is_bound
            fast = row.html
            full = SectionForm(
                section=view.section, questions=view.questions, answers=saved, comments=view.comments, version=0
            )
            fields = full.fields_for(row.item)
            slow = {name: field_html(field) for name, field in fields.items() if name != "value"}
            slow["choices"] = choices_html(fields["value"])
            assert {name: squeezed(html) for name, html in fast.items()} == {
                name: squeezed(html) for name, html in slow.items()
            }
            assert row.more_open == bool(
                row.answer and (row.answer.note or row.answer.evidence_link or row.answer.evidence_file)
            )


def test_the_round_choices_are_written_as_django_writes_them(three_assessments):
    for data in [None, {"before": three_assessments[0].round.slug, "after": three_assessments[0].round.slug}]:
        form = RoundPairForm(data=data, assessments=three_assessments)
        form.is_valid()
        for name in ["before", "after"]:
            field = form[name]
            assert squeezed(field_html(field)) == squeezed(FIELD_TEMPLATE.render({"field": field}))


@pytest.fixture
def three_assessments(md):
    return [
        AssessmentFactory(country=md, round=RoundFactory(name=f"Round <{year}> & co", opens_on=date(year, 1, 1)))
        for year in (2020, 2022, 2024)
    ]
