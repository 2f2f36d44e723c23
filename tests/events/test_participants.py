"""The same person across events is one participant: matched by email when registering, merged by staff."""

import pytest
from django.urls import reverse

from events.models import Attendance, Participant
from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory


def registration(**changes) -> dict:
    return {
        "name": "Ștefan Țurcanu",
        "email": "Stefan@Example.MD",
        "organisation": "Pruncul Prison",
        "professional_group": "prison-staff",
        "gender": "male",
        "role": "participant",
        **changes,
    }


def test_registering_an_email_on_file_reuses_that_participant(login, staff, training, md):
    opening = EventFactory(title="TC opening", country=md)
    response = login(staff).post(reverse("events:register", args=[opening.slug]), registration(name="S. Turcanu"))
    assert response.status_code == 302
    stefan = Participant.objects.get(email="stefan@example.md")
    assert stefan.name == "Ștefan Țurcanu"  # as on file
    assert Participant.objects.filter(email__iexact="stefan@example.md").count() == 1
    assert set(stefan.attendances.values_list("event__title", flat=True)) == {training.title, "TC opening"}


def test_a_new_email_creates_a_participant(login, staff, training):
    login(staff).post(
        reverse("events:register", args=[training.slug]),
        registration(name="Ion Bălan", email="ion@example.md", role="trainer"),
    )
    attendance = Attendance.objects.get(participant__email="ion@example.md")
    assert (attendance.event, attendance.role, attendance.attended) == (training, "trainer", False)


def test_registering_someone_twice_is_refused(login, staff, training):
    response = login(staff).post(reverse("events:register", args=[training.slug]), registration())
    assert "Ștefan Țurcanu is already registered for this event." in response.content.decode()
    assert training.attendances.count() == 4


@pytest.mark.parametrize(
    "changes, field",
    [({"email": "not-an-email"}, "email"), ({"name": ""}, "name"), ({"gender": "unknown"}, "gender")],
)
def test_bad_registrations_are_refused_naming_the_field(login, staff, training, changes, field):
    response = login(staff).post(
        reverse("events:register", args=[training.slug]), registration(**{"email": "new@example.md", **changes})
    )
    assert field in response.context["form"].errors
    assert not Participant.objects.filter(email="new@example.md").exists()


def test_editing_a_participant_to_another_participants_email_is_refused(login, staff, training):
    olena = Participant.objects.get(email="olena@example.ua")
    response = login(staff).post(
        reverse("events:participant_edit", args=[olena.pk]),
        {"name": olena.name, "email": "STEFAN@example.md", "professional_group": "other", "gender": "female"},
    )
    assert "email" in response.context["form"].errors


def test_marking_attendance_saves_the_whole_list_at_once(login, staff, training):
    attendances = {a.participant.name: a for a in training.attendances.select_related("participant")}
    data = {}
    for name, attendance in attendances.items():
        if name != "Олена Шевчук":
            data[f"attended-{attendance.pk}"] = "on"
        data[f"role-{attendance.pk}"] = "trainer" if name == "No Show" else "participant"
    response = login(staff).post(reverse("events:attendance", args=[training.slug]), data)
    assert response.status_code == 302
    marked = dict(training.attendances.values_list("participant__name", "attended"))
    assert marked == {"Ștefan Țurcanu": True, "Mihaela Țîrdea": True, "Олена Шевчук": False, "No Show": True}
    assert training.attendances.get(participant__name="No Show").role == "trainer"


def test_staff_merge_two_records_of_the_same_person(login, staff, training, md):
    stefan = Participant.objects.get(email="stefan@example.md")
    stefan.organisation = ""
    stefan.save()
    duplicate = ParticipantFactory(name="Stefan Turcanu", email="", organisation="Pruncul Prison No. 16")
    AttendanceFactory(event=EventFactory(title="Later training", country=md), participant=duplicate)
    AttendanceFactory(event=training, participant=duplicate, attended=False)  # registered twice for the same event
    response = login(staff).post(reverse("events:participant_merge", args=[stefan.pk]), {"duplicate": duplicate.pk})
    assert response.status_code == 302
    assert not Participant.objects.filter(pk=duplicate.pk).exists()
    stefan.refresh_from_db()
    assert stefan.organisation == "Pruncul Prison No. 16"
    assert set(stefan.attendances.values_list("event__title", "attended")) == {
        (training.title, True),
        ("Later training", True),
    }
    assert training.attendances.count() == 4


