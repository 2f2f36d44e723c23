"""A focal point downloads their assessment as a workbook, fills it offline and uploads it: the portal shows
what will change, lists conflicts with what others saved meanwhile, refuses a broken file row by row, and applies
everything in one transaction only once the focal point confirms."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from checklists.assessments.services import (
    AnswerInput,
    SectionConflict,
    SectionInput,
    assessment_apply_workbook,
    assessment_submit,
    section_save,
)
from checklists.models import Answer, Item, Recommendation, Section, SectionResponse
from checklists.offline.workbook import ANSWER, COMMENTS_KEY, NOTE, QUESTION, STATE_SHEET, build_workbook
from tests.bombs import empty_cells_bomb, text_bomb
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template
from tests.checklists.offline_helpers import confirm, download, fill, find_row, upload
from tests.factories import make_focal_point

REC1, REC2 = "1. Recommendation 1", "2. Recommendation 2"


@pytest.fixture
def client(login, fp_md):
    return login(fp_md)


def _answer(assessment, key) -> Answer | None:
    return Answer.objects.filter(assessment=assessment, item__key=key).first()


def _section(template, number) -> Section:
    return Section.objects.get(recommendation__template=template, number=number)


def test_workbook_has_an_about_sheet_one_sheet_per_recommendation_and_a_hidden_state(client, assessment):
    response = client.get(reverse("checklists:assessment_workbook", kwargs={"pk": assessment.pk}))
    assert response["Content-Disposition"] == 'attachment; filename="cjhp-assessment-MD-round-2026.xlsx"'
    book = download(client, assessment)
    assert book.sheetnames == ["About", STATE_SHEET, REC1, REC2]
    assert book[STATE_SHEET].sheet_state == "hidden"
    about = [cell for row in book["About"].iter_rows(values_only=True) for cell in row if cell]
    assert "Republic of Moldova (MD)" in about and "Round 2026" in about and "2026-12-31" in about and "Draft" in about

    sheet = book[REC1]
    assert sheet["A1"].value == "Recommendation 1: Recommendation 1"
    assert sheet["A2"].value == "Full text of recommendation 1."
    assert [cell.value for cell in sheet[4]] == ["Key", "Section", "Question", "Answer", "Note", "Evidence link"]
    question = find_row(sheet, "1.1-q1")
    assert sheet.cell(question, QUESTION).value == "Question 1.1-q1?"
    heading = find_row(sheet, "1.1-qh")
    assert sheet.cell(heading, QUESTION).value == "Do trainings target:"
    assert sheet.cell(find_row(sheet, "1.1-qha"), QUESTION).value == "– Group a?"
    comments = find_row(sheet, COMMENTS_KEY)
    assert comments > find_row(sheet, "1.1-qhb")
    # The Answer cells of the questions offer Yes and No; the heading has no answer cell to fill.
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"Yes,No"'
    cells = str(validation.sqref)
    assert f"D{question}" in cells and f"D{heading}" not in cells and f"D{comments}" not in cells


def test_workbook_holds_what_the_portal_holds(client, assessment, fp_md):
    section = _section(assessment.round.template, "1.1")
    item = Item.objects.get(key="1.1-q1", section=section)
    data = SectionInput(
        version=0, comments="Checked with the ministry", answers={item.pk: AnswerInput("yes", "Law 2019")}
    )
    section_save(assessment=assessment, section=section, by=fp_md, data=data)
    sheet = download(client, assessment)[REC1]
    row = find_row(sheet, "1.1-q1")
    assert (sheet.cell(row, ANSWER).value, sheet.cell(row, NOTE).value) == ("Yes", "Law 2019")
    assert sheet.cell(find_row(sheet, COMMENTS_KEY), NOTE).value == "Checked with the ministry"


def test_a_valid_workbook_is_previewed_then_applied_with_history_by_the_user(client, assessment, fp_md):
    book = download(client, assessment)
    fill(book, REC1, "1.1-q1", answer="Yes", note="Protocol adopted in 2021", link="https://example.md/protocol")
    fill(book, REC1, "1.1-qha", answer="Non")  # French words are understood too
    fill(book, REC1, COMMENTS_KEY, note="Ministry of Justice confirmed")
    fill(book, REC2, "2.1-q2", answer="no", link="justice.md/report")

    preview = upload(client, assessment, book)
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "Protocol adopted in 2021" in text and "Ministry of Justice confirmed" in text
    # Each changed field, from what the portal holds to what the workbook says.
    assert "<td>Answer</td><td>Not answered yet</td><td>Yes</td>" in text
    assert "<td>Evidence link</td><td>—</td><td>https://example.md/protocol</td>" in text
    assert "<td>Comments</td><td>—</td><td>Ministry of Justice confirmed</td>" in text
    assert len(preview.context["plan"].steps) == 4 and not preview.context["plan"].conflicts
    assert not Answer.objects.filter(assessment=assessment).exists()  # nothing until confirmed

    response = confirm(client, assessment, preview)
    assert response.status_code == 302 and response["Location"] == assessment.get_absolute_url()
    q1 = _answer(assessment, "1.1-q1")
    assert (q1.value, q1.note, q1.evidence_link) == ("yes", "Protocol adopted in 2021", "https://example.md/protocol")
    assert q1.answered_by == fp_md
    assert _answer(assessment, "1.1-qha").value == "no"
    assert _answer(assessment, "2.1-q2").evidence_link == "https://justice.md/report"
    assert _answer(assessment, "1.1-q2") is None  # left empty offline: nothing recorded
    response_11 = SectionResponse.objects.get(assessment=assessment, section__number="1.1")
    assert (response_11.comments, response_11.version, response_11.updated_by) == (
        "Ministry of Justice confirmed",
        1,
        fp_md,
    )
    history = Answer.history.filter(assessment_id=assessment.pk)
    assert history.count() == 3
    assert {record.history_user for record in history} == {fp_md}
    assert (
        SectionResponse.history.filter(assessment_id=assessment.pk, comments="Ministry of Justice confirmed")
        .get()
        .history_user
        == fp_md
    )


def test_an_invalid_workbook_is_refused_row_by_row_and_changes_nothing(client, assessment):
    book = download(client, assessment)
    fill(book, REC1, "1.1-q1", answer="Yes")
    fill(book, REC1, "1.1-q2", answer="Maybe")
    fill(book, REC1, "1.1-qh", answer="Yes")
    fill(book, REC2, "2.1-q1", link="not a link")
    sheet = book[REC2]
    sheet.cell(find_row(sheet, "2.1-q2"), 1).value = "9.9-q9"
    bad_rows = {
        "1.1-q2": find_row(book[REC1], "1.1-q2"),
        "1.1-qh": find_row(book[REC1], "1.1-qh"),
        "9.9-q9": find_row(sheet, "9.9-q9"),
    }

    response = upload(client, assessment, book)
    assert response.status_code == 400
    problems = {(p.sheet, p.row): p.message for p in response.context["problems"]}
    assert "“Maybe” is not an answer to 1.1-q2" in problems[(REC1, bad_rows["1.1-q2"])]
    assert "heading" in problems[(REC1, bad_rows["1.1-qh"])]
    assert "Unknown key “9.9-q9”" in problems[(REC2, bad_rows["9.9-q9"])]
    assert any("not a web address" in message for message in problems.values())
    assert len(problems) == 4
    text = response.content.decode()
    assert "Nothing was changed" in text and REC2 in text
    assert 'name="token"' not in text
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_a_missing_sheet_and_a_file_that_is_not_a_workbook_are_refused(client, assessment):
    book = download(client, assessment)
    del book[REC2]
    response = upload(client, assessment, book)
    assert response.status_code == 400
    assert [(p.sheet, p.message) for p in response.context["problems"]] == [(REC2, f"The sheet “{REC2}” is missing.")]

    response = upload(client, assessment, SimpleUploadedFile("answers.xlsx", b"this is not a spreadsheet"))
    assert response.status_code == 400
    assert "not an Excel workbook" in response.content.decode()


@pytest.mark.usefixtures("no_parsing")
@pytest.mark.parametrize("bomb", [text_bomb, empty_cells_bomb])
def test_a_workbook_that_unpacks_to_far_more_than_it_weighs_is_refused_unread(client, assessment, bomb):
    response = upload(client, assessment, SimpleUploadedFile("answers.xlsx", bomb()))
    assert response.status_code == 400
    assert "The file unpacks to more than 10 MB" in response.content.decode()
    assert 'name="token"' not in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_a_fixed_workbook_uploaded_again_is_applied(client, assessment):
    book = download(client, assessment)
    fill(book, REC1, "1.1-q1", answer="Perhaps")
    assert upload(client, assessment, book).status_code == 400
    fill(book, REC1, "1.1-q1", answer="Yes")
    preview = upload(client, assessment, book)
    assert preview.status_code == 200
    confirm(client, assessment, preview)
    assert _answer(assessment, "1.1-q1").value == "yes"


def test_a_change_made_in_the_portal_after_download_is_a_conflict_resolved_by_the_users_choice(client, assessment, md):
    colleague = make_focal_point("fp-md-2", md)
    book = download(client, assessment)
    fill(book, REC1, "1.1-q1", answer="No", note="No protocol yet")
    fill(book, REC1, "1.1-q2", answer="Yes")
    fill(book, REC1, "1.1-qha", answer="Yes")
    section = _section(assessment.round.template, "1.1")
    items = {item.key: item for item in section.items.all()}
    # Meanwhile a colleague answers 1.1-q1 and 1.1-qha in the portal.
    section_save(
        assessment=assessment,
        section=section,
        by=colleague,
        data=SectionInput(
            version=0,
            answers={items["1.1-q1"].pk: AnswerInput("yes", "Adopted"), items["1.1-qha"].pk: AnswerInput("yes")},
        ),
    )

    preview = upload(client, assessment, book)
    plan = preview.context["plan"]
    # 1.1-qha: both wrote Yes, nothing to decide; 1.1-q1 differs: a conflict; 1.1-q2 changed offline only.
    assert [step.key for step in plan.conflicts] == ["1.1-q1"]
    assert [step.key for step in plan.plain] == ["1.1-q2"]
    conflict = plan.conflicts[0]
    assert conflict.conflict.portal == ["Yes", "Adopted", "—"]
    assert conflict.conflict.workbook == ["No", "No protocol yet", "—"]
    assert conflict.conflict.downloaded == ["Not answered yet", "—", "—"]
    assert "In the portal now" in preview.content.decode()

    # Confirming without choosing saves nothing and asks again.
    response = confirm(client, assessment, preview)
    assert response.status_code == 400
    assert "Choose, for each conflict" in response.content.decode()
    assert _answer(assessment, "1.1-q2") is None

    response = confirm(client, assessment, response, **{conflict.choice_name: "workbook"})
    assert response.status_code == 302
    q1 = _answer(assessment, "1.1-q1")
    assert (q1.value, q1.note) == ("no", "No protocol yet")
    assert _answer(assessment, "1.1-q2").value == "yes"
    assert SectionResponse.objects.get(assessment=assessment, section=section).version == 2


def test_choosing_the_portal_keeps_the_colleagues_answer(client, assessment, md):
    colleague = make_focal_point("fp-md-2", md)
    book = download(client, assessment)
    fill(book, REC1, "1.1-q1", answer="No")
    fill(book, REC1, "1.1-q2", answer="Yes")
    section = _section(assessment.round.template, "1.1")
    item = section.items.get(key="1.1-q1")
    section_save(
        assessment=assessment,
        section=section,
        by=colleague,
        data=SectionInput(version=0, answers={item.pk: AnswerInput("yes")}),
    )
    preview = upload(client, assessment, book)
    (conflict,) = preview.context["plan"].conflicts
    confirm(client, assessment, preview, **{conflict.choice_name: "portal"})
    assert _answer(assessment, "1.1-q1").value == "yes"
    assert _answer(assessment, "1.1-q1").answered_by == colleague
    assert _answer(assessment, "1.1-q2").value == "yes"


def test_a_save_after_the_preview_is_checked_again_on_confirmation(client, assessment, md):
    colleague = make_focal_point("fp-md-2", md)
    book = download(client, assessment)
    fill(book, REC1, "1.1-q1", answer="No")
    preview = upload(client, assessment, book)
    assert not preview.context["plan"].conflicts
    section = _section(assessment.round.template, "1.1")
    item = section.items.get(key="1.1-q1")
    section_save(
        assessment=assessment,
        section=section,
        by=colleague,
        data=SectionInput(version=0, answers={item.pk: AnswerInput("yes")}),
    )

    response = confirm(client, assessment, preview)
    assert response.status_code == 409
    assert "after your preview" in response.content.decode()
    assert [step.key for step in response.context["plan"].conflicts] == ["1.1-q1"]
    assert _answer(assessment, "1.1-q1").value == "yes"

    (conflict,) = response.context["plan"].conflicts
    confirm(client, assessment, response, **{conflict.choice_name: "workbook"})
    assert _answer(assessment, "1.1-q1").value == "no"


def test_a_submitted_assessment_refuses_downloads_and_uploads(client, assessment, fp_md):
    book = download(client, assessment)
    fill(book, REC1, "1.1-q1", answer="No")
    preview = upload(client, assessment, book)
    answer_all(assessment, Answer.Value.YES)
    assessment_submit(assessment=assessment, by=fp_md)

    response = confirm(client, assessment, preview)
    assert response.status_code == 302
    assert _answer(assessment, "1.1-q1").value == "yes"
    response = upload(client, assessment, book)
    assert response.status_code == 302
    assert client.get(response["Location"]).context["messages"]
    assert client.get(reverse("checklists:assessment_workbook", kwargs={"pk": assessment.pk})).status_code == 302
    assert _answer(assessment, "1.1-q1").value == "yes"


def test_another_countrys_focal_point_gets_404_and_staff_who_review_get_403(login, fp_ge, staff, assessment):
    for user, status in ((fp_ge, 404), (staff, 403)):
        client = login(user)
        assert client.get(reverse("checklists:assessment_workbook", kwargs={"pk": assessment.pk})).status_code == status
        assert client.get(reverse("checklists:assessment_upload", kwargs={"pk": assessment.pk})).status_code == status


def test_a_workbook_of_another_assessment_is_refused(client, assessment, assessment_round, md):
    other = AssessmentFactory(round=RoundFactory(template=assessment_round.template), country=md)
    book = download(client, other)
    fill(book, REC1, "1.1-q1", answer="Yes")
    response = upload(client, assessment, book)
    assert response.status_code == 400
    assert "belongs to another assessment" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_confirmation_with_an_altered_token_is_refused(client, assessment):
    response = client.post(reverse("checklists:assessment_upload", kwargs={"pk": assessment.pk}), {"token": "forged"})
    assert response.status_code == 302
    assert not Answer.objects.exists()


def test_the_assessment_page_links_to_the_workbook_for_its_focal_point(client, assessment):
    text = client.get(assessment.get_absolute_url()).content.decode()
    assert reverse("checklists:assessment_workbook", kwargs={"pk": assessment.pk}) in text
    assert reverse("checklists:assessment_upload", kwargs={"pk": assessment.pk}) in text


@pytest.mark.parametrize("size", [(2, 2), (6, 8)])
def test_download_and_preview_make_a_fixed_number_of_queries(login, fp_md, md, size, django_assert_max_num_queries):
    recommendations, questions = size
    template = make_template(recommendations=recommendations, questions=questions)
    assessment = AssessmentFactory(round=RoundFactory(template=template), country=md)
    answer_all(assessment, Answer.Value.NO)
    client = login(fp_md)
    # session, user, focal points (scoping), the assessment with its round, template and country;
    # recommendations, sections, items; answers; section responses.
    with django_assert_max_num_queries(9):
        book = download(client, assessment)
    fill(book, REC1, "1.1-q1", answer="Yes")
    # The same nine: the template's parts to read the workbook against, the portal's answers and comments.
    with django_assert_max_num_queries(9):
        assert upload(client, assessment, book).status_code == 200


def test_a_workbook_downloaded_in_french_offers_oui_and_non_and_is_read_back(client, assessment):
    with translation.override("fr"):
        content = build_workbook(assessment)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames[0] == "À propos"
    (validation,) = book[REC1].data_validations.dataValidation
    assert validation.formula1 == '"Oui,Non"'
    fill(book, REC1, "1.1-q1", answer="Oui")
    confirm(client, assessment, upload(client, assessment, book))
    assert _answer(assessment, "1.1-q1").value == "yes"


def test_a_note_starting_with_an_equals_sign_stays_text_and_is_not_a_change(client, assessment, fp_md):
    section = _section(assessment.round.template, "1.1")
    item = section.items.get(key="1.1-q1")
    data = SectionInput(version=0, answers={item.pk: AnswerInput("yes", "=SUM(A1:A2) is how we count")})
    section_save(assessment=assessment, section=section, by=fp_md, data=data)
    book = download(client, assessment)
    sheet = book[REC1]
    cell = sheet.cell(find_row(sheet, "1.1-q1"), NOTE)
    assert (cell.value, cell.data_type) == ("=SUM(A1:A2) is how we count", "s")
    preview = upload(client, assessment, book)
    assert preview.status_code == 200 and preview.context["plan"].steps == []


def test_applying_is_all_or_nothing_when_a_later_section_was_saved_meanwhile(assessment, fp_md):
    first, second = (_section(assessment.round.template, number) for number in ("1.1", "2.1"))
    q1, q2 = first.items.get(key="1.1-q1"), second.items.get(key="2.1-q1")
    section_save(assessment=assessment, section=second, by=fp_md, data=SectionInput(version=0, comments="Saved"))
    sections = {
        first: SectionInput(version=0, answers={q1.pk: AnswerInput("yes")}),
        second: SectionInput(version=0, answers={q2.pk: AnswerInput("no")}),
    }
    with pytest.raises(SectionConflict):
        assessment_apply_workbook(assessment=assessment, by=fp_md, sections=sections)
    assert not Answer.objects.filter(assessment=assessment).exists()
    assert not SectionResponse.objects.filter(assessment=assessment, section=first).exists()


def test_a_workbook_downloaded_on_french_pages_is_read_back_on_english_ones(client, assessment):
    # The sheets are named after the English titles: a French title, or the pages' language, changes nothing.
    Recommendation.objects.filter(template=assessment.round.template).update(title_fr="Titre en français")
    book = download(client, assessment)
    with translation.override("fr"):
        french = openpyxl.load_workbook(io.BytesIO(build_workbook(assessment)))
    assert REC1 in french.sheetnames and REC1 in book.sheetnames
    fill(french, REC1, "1.1-q1", answer="Oui")

    preview = upload(client, assessment, french)

    assert preview.status_code == 200 and len(preview.context["plan"].steps) == 1
