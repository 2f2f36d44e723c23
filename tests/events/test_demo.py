"""The demo content: participants with Romanian, Ukrainian and Georgian names, attendance marked, loaded once."""

from django.core.management import call_command

from events.models import Attendance, Event, Participant
from projects.models import Activity


def test_load_demo_adds_participants_and_activities_once(db, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert Participant.objects.filter(name="Ștefan Țurcanu", country__code="MD").count() == 1
    assert Participant.objects.filter(name="Олена Шевчук").exists()
    assert Participant.objects.filter(name="თამარ გელაშვილი").exists()
    chisinau = Event.objects.get(title__startswith="Training for Integrated Care")
    assert chisinau.attendances.filter(attended=True).count() == 7
    assert chisinau.target_groups == ["prison-healthcare", "prison-staff"]
    lviv = Event.objects.get(title__startswith="Training of staff of Lviv")
    assert lviv.attendances.count() == 7
    assert Attendance.objects.count() == 19
    assert Activity.objects.count() == 3