def test_a_merge_moves_the_duplicates_email_when_the_kept_record_has_none(db, md):
    from events.services import participant_merge

    keep = ParticipantFactory(email="")
    duplicate = ParticipantFactory(email="same@example.org")
    participant_merge(keep=keep, duplicate=duplicate)
    keep.refresh_from_db()
    assert keep.email == "same@example.org"


def test_focal_points_may_not_open_participant_pages(login, fp_md, training):
    participant = Participant.objects.first()
    assert login(fp_md).get(reverse("events:participants")).status_code == 403
    assert login(fp_md).get(participant.get_absolute_url()).status_code == 403
    assert login(fp_md).get(reverse("events:register", args=[training.slug])).status_code == 403


def test_the_participant_list_keeps_its_query_count(login, staff, training, django_assert_max_num_queries):
    client = login(staff)
    for _round in range(2):
        # session, user, groups, count, participants with their countries and event counts
        with django_assert_max_num_queries(5):
            client.get(reverse("events:participants"))
        for _ in range(5):
            AttendanceFactory(event=training, participant=ParticipantFactory(country=training.country))


def test_the_participant_list_counts_each_persons_registrations_and_attendances(login, staff, db):
    busy = ParticipantFactory(name="Ana Busy")
    AttendanceFactory(participant=busy, attended=True)
    AttendanceFactory(participant=busy, attended=False)
    ParticipantFactory(name="Ion Idle")

    page = login(staff).get(reverse("events:participants")).context["page"]

    assert [(p.name, p.events, p.attended) for p in page.object_list] == [("Ana Busy", 2, 1), ("Ion Idle", 0, 0)]


def test_the_participant_list_pages_keep_the_search(login, staff, db, monkeypatch):
    monkeypatch.setattr("events.participant_views.PAGE_SIZE", 2)
    for number in range(5):
        ParticipantFactory(name=f"Nurse {number}", organisation="Prison hospital")
    ParticipantFactory(name="Warden", organisation="Ministry of Justice")
    client, url = login(staff), reverse("events:participants")

    first = client.get(url, {"q": "prison hospital"}).content.decode()
    assert "Page 1 of 3" in first and "Warden" not in first
    assert 'rel="next" href="?q=prison+hospital&amp;page=2"' in first
    last = client.get(url, {"q": "prison hospital", "page": 3}).content.decode()
    assert "Nurse 4" in last and 'rel="prev" href="?q=prison+hospital&amp;page=2"' in last
    assert 'rel="next"' not in last
    # Without a search the links carry the page alone.
    assert 'rel="next" href="?page=2"' in client.get(url).content.decode()


def test_past_the_people_it_counts_the_participant_list_says_more_and_asks_for_a_search(login, staff, db, monkeypatch):
    """The list counts at most COUNTED_AT_MOST people (a count of every row of a large table is slow): past them it
    says there are more, offers no page beyond, and a search finds the others."""
    monkeypatch.setattr("events.participant_views.PAGE_SIZE", 2)
    monkeypatch.setattr("events.participant_views.COUNTED_AT_MOST", 4)
    for number in range(7):
        ParticipantFactory(name=f"Nurse {number}")
    client, url = login(staff), reverse("events:participants")

    first = client.get(url).content.decode()
    assert "Page 1 of more than 2" in first
    assert "Only the first 4 people are listed: search by name" in first
    last = client.get(url, {"page": 2}).content.decode()
    assert "Nurse 3" in last and 'rel="next"' not in last
    assert client.get(url, {"page": 9}).context["page"].number == 2
    found = client.get(url, {"q": "Nurse 6"}).content.decode()
    assert "Nurse 6" in found and "Page" not in found.split("</table>")[1].split("</main>")[0]
