import pytest

from events.models import Event, Gender, ProfessionalGroup
from projects.periods import Period
from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory


@pytest.fixture
def training(md):
    """The 2015 therapeutic-community training in Chisinau, with three attendees and one no-show."""
    event = EventFactory(
        title="Training for Integrated Care in Therapeutic Communities",
        slug="tc-training",
        kind=Event.Kind.TRAINING,
        country=md,
        city="Chisinau",
    )
    event.set_period(Period.parse("2015-05-25"), Period.parse("2015-05-28"))
    event.save()
    people = [
        ("Ștefan Țurcanu", "stefan@example.md", ProfessionalGroup.PRISON_STAFF, Gender.MALE, True),
        ("Mihaela Țîrdea", "mihaela@example.md", ProfessionalGroup.PRISON_HEALTHCARE, Gender.FEMALE, True),
        ("Олена Шевчук", "olena@example.ua", ProfessionalGroup.PRISON_HEALTHCARE, Gender.FEMALE, True),
        ("No Show", "noshow@example.md", ProfessionalGroup.JUSTICE, Gender.MALE, False),
    ]
    for name, email, group, gender, attended in people:
        AttendanceFactory(
            event=event,
            attended=attended,
            participant=ParticipantFactory(name=name, email=email, professional_group=group, gender=gender, country=md),
        )
    return event
