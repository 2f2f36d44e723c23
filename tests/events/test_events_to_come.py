"""An event still to come: nobody can have attended it, so no attendance, no certificate and no count of it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cjhp.country_report import country_report
from events import overview, panels, services
from events.models import Attendance, Event, Participant
from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory
from tests.events.test_import import dataset_of

TOO_EARLY = "has not taken place yet"


@pytest.fixture
def coming(md):
    """A training starting in ten days, with one registration (marked attended, as an old mistake left it)."""
    event = EventFactory(
        title="Training to come", slug="training-to-come", country=md, starts_on=timezone.localdate() + timedelta(10)
    )
    participant = ParticipantFactory(name="Ana Ciobanu", email="ana@example.md", country=md)
    AttendanceFactory(event=event, participant=participant, attended=True)
    return event


def test_attendance_cannot_be_marked_before_the_event(login, staff, coming):
    client = login(staff)
    url = reverse("events:attendance", args=[coming.slug])
    attendance = coming.attendances.get()
    Attendance.objects.filter(pk=attendance.pk).update(attended=False)
    response = client.post(url, {f"attended-{attendance.pk}": "on", f"role-{attendance.pk}": "participant"})
    assert response.status_code == 302
    assert not coming.attendances.get().attended
    page = client.get(response.url).content.decode()
    assert f"“Training to come” has not taken place yet ({coming.period_label})" in page
    assert "attendance can be marked once it has" in page
    # Not even the form: the attendance page sends staff back with the same message.
    assert client.get(url).status_code == 302
    with pytest.raises(services.NotTakenPlace, match=TOO_EARLY):
        services.attendance_mark(event=coming, marks={attendance.pk: (True, "participant")})


def test_the_event_page_offers_neither_attendance_nor_certificates_before_the_event(login, staff, coming):
    page = login(staff).get(coming.get_absolute_url()).content.decode()
    assert "The event has not taken place yet: attendance can be marked, and certificates issued, once it has." in page
    assert reverse("events:attendance", args=[coming.slug]) not in page
    assert reverse("events:certificates", args=[coming.slug]) not in page


def test_certificates_are_not_issued_before_the_event(login, staff, coming):
    client = login(staff)
    participant = Participant.objects.get(email="ana@example.md")
    for url in (
        reverse("events:certificate", args=[coming.slug, participant.pk]),
        reverse("events:certificates", args=[coming.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "certificates can be issued once it has" in client.get(response.url).content.decode()
    assert coming.attendances.get().certificate_issued_at is None


def test_an_imported_list_cannot_say_someone_attended_an_event_to_come(coming):
    rows = ["Ion Bălan,ion@example.md,Pruncul Prison,MD,prison-healthcare,male,participant,yes"]
    report = services.participants_import(event=coming, dataset=dataset_of(rows), dry_run=False)
    assert [(p.row, p.column) for p in report.problems] == [(2, "attended")]
    assert "has not taken place yet" in report.problems[0].message
    assert not Participant.objects.filter(email="ion@example.md").exists()
    # Registering them (attended: no) is fine.
    rows = [rows[0].removesuffix("yes") + "no"]
    assert services.participants_import(event=coming, dataset=dataset_of(rows), dry_run=False).ok


def test_registrations_for_an_event_to_come_do_not_count_as_attendance_on_the_dashboards(md, coming):
    held = EventFactory(kind=Event.Kind.SEMINAR, country=md)  # in 2015
    AttendanceFactory(event=held, participant=ParticipantFactory(country=md), attended=True)
    _events, people = overview.programme_in_numbers()
    assert people["total"] == 1
    assert panels.country_participants(md).context["table"]["total"] == 1
    # Once the event has taken place (its date set to today), its attendee counts.
    coming.starts_on = timezone.localdate()
    coming.save()
    assert overview.programme_in_numbers()[1]["total"] == 2
    assert panels.country_participants(md).context["table"]["total"] == 2


def test_the_participant_list_and_the_country_profile_count_no_attendance_of_an_event_to_come(login, staff, coming, md):
    response = login(staff).get(reverse("events:participants"))
    [ana] = [person for person in response.context["page"] if person.name == "Ana Ciobanu"]
    assert (ana.events, ana.attended) == (1, 0)
    profile = country_report(md, staff)
    assert [total for _event, _cells, total in profile["event_rows"]] == [0]
    assert profile["attendance_table"]["total"] == 0


def test_the_admin_refuses_an_attendance_marked_for_an_event_to_come(login, admin_user, coming):
    registration = coming.attendances.get()
    Attendance.objects.filter(pk=registration.pk).update(attended=False)
    url = reverse("admin:events_attendance_change", args=[registration.pk])
    data = {
        "participant": registration.participant_id,
        "event": coming.pk,
        "role": "participant",
        "attended": "on",
    }
    response = login(admin_user).post(url, data)

    assert response.status_code == 200
    assert TOO_EARLY in response.content.decode()
    registration.refresh_from_db()
    assert registration.attended is False
    # Once held, the same mark is saved.
    Event.objects.filter(pk=coming.pk).update(starts_on=timezone.localdate())
    assert login(admin_user).post(url, data).status_code == 302
    registration.refresh_from_db()
    assert registration.attended is True
