"""PDF reports of the checklists: a country's assessment (answers, comments, DRAFT marks, the change since the
previous round) and a round's comparison of all countries (staff only)."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from checklists.assessments.services import assessment_approve, assessment_return, assessment_submit
from checklists.models import ActionItem, Answer, Item, Section, SectionResponse
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template
from tests.factories import CountryFactory

YES, NO = Answer.Value.YES, Answer.Value.NO


def pdf_pages(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages]


def answer(assessment, key, value, **fields):
    item = Item.objects.get(section__recommendation__template=assessment.round.template, key=key)
    Answer.objects.update_or_create(assessment=assessment, item=item, defaults={"value": value, **fields})


@pytest.fixture
def baseline(md):
    """Moldova's approved baseline of 2022, on the first version of the checklist."""
    template = make_template(recommendations=2, questions=2)
    baseline = AssessmentFactory(
        round=RoundFactory(
            template=template, name="SEE baseline 2022", slug="see-baseline-2022", opens_on=date(2022, 3, 1)
        ),
        country=md,
    )
    answer_all(baseline, YES)
    answer(baseline, "1.1-q1", NO)
    answer(baseline, "2.1-q2", NO)
    assessment_submit(assessment=baseline, by=None)
    assessment_approve(assessment=baseline, by=None)
    return baseline


@pytest.fixture
def follow_up(baseline, md, staff):
    """The follow-up of 2026 on a second version with one more question: 1.1-q1 No → Yes, 1.1-q2 Yes → No."""
    template = make_template(recommendations=2, questions=2)
    section = Section.objects.get(recommendation__template=template, number="2.1")
    Item.objects.create(section=section, key="2.1-q9", text="Is naloxone given on release?", order=9)
    follow_up = AssessmentFactory(
        round=RoundFactory(template=template, name="SEE follow-up 2026", slug="see-follow-up-2026"), country=md
    )
    answer_all(follow_up, YES)
    answer(follow_up, "1.1-q2", NO, note="The protocol awaits the minister's signature.")
    answer(follow_up, "2.1-q2", NO, evidence_link="https://example.org/order-17.pdf")
    SectionResponse.objects.create(
        assessment=follow_up,
        section=Section.objects.get(recommendation__template=template, number="1.1"),
        comments="Ștefan Țurcanu checked every prison of the country.",
    )
    ActionItem.objects.create(
        assessment=follow_up,
        recommendation=section.recommendation,
        description="Train the prison doctors",
        responsible="Ministry of Health",
        due_date=date(2026, 12, 1),
    )
    ActionItem.objects.create(
        assessment=follow_up,
        recommendation=section.recommendation,
        description="Finished long ago",
        responsible="Nobody",
        due_date=date(2026, 1, 1),
        status=ActionItem.Status.DONE,
    )
    return follow_up


def test_the_assessment_pdf_holds_every_question_answer_note_evidence_and_comment(login, staff, follow_up):
    response = login(staff).get(f"/checklists/assessments/{follow_up.pk}/pdf/")
    text = " ".join(pdf_pages(response))
    assert "Republic of Moldova · SEE follow-up 2026" in text
    assert "Full text of recommendation 1." in text
    assert "Do trainings target:" in text and "Group a?" in text
    assert "Question 1.1-q2?" in text
    assert "The protocol awaits the minister's signature." in text
    assert "https://example.org/order-17.pdf" in text
    assert "Ștefan Țurcanu checked every prison of the country." in text
    assert "Is naloxone given on release?" in text
    # Progress per recommendation: rec. 2 has 3 questions, 2 of them Yes (67%).
    assert "2. Recommendation 2 3 3 (100%) 2 67%" in text
    assert "Train the prison doctors" in text
    assert "Finished long ago" not in text


def test_the_assessment_pdf_shows_the_change_since_the_previous_round(login, staff, follow_up):
    text = " ".join(pdf_pages(login(staff).get(f"/checklists/assessments/{follow_up.pk}/pdf/")))
    assert "Compared with SEE baseline 2022 (Approved)" in text
    assert "No → Yes: 1" in text
    assert "Yes → No: 1" in text
    assert "New question: 1" in text
    assert "1.1-q1 Question 1.1-q1? No Yes" in text
    assert "1.1-q2 Question 1.1-q2? Yes No" in text
    assert "2.1-q9 Is naloxone given on release? not asked Yes" in text
    # 2.1-q2 was No and still is: counted among the unchanged answers, not listed.
    assert "4 questions have the same answer." in text


def test_a_draft_or_returned_assessment_says_draft_on_every_page(login, staff, fp_md, follow_up):
    pages = pdf_pages(login(fp_md).get(f"/checklists/assessments/{follow_up.pk}/pdf/"))
    assert len(pages) > 1
    assert all("DRAFT" in page and "Draft" in page and "Page" in page for page in pages)
    assessment_submit(assessment=follow_up, by=fp_md)
    assessment_return(assessment=follow_up, by=staff, message="Add the evidence for 2.1, please.")
    pages = pdf_pages(login(staff).get(f"/checklists/assessments/{follow_up.pk}/pdf/"))
    assert all("DRAFT" in page and "Returned" in page for page in pages)
    text = " ".join(pages)
    assert "Add the evidence for 2.1, please." in text  # the review timeline
    assert "Returned for changes" in text


