"""A country fills in and staff review a checklist in the country's language, with the English text beneath."""

import io

import pytest
from django.urls import reverse

from checklists.languages import CODES
from checklists.models import Answer, Item, Recommendation, Section
from checklists.offline.workbook import ENGLISH, QUESTION
from tests.checklists.factories import section_data
from tests.checklists.offline_helpers import confirm, download, fill, find_row, upload
from tests.checklists.test_queries import queries


def translate(template, language: str, prefix: str) -> None:
    """Every text of the template in `language`, as "<prefix> <English text>"."""
    for rec in Recommendation.objects.filter(template=template):
        setattr(rec, f"title_{language}", f"{prefix} {rec.title_en}")
        setattr(rec, f"text_{language}", f"{prefix} {rec.text_en}")
        rec.save()
    for section in Section.objects.filter(recommendation__template=template):
        setattr(section, f"title_{language}", f"{prefix} {section.title_en}")
        section.save()
    for item in Item.objects.filter(section__recommendation__template=template):
        setattr(item, f"text_{language}", f"{prefix} {item.text_en}")
        setattr(item, f"help_text_{language}", f"{prefix} {item.help_text_en}" if item.help_text_en else "")
        item.save()


@pytest.fixture
def romanian(template):
    translate(template, "ro", "RO")
    return template


@pytest.fixture
def fp_ro(fp_md):
    fp_md.working_language = "ro"
    fp_md.save()
    return fp_md


def first_section(assessment) -> Section:
    return Section.objects.get(recommendation__template=assessment.round.template, number="1.1")


# The focal point's page


def test_a_focal_point_reads_the_questions_in_romanian_with_the_english_beneath(assessment, romanian, fp_ro, login):
    page = login(fp_ro).get(assessment.get_absolute_url()).content.decode()
    assert '<span lang="ro">RO Question 1.1-q1?</span></legend>' in page
    assert '<details class="text-beside" data-open-wide open><summary>English</summary>' in page
    assert '<p lang="en">Question 1.1-q1?</p><p class="help" lang="en">Help for question 1.</p>' in page
    assert '<p class="help"><span lang="ro">RO Help for question 1.</span></p>' in page
    assert '<span lang="ro">RO Recommendation 1</span>' in page
    assert '<span lang="ro">RO Assessment</span>' in page  # the section's title
    assert "Not yet translated" not in page
    # The English beneath is theirs whatever they ask: no switch that would change nothing.
    assert "Show the questions only in" not in page


def test_a_missing_translation_shows_the_english_text_marked(assessment, romanian, fp_ro, login):
    Item.objects.filter(key="1.1-q2").update(text_ro="")
    page = login(fp_ro).get(assessment.get_absolute_url()).content.decode()
    assert (
        '<span lang="en">Question 1.1-q2?</span> <span class="untranslated">Not yet translated into Romanian</span>'
        in page
    )


def test_a_focal_point_reading_english_sees_no_second_language(assessment, romanian, fp_md, login):
    page = login(fp_md).get(assessment.get_absolute_url()).content.decode()
    assert '<span lang="en">Question 1.1-q1?</span></legend>' in page
    assert "text-beside" not in page and "RO Question" not in page


def saved_answers(assessment) -> list[tuple]:
    return sorted(assessment.answers.values_list("item__key", "value", "note", "evidence_link"))


@pytest.mark.parametrize("language", ["ro", ""])
def test_the_answers_are_saved_the_same_whatever_the_language(assessment, romanian, fp_md, login, language):
    fp_md.working_language = language
    fp_md.save()
    client, section = login(fp_md), first_section(assessment)
    page = client.get(assessment.get_absolute_url()).content.decode()
    data = section_data(section, values={"1.1-q1": "yes", "1.1-q2": "no"}, **{"1.1-q1-note": "Ordinul 12"})
    for name in data:
        if name.endswith("-value"):
            assert f'name="{name}"' in page
    client.post(reverse("checklists:assessment_section", args=[assessment.pk, section.pk]), data)
    assert saved_answers(assessment) == [
        ("1.1-q1", "yes", "Ordinul 12", ""),
        ("1.1-q2", "no", "", ""),
    ]


