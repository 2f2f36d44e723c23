"""The event report PDF: the event, its materials, attendance by professional group, gender and country, and the
participants' names for programme staff only."""

import pytest

from events.models import Gender, ProfessionalGroup
from tests.checklists.test_reports import pdf_pages
from tests.events.factories import AttendanceFactory, EventFactory, MaterialFactory, ParticipantFactory
from tests.factories import CountryFactory


@pytest.fixture
def training(md, ge):
    event = EventFactory(title="Therapeutic community training", slug="tc-training-2015", country=md)
    MaterialFactory(event=event, title="Programme of the training", url="https://www.coe.int/en/web/pompidou")
    people = [
        ("Ștefan Țurcanu", md, ProfessionalGroup.PRISON_HEALTHCARE, Gender.MALE, True),
        ("Ana Ciobanu", md, ProfessionalGroup.PRISON_HEALTHCARE, Gender.FEMALE, True),
        ("Олена Коваленко", CountryFactory(code="UA", name="Ukraine"), ProfessionalGroup.JUSTICE, Gender.FEMALE, True),
        ("ნინო ბერიძე", ge, ProfessionalGroup.PRISON_STAFF, Gender.FEMALE, True),
        ("Absent Person", md, ProfessionalGroup.POLICY_MAKERS, Gender.MALE, False),
    ]
    for name, country, group, gender, attended in people:
        participant = ParticipantFactory(name=name, country=country, professional_group=group, gender=gender)
        AttendanceFactory(event=event, participant=participant, attended=attended)
    return event


def test_staff_get_the_numbers_and_every_name(login, staff, training):
    response = login(staff).get("/events/tc-training-2015/pdf/")
    text = " ".join(pdf_pages(response))
    assert response["Content-Disposition"] == 'attachment; filename="cjhp-event-tc-training-2015.pdf"'
    assert "4 attended of 5 registered." in text
    assert "Programme of the training" in text
    # professional group, female, male, other, total
    assert "Prison healthcare staff 1 1 0 2" in text
    assert "Prosecutors, judges and probation officers 1 0 0 1" in text
    assert "Total 3 1 0 4" in text
    assert "Republic of Moldova 2" in text and "Ukraine 1" in text and "Georgia 1" in text
    for name in ("Ștefan Țurcanu", "Олена Коваленко", "ნინო ბერიძე", "Absent Person"):
        assert name in text


def test_the_countrys_focal_point_gets_the_numbers_without_names(login, fp_md, training):
    text = " ".join(pdf_pages(login(fp_md).get("/events/tc-training-2015/pdf/")))
    assert "Total 3 1 0 4" in text
    assert "personal data" in text
    for name in ("Ștefan", "Ana Ciobanu", "Олена", "ნინო", "Absent Person"):
        assert name not in text


def test_another_countrys_focal_point_gets_404(login, fp_ge, training):
    assert login(fp_ge).get("/events/tc-training-2015/pdf/").status_code == 404


def test_the_event_report_makes_as_many_queries_however_many_participants(
    login, staff, md, django_assert_max_num_queries
):
    event = EventFactory(slug="big-training", country=md)
    client = login(staff)
    for count in (1, 40):
        for _ in range(count):
            AttendanceFactory(event=event, participant=ParticipantFactory(country=md))
        # session, user, groups; event; attendances with participants; projects; materials; recommendations
        with django_assert_max_num_queries(8):
            pdf_pages(client.get("/events/big-training/pdf/"))


def test_the_event_page_shows_the_attendance_chart_and_links_the_report(login, staff, training):
    page = login(staff).get("/events/tc-training-2015/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg"' in page
    assert "/events/tc-training-2015/pdf/" in page
