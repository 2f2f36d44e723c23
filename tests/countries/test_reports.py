"""The country profile PDF: membership, networks, projects and results, events with their attendees by
professional group and gender, assessment history and open action items; for staff and the country's focal
points only."""

from datetime import date

import pytest

from checklists.assessments.services import assessment_approve, assessment_submit
from checklists.models import ActionItem, Answer
from countries.models import Network
from events.models import Gender, ProfessionalGroup
from projects.models import Result
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template
from tests.checklists.test_reports import answer, pdf_pages
from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory
from tests.projects.factories import ProjectFactory

YES, NO = Answer.Value.YES, Answer.Value.NO


@pytest.fixture
def moldova(md, ge):
    Network.objects.create(name="South-East Europe network", since=2020).countries.add(md)
    project = ProjectFactory(title="Establishing Therapeutic Communities in Prisons", countries=[md])
    Result.objects.create(project=project, text="First prison-based therapeutic community in Pruncul")
    ProjectFactory(title="A Georgian project", countries=[ge])
    event = EventFactory(title="Therapeutic community training", country=md)
    for name, group, gender in [
        ("Ștefan Țurcanu", ProfessionalGroup.PRISON_HEALTHCARE, Gender.MALE),
        ("Ana Ciobanu", ProfessionalGroup.PRISON_HEALTHCARE, Gender.FEMALE),
        ("Maria Rusu", ProfessionalGroup.JUSTICE, Gender.FEMALE),
    ]:
        AttendanceFactory(
            event=event, participant=ParticipantFactory(name=name, country=md, professional_group=group, gender=gender)
        )
    EventFactory(title="A Tbilisi round table", country=ge)
    template = make_template(recommendations=2, questions=2)  # rec. 1: 4 questions, rec. 2: 2
    baseline = AssessmentFactory(
        round=RoundFactory(template=template, name="SEE baseline 2022", opens_on=date(2022, 3, 1)), country=md
    )
    answer_all(baseline, NO)
    answer(baseline, "1.1-q1", YES)
    assessment_submit(assessment=baseline, by=None)
    assessment_approve(assessment=baseline, by=None)
    follow_up = AssessmentFactory(round=RoundFactory(template=template, name="SEE follow-up 2026"), country=md)
    answer_all(follow_up, YES)
    ActionItem.objects.create(
        assessment=baseline,
        recommendation=template.recommendations.get(number=2),
        description="Adopt the through-care protocol",
        responsible="Ministry of Justice",
        due_date=date(2026, 12, 1),
    )
    return md


def test_the_profile_holds_the_countrys_facts_and_numbers(login, staff, moldova):
    response = login(staff).get("/countries/MD/pdf/")
    text = " ".join(pdf_pages(response))
    assert response["Content-Disposition"] == 'attachment; filename="cjhp-country-MD.pdf"'
    assert "Republic of Moldova (MD)" in text
    assert "Partner country" in text
    assert "South-East Europe network (since 2020)" in text
    assert "Establishing Therapeutic Communities in Prisons" in text
    assert "First prison-based therapeutic community in Pruncul" in text
    assert "A Georgian project" not in text and "A Tbilisi round table" not in text
    # event, date, kind, female, male, other, attendees
    assert "Therapeutic community training 25 May 2015 Training 2 1 0 3" in text
    assert "Prison healthcare staff 1 1 0 2" in text
    # round, status, answered, Yes, change, then Yes per recommendation
    assert "SEE baseline 2022 Approved 100% 17% — 25% 0%" in text
    assert "SEE follow-up 2026 Draft 100% 100% +83 pts 100% 100%" in text
    assert "Adopt the through-care protocol" in text


def test_a_focal_point_exports_their_own_countrys_profile_only(login, fp_md, fp_ge, moldova):
    text = " ".join(pdf_pages(login(fp_md).get("/countries/MD/pdf/")))
    assert "Establishing Therapeutic Communities in Prisons" in text
    assert "Ștefan" not in text  # counts, never names
    assert login(fp_ge).get("/countries/MD/pdf/").status_code == 404


def test_the_profile_makes_as_many_queries_however_much_data(login, staff, moldova, django_assert_max_num_queries):
    client = login(staff)
    year = 2010
    for count in (1, 4):
        for _ in range(count):
            year += 1
            project = ProjectFactory(countries=[moldova])
            Result.objects.create(project=project, text=f"Result {year}")
            AttendanceFactory(event=EventFactory(country=moldova), participant=ParticipantFactory(country=moldova))
            assessment_round = RoundFactory(
                template=make_template(), opens_on=date(year, 1, 1), deadline=date(year, 3, 1)
            )
            ActionItem.objects.create(
                assessment=AssessmentFactory(round=assessment_round, country=moldova),
                recommendation=assessment_round.template.recommendations.first(),
                description=f"Action {year}",
                responsible="Ministry of Health",
                due_date=date(2027, 1, 1),
            )
        # session, user, groups; country; networks; projects, their results; the country's results; events, their
        # attendance counts; rounds' assessments, questions, answer counts; assessments; recommendations; action
        # items
        with django_assert_max_num_queries(16):
            text = " ".join(pdf_pages(client.get("/countries/MD/pdf/")))
        assert f"Result {year}" in text and f"Action {year}" in text


def test_the_country_page_links_the_profile(login, fp_md, moldova):
    assert "/countries/MD/pdf/" in login(fp_md).get("/countries/MD/").content.decode()
