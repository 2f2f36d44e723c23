"""The count of people who attended at least one event, by country, professional group and gender (the dashboard's
and each country page's), is kept in AttendeeCount as things change. After every change the portal makes, in the
same transaction, it equals the count made over every participant (what the dashboard counted before). The
events by year and kind (EventCount) likewise equal the count over every event."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from events import counts, services
from events.models import Attendance, AttendeeCount, Event, EventCount, Gender, Participant, ProfessionalGroup
from events.privacy import participant_erase
from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory
from tests.events.test_import import dataset_of

pytestmark = pytest.mark.django_db


def kept() -> dict:
    return {
        (country, group, gender): n
        for country, group, gender, n in AttendeeCount.objects.filter(attendees__gt=0).values_list(
            "country__code", "professional_group", "gender", "attendees"
        )
    }


def counted_over_everyone() -> dict:
    attended = Attendance.objects.attended().filter(participant=OuterRef("pk"))
    rows = (
        Participant.objects.filter(Exists(attended))
        .order_by()
        .values_list("country__code", "professional_group", "gender")
        .annotate(n=Count("pk"))
    )
    return {(country, group, gender): n for country, group, gender, n in rows}


def kept_events() -> dict:
    return {
        (year, kind): n
        for year, kind, n in EventCount.objects.filter(events__gt=0).values_list("year", "kind", "events")
    }


def counted_over_every_event() -> dict:
    return dict(Counter((event.starts_on.year, event.kind) for event in Event.objects.all()))


def test_the_counts_follow_every_change(md, ge, staff):
    held = EventFactory(country=md, starts_on=timezone.localdate() - timedelta(days=30))
    doctor = ParticipantFactory(professional_group=ProfessionalGroup.PRISON_HEALTHCARE, gender=Gender.FEMALE)
    guard = ParticipantFactory(professional_group=ProfessionalGroup.PRISON_STAFF, gender=Gender.MALE)
    steps = []

    def check(step):
        steps.append((step, (kept(), kept_events()), (counted_over_everyone(), counted_over_every_event())))

    registration = services.attendance_register(event=held, data={"email": doctor.email, "role": "participant"})
    check("registered, not yet attended")
    services.attendance_mark(event=held, marks={registration.pk: (True, "participant")})
    check("marked attended")
    doctor.gender = Gender.OTHER
    doctor.save()
    check("the attendee's gender corrected")
    doctor.country = md
    doctor.save()
    check("the attendee's country given")
    doctor.country = ge
    doctor.save()
    check("the attendee's country corrected")
    other = EventFactory(country=md, starts_on=timezone.localdate() - timedelta(days=3))
    AttendanceFactory(event=other, participant=doctor, attended=True)
    check("a second event for the same person")
    rows = [f"Ion Guard,{guard.email},Rusca Prison,MD,prison-staff,male,participant,yes"]
    assert services.participants_import(event=held, dataset=dataset_of(rows), dry_run=False).ok
    check("a list imported in bulk")
    services.attendance_mark(event=held, marks={registration.pk: (False, "participant")})
    check("unmarked at one event, still attended the other")
    other.starts_on = timezone.localdate() + timedelta(days=20)
    other.save()
    check("the other event moved to the future")
    other.kind = Event.Kind.CONFERENCE
    other.save()
    check("the other event's kind changed")
    other.starts_on = other.starts_on.replace(year=other.starts_on.year - 3)
    other.save()
    check("the other event moved three years back")
    participant_erase(participant=guard, by=staff)
    check("an attendee erased (the counts keep them)")
    duplicate = ParticipantFactory(professional_group=ProfessionalGroup.PRISON_STAFF, gender=Gender.MALE)
    AttendanceFactory(event=other, participant=duplicate, attended=True)
    services.participant_merge(keep=guard, duplicate=duplicate)
    check("a duplicate merged")
    guard.delete()
    check("a participant deleted")
    held.delete()
    check("an event deleted")

    assert [(step, kept_) for step, kept_, _ in steps] == [(step, everyone) for step, _, everyone in steps]
    # The counts did move: the steps are no list of empty tables.
    assert sum(1 for _step, (attendees, _events), _ in steps if attendees) >= 6
    assert len({tuple(sorted(events.items())) for _step, (_attendees, events), _ in steps}) >= 4


def test_rebuild_counts_everyone_again(md):
    held = EventFactory(country=md, starts_on=timezone.localdate() - timedelta(days=1))
    for group in (ProfessionalGroup.JUSTICE, ProfessionalGroup.JUSTICE, ProfessionalGroup.CIVIL_SOCIETY):
        AttendanceFactory(event=held, participant=ParticipantFactory(professional_group=group), attended=True)
    AttendeeCount.objects.update(attendees=0)
    counts.rebuild()
    assert kept() == counted_over_everyone()
    assert sum(kept().values()) == 3


def test_an_event_to_come_counts_nobody_until_it_has_begun(md):
    coming = EventFactory(country=md, starts_on=timezone.localdate() + timedelta(days=5))
    Attendance.objects.create(event=coming, participant=ParticipantFactory(), attended=False)
    assert kept() == {}
    coming.starts_on = timezone.localdate()
    coming.save()
    services.attendance_mark(event=coming, marks={coming.attendances.get().pk: (True, "participant")})
    assert sum(kept().values()) == 1
    assert Event.objects.count() == 1


@pytest.mark.parametrize("people", [3, 30])
def test_marking_an_events_attendance_costs_the_same_queries_for_three_people_or_thirty(
    md, people, django_assert_num_queries
):
    held = EventFactory(country=md, starts_on=timezone.localdate() - timedelta(days=2))
    registrations = [
        AttendanceFactory(event=held, participant=ParticipantFactory(), attended=False) for _ in range(people)
    ]
    marks = {registration.pk: (True, "participant") for registration in registrations}
    # The same queries however many are marked: read and locked, written in one statement, counted once.
    with django_assert_num_queries(11):
        assert services.attendance_mark(event=held, marks=marks) == people
    assert sum(kept().values()) == people == sum(counted_over_everyone().values())