# The notes' language


def test_a_note_is_recorded_in_the_working_language_and_the_assessment_as_answered_in_it(
    assessment, romanian, fp_ro, login
):
    client, section = login(fp_ro), first_section(assessment)
    url = reverse("checklists:assessment_section", args=[assessment.pk, section.pk])
    client.post(url, section_data(section, values={"1.1-q1": "yes"}, **{"1.1-q1-note": "Ordinul 12"}))
    assessment.refresh_from_db()
    assert assessment.language == "ro"
    assert Answer.objects.get(item__key="1.1-q1").note_language == "ro"
    # Someone reading English changes the answer but not the note: the note keeps its language.
    fp_ro.working_language = "en"
    fp_ro.save()
    client.post(url, section_data(section, version=1, values={"1.1-q1": "no"}, **{"1.1-q1-note": "Ordinul 12"}))
    assert Answer.objects.get(item__key="1.1-q1").note_language == "ro"
    assessment.refresh_from_db()
    assert assessment.language == "en"


def test_staff_see_a_note_as_written_with_its_language_named(assessment, fp_ro, staff, login):
    item = Item.objects.get(key="1.1-q1")
    Answer.objects.create(assessment=assessment, item=item, value="yes", note="Ordinul 12", note_language="ro")
    page = login(staff).get(assessment.get_absolute_url()).content.decode()
    assert '<p class="note-language">written in Romanian</p><p class="answer__note" lang="ro">Ordinul 12</p>' in page
    page = login(fp_ro).get(assessment.get_absolute_url()).content.decode()
    assert 'lang="ro">\nOrdinul 12</textarea>' in page
    assert "written in Romanian" not in page


# Staff


def test_staff_may_also_show_the_questions_in_the_language_the_country_answered_in(assessment, romanian, staff, login):
    assessment.language = "ro"
    assessment.save()
    client = login(staff)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert '<a href="?also=ro">Also show the questions in Romanian</a>' in page
    assert "RO Question" not in page
    page = client.get(assessment.get_absolute_url() + "?also=ro").content.decode()
    assert '<span lang="en">Question 1.1-q1?</span>' in page
    assert '<summary>Romanian</summary>\n<p lang="ro">RO Question 1.1-q1?</p>' in page
    assert "Show the questions only in English" in page


def test_staff_reading_french_see_the_french_questions_and_the_english_fallback_marked(
    assessment, staff, login, settings
):
    template = assessment.round.template
    translate(template, "fr", "FR")
    Item.objects.filter(key="1.1-q2").update(text_fr="")
    client = login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get(assessment.get_absolute_url() + "?also=ro").content.decode()
    assert '<span lang="fr">FR Question 1.1-q1?</span>' in page
    assert (
        '<span lang="en">Question 1.1-q2?</span> <span class="untranslated">Pas encore de traduction : Français</span>'
        in page
    )
    # No Romanian text yet: said beneath each question.
    assert '<summary>Roumain</summary>\n<p class="muted">Pas encore de traduction : Roumain</p>' in page


def test_an_unknown_language_to_show_beside_is_ignored(assessment, staff, login):
    response = login(staff).get(assessment.get_absolute_url() + "?also=xx")
    assert response.status_code == 200
    assert "text-beside" not in response.content.decode()


def test_the_review_page_shows_the_questions_also_in_romanian(assessment, romanian, fp_md, staff, login):
    from checklists.assessments.services import assessment_submit
    from tests.checklists.factories import answer_all

    answer_all(assessment)
    assessment_submit(assessment=assessment, by=fp_md)
    url = reverse("checklists:assessment_review", args=[assessment.pk])
    page = login(staff).get(url + "?also=ro").content.decode()
    assert '<summary>Romanian</summary>\n<p lang="ro">RO Question 1.1-q1?</p>' in page


