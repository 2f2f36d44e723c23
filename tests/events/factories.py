from datetime import date

import factory

from events.models import Attendance, Event, EventMaterial, Gender, Participant, ProfessionalGroup
from projects.periods import Precision
from tests.factories import CountryFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = Event.Kind.TRAINING
    starts_on = date(2015, 5, 25)
    start_precision = Precision.DAY
    city = "Chisinau"
    country = factory.SubFactory(CountryFactory)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    professional_group = ProfessionalGroup.PRISON_HEALTHCARE
    gender = Gender.FEMALE


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    event = factory.SubFactory(EventFactory)
    participant = factory.SubFactory(ParticipantFactory)
    attended = True


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventMaterial

    event = factory.SubFactory(EventFactory)
    title = "Programme of the training"
    url = "https://www.coe.int/en/web/pompidou"