def test_an_approved_assessment_has_no_draft_mark(login, staff, baseline):
    response = login(staff).get(f"/checklists/assessments/{baseline.pk}/pdf/")
    pages = pdf_pages(response)
    assert not any("DRAFT" in page for page in pages)
    assert "Approved" in pages[0]
    assert "first assessment" in " ".join(pages)
    assert response["Content-Disposition"] == 'attachment; filename="cjhp-assessment-MD-see-baseline-2022.pdf"'


def test_the_assessment_pdf_is_in_the_users_language(login, staff, follow_up):
    staff.language = "fr"
    staff.save()
    client = login(staff)
    client.cookies["django_language"] = "fr"
    text = " ".join(pdf_pages(client.get(f"/checklists/assessments/{follow_up.pk}/pdf/", HTTP_ACCEPT_LANGUAGE="fr")))
    assert "Brouillon" in text or "BROUILLON" in text
    assert "Page 1 sur" in text


def test_the_assessment_pdf_makes_as_many_queries_however_many_questions(
    login, staff, md, django_assert_max_num_queries
):
    client = login(staff)
    for recommendations, questions in ((1, 1), (6, 8)):
        template = make_template(recommendations=recommendations, questions=questions)
        previous = AssessmentFactory(round=RoundFactory(template=template, opens_on=date(2020, 1, 1)), country=md)
        answer_all(previous, NO)
        assessment = AssessmentFactory(round=RoundFactory(template=template), country=md)
        answer_all(assessment, YES)
        for section in Section.objects.filter(recommendation__template=template):
            SectionResponse.objects.create(assessment=assessment, section=section, comments="Seen")
        # session, user, groups; assessment; recommendations, sections, items; answers; section responses; previous
        # assessment, its questions and answers; open action items; timeline
        with django_assert_max_num_queries(14):
            pdf_pages(client.get(f"/checklists/assessments/{assessment.pk}/pdf/"))


def test_the_round_comparison_holds_each_countrys_numbers(login, staff, md, ge, django_assert_max_num_queries):
    template = make_template(recommendations=2, questions=2)  # rec. 1: 4 questions, rec. 2: 2
    assessment_round = RoundFactory(template=template, name="SEE baseline 2022", slug="see-baseline-2022")
    moldova = AssessmentFactory(round=assessment_round, country=md)
    georgia = AssessmentFactory(round=assessment_round, country=ge)
    answer_all(moldova, YES)
    answer(moldova, "1.1-q1", NO)
    answer(georgia, "1.1-q1", NO)
    answer(georgia, "2.1-q1", YES)
    client = login(staff)
    response = client.get("/checklists/rounds/see-baseline-2022/pdf/")
    text = " ".join(pdf_pages(response))
    assert response["Content-Disposition"] == 'attachment; filename="cjhp-round-see-baseline-2022.pdf"'
    # country, status, answered, Yes, then the Yes share of each recommendation
    assert "Georgia Draft 33% 17% 0% 50%" in text
    assert "Republic of Moldova Draft 100% 83% 75% 100%" in text
    assert "1.1-q1 Question 1.1-q1? 2 0 Georgia, Republic of Moldova" in text
    for code in ("UA", "AL", "RS", "ME", "BA", "MK", "XK", "BG", "RO", "HR", "SI", "TR"):
        AssessmentFactory(round=assessment_round, country=CountryFactory(code=code, name=f"Country {code}"))
    # session, user; round; recommendations, assessments, questions, answer counts; answers No, their items
    with django_assert_max_num_queries(10):
        text = " ".join(pdf_pages(client.get("/checklists/rounds/see-baseline-2022/pdf/")))
    # Nothing answered: a dash for the Yes share and each recommendation's, not 0%.
    assert "Country XK Draft 0% — — —" in text


def test_focal_points_may_not_export_the_round_comparison(login, fp_md, md):
    assessment_round = RoundFactory(template=make_template(), slug="see-baseline-2022")
    AssessmentFactory(round=assessment_round, country=md)
    assert login(fp_md).get("/checklists/rounds/see-baseline-2022/pdf/").status_code == 403


def test_a_focal_point_cannot_export_another_countrys_assessment(login, fp_ge, baseline):
    assert login(fp_ge).get(f"/checklists/assessments/{baseline.pk}/pdf/").status_code == 404


def test_a_drafts_unanswered_questions_are_counted_not_listed(login, staff, baseline, md):
    draft = AssessmentFactory(
        round=RoundFactory(template=baseline.round.template, name="SEE follow-up 2026", slug="see-follow-up-2026"),
        country=md,
    )
    answer(draft, "1.1-q1", YES)
    text = " ".join(pdf_pages(login(staff).get(f"/checklists/assessments/{draft.pk}/pdf/")))
    assert "No → Yes: 1" in text
    assert "No longer answered: 5" in text
    assert "1.1-q1 Question 1.1-q1? No Yes" in text
    assert "1.1-q2 Question 1.1-q2? Yes not answered" not in text
