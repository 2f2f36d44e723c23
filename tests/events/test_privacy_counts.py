"""Erasing people, by hand or at the end of the retention period, leaves every count as it was: the dashboard's
tables, the event report (PDF and page), a country's page and its report."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from cjhp.country_report import country_report
from events import overview, panels, privacy, reports
from events.models import Event, Gender, Participant, ProfessionalGroup
from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory


@pytest.fixture
def programme(training, md, ge):
    """The training, plus a 2024 round table in Georgia with people of every group and gender."""
    round_table = EventFactory(title="Round table", kind=Event.Kind.ROUND_TABLE, country=ge, starts_on=date(2024, 4, 2))
    for index, (group, gender) in enumerate(
        [(group, gender) for group in ProfessionalGroup.values for gender in Gender.values]
    ):
        AttendanceFactory(
            event=round_table,
            attended=index % 4 != 0,
            participant=ParticipantFactory(professional_group=group, gender=gender, country=ge if index % 2 else md),
        )
    # Someone at both events.
    AttendanceFactory(event=round_table, participant=Participant.objects.get(email="olena@example.ua"))
    return training, round_table


def numbers(staff, events, countries) -> dict:
    """Every figure the portal shows of the attendance, read through the functions that feed the pages (in
    English: the charts' labels follow the active language, which an earlier request may have left set)."""
    with translation.override("en"):
        return _numbers(staff, events, countries)


def _numbers(staff, events, countries) -> dict:
    figures = {"dashboard": overview.programme_in_numbers()}
    for event in events:
        report = reports.event_report(event, staff)
        figures[event.slug] = {key: report[key] for key in ("registered", "attended", "table", "country_rows")}
        figures[f"{event.slug} chart"] = report["group_chart"]
    for country in countries:
        figures[country.code] = panels.country_participants(country).context["table"]
        figures[f"{country.code} report"] = country_report(country, staff)["attendance_table"]
    return figures


def test_erasing_people_leaves_every_count_unchanged(login, staff, programme, md, ge):
    training, round_table = programme
    before = numbers(staff, programme, [md, ge])
    client = login(staff)
    stefan = Participant.objects.get(email="stefan@example.md")
    client.get(reverse("events:certificate", args=[training.slug, stefan.pk]))  # with a certificate
    others = [attendance.participant for attendance in round_table.attendances.select_related("participant")[:3]]
    erased = [stefan, Participant.objects.get(email="olena@example.ua"), *others]
    for participant in erased:
        response = client.post(reverse("events:participant_erase", args=[participant.pk]), {"confirm": "on"})
        assert response.status_code == 302
    assert Participant.objects.filter(erased_at__isnull=False).count() == 5
    after = numbers(staff, programme, [md, ge])
    assert {key for key in before if before[key] != after[key]} == set()
    assert before["dashboard"][1]["total"] > 0 and before[training.slug]["attended"] == 3


def test_the_event_report_pdf_counts_the_same_after_an_erasure(login, staff, training):
    client = login(staff)

    def pdf_text():
        response = client.get(reverse("events:report", args=[training.slug]))
        return " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())

    def counts(text):
        by_group = text.split("Attendance 3 attended of 4 registered.")[1].split("Criminal Justice and Health")[0]
        by_country = text.split("Attendance by country")[1].split("Participants Name")[0]
        return by_group, by_country

    before = pdf_text()
    privacy.participant_erase(participant=Participant.objects.get(email="stefan@example.md"), by=staff)
    after = pdf_text()
    assert "Ștefan Țurcanu" in before and "Ștefan Țurcanu" not in after and "Erased participant" in after
    assert "Other prison staff 0 1 0 1" in counts(before)[0]
    assert counts(before) == counts(after)


def test_the_retention_period_leaves_every_count_unchanged(staff, programme, md, ge):
    before = numbers(staff, programme, [md, ge])
    call_command("send_reminders", "--date", "2026-01-01", stdout=open("/dev/null", "w"))
    # The training of 2015 is past five years; the round table of 2024 is not.
    assert set(Participant.objects.filter(erased_at__isnull=False).values_list("email", flat=True)) == {""}
    assert Participant.objects.filter(erasure_reason="retention").count() == 3  # Olena went to the round table
    assert numbers(staff, programme, [md, ge]) == before
