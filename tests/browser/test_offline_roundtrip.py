"""A focal point downloads the assessment workbook, fills it offline while a colleague answers in the portal,
uploads it, resolves the conflict and saves. In headless Chromium, against the live server."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from checklists.assessments.services import AnswerInput, SectionInput, section_save
from checklists.models import Answer, Assessment, AssessmentRound, Section, Template
from countries.models import Country
from tests.checklists.offline_helpers import fill
from tests.factories import PASSWORD, make_focal_point

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def moldova_assessment():
    call_command("load_reference_data", verbosity=0)
    md = Country.objects.get(code="MD")
    assessment_round = AssessmentRound.objects.create(
        name="SEE follow-up 2026",
        slug="see-follow-up-2026",
        template=Template.objects.get(),
        opens_on=date(2026, 1, 1),
        deadline=date(2026, 12, 31),
    )
    make_focal_point("fp-md", md)
    return Assessment.objects.create(round=assessment_round, country=md)


def test_a_filled_workbook_is_previewed_its_conflict_resolved_and_saved(
    live_server, page, log_in, moldova_assessment, tmp_path
):
    assessment = moldova_assessment
    page = log_in("fp-md", PASSWORD)
    page.goto(f"{live_server.url}{assessment.get_absolute_url()}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the workbook (Excel)").click()
    assert download.value.suggested_filename == "cjhp-assessment-MD-see-follow-up-2026.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    first = book.sheetnames[2]
    fill(book, first, "1.1-q1", answer="Yes", note="Curricula revised in 2025")
    fill(book, first, "1.1-q2", answer="No")
    fill(book, first, "comments", note="Checked with the Ministry of Justice")
    filled = tmp_path / "filled.xlsx"
    book.save(filled)

    # Meanwhile a colleague answers 1.1-q2 in the portal.
    colleague = make_focal_point("fp-md-2", assessment.country)
    section = Section.objects.get(recommendation__template=assessment.round.template, number="1.1")
    q2 = section.items.get(key="1.1-q2")
    section_save(
        assessment=assessment,
        section=section,
        by=colleague,
        data=SectionInput(version=0, answers={q2.pk: AnswerInput("yes")}),
    )

    page.get_by_role("link", name="Upload a filled workbook").click()
    page.get_by_label("Filled workbook").set_input_files(filled)
    page.get_by_role("button", name="Show what will change").click()
    expect(page.get_by_role("heading", name="1 question was also changed in the portal")).to_be_visible()
    expect(page.get_by_text("Curricula revised in 2025")).to_be_visible()
    expect(page.get_by_text("Checked with the Ministry of Justice")).to_be_visible()
    assert not Answer.objects.filter(assessment=assessment, item__key="1.1-q1").exists()

    page.get_by_role("button", name="Save these changes").click()
    expect(page.get_by_text("Choose, for each conflict, which answer to keep.")).to_be_visible()
    page.get_by_label("Use my workbook's version").check()
    page.get_by_role("button", name="Save these changes").click()
    expect(page.get_by_text("The workbook was applied: 1 section saved.")).to_be_visible()

    answers = {a.item.key: a for a in Answer.objects.filter(assessment=assessment).select_related("item")}
    assert (answers["1.1-q1"].value, answers["1.1-q1"].note) == ("yes", "Curricula revised in 2025")
    assert answers["1.1-q2"].value == "no"
    assert assessment.section_responses.get(section=section).comments == "Checked with the Ministry of Justice"