# The offline workbook

REC1 = "1. Recommendation 1"


def test_the_workbook_holds_the_romanian_questions_and_the_english_beside_them(assessment, romanian, fp_ro, login):
    sheet = download(login(fp_ro), assessment)[REC1]
    assert sheet["A1"].value == "Recommendation 1: RO Recommendation 1"
    header = [cell.value for cell in sheet[4]]
    assert header[QUESTION - 1] == "Question in Romanian" and header[ENGLISH - 1] == "Question in English"
    row = find_row(sheet, "1.1-q1")
    assert (sheet.cell(row, QUESTION).value, sheet.cell(row, ENGLISH).value) == (
        "RO Question 1.1-q1?",
        "Question 1.1-q1?",
    )


@pytest.mark.parametrize("language", ["ro", "en"])
def test_a_workbook_in_romanian_applies_as_one_in_english(assessment, romanian, fp_md, login, language):
    fp_md.working_language = language
    fp_md.save()
    client = login(fp_md)
    book = download(client, assessment)
    fill(book, REC1, "1.1-q1", answer="Yes", note="Ordinul 12")
    fill(book, REC1, "1.1-q2", answer="No")
    confirm(client, assessment, upload(client, assessment, book))
    assert saved_answers(assessment) == [("1.1-q1", "yes", "Ordinul 12", ""), ("1.1-q2", "no", "", "")]


# The PDF


def pdf_text(response) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_pdf_prints_the_romanian_question_with_the_english_beneath(assessment, fp_ro, staff, login):
    template = assessment.round.template
    translate(template, "ro", "RO")
    Item.objects.filter(key="1.1-q1").update(text_ro="Există un protocol de tratament în închisoare?")
    url = reverse("checklists:assessment_pdf", args=[assessment.pk])
    response = login(fp_ro).get(url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "Există un protocol de tratament în închisoare?" in text and "Question 1.1-q1?" in text
    # Staff get the language the country answered in, once it is known.
    assert "Există un protocol" not in pdf_text(login(staff).get(url))
    assessment.language = "ro"
    assessment.save()
    assert "Există un protocol de tratament în închisoare?" in pdf_text(login(staff).get(url))


def test_the_pdfs_html_marks_each_text_with_its_language(assessment, romanian):
    from django.template.loader import render_to_string

    from checklists.reports.documents import assessment_report

    html = render_to_string("checklists/reports/assessment.html", assessment_report(assessment, "ro"))
    assert (
        '<span lang="ro">RO Question 1.1-q1?</span><br><span class="english" lang="en">Question 1.1-q1?</span>' in html
    )


# Queries


@pytest.mark.parametrize("who", ["fp_ro", "staff"])
def test_the_query_count_is_the_same_with_one_language_or_five(assessment, who, request, login):
    template = assessment.round.template
    client = login(request.getfixturevalue(who))
    url = assessment.get_absolute_url() + "?also=ro"
    translate(template, "ro", "RO")
    one = queries(client, url)
    for language in [code for code in CODES if code not in ("en", "ro")][:4]:
        translate(template, language, language.upper())
    assert queries(client, url) == one


def test_the_review_page_query_count_is_the_same_with_one_language_or_five(assessment, fp_md, staff, login):
    from checklists.assessments.services import assessment_submit
    from tests.checklists.factories import answer_all

    template = assessment.round.template
    answer_all(assessment)
    assessment_submit(assessment=assessment, by=fp_md)
    client = login(staff)
    url = reverse("checklists:assessment_review", args=[assessment.pk]) + "?also=ro"
    translate(template, "ro", "RO")
    one = queries(client, url)
    for language in [code for code in CODES if code not in ("en", "ro")][:4]:
        translate(template, language, language.upper())
    assert queries(client, url) == one
