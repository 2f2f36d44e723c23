"""The event page's registrations: what each row shows, read with only the columns it needs, and each row's
removal form carries the page's CSRF input."""

import re

from django.urls import reverse

from tests.events.factories import AttendanceFactory, ParticipantFactory


def test_each_registration_shows_the_person_and_a_working_removal_form(login, staff, training, md):
    people = [
        ParticipantFactory(name="Ana Rusu", organisation="Prison hospital", country=md),
        ParticipantFactory(name="Ion Popa", organisation=""),
    ]
    for person in people:
        AttendanceFactory(event=training, participant=person)
    html = login(staff).get(training.get_absolute_url()).content.decode()
    assert "Ana Rusu" in html and people[0].email in html and "Prison hospital" in html and md.name in html
    assert f'href="{reverse("events:participant", args=[people[1].pk])}">Ion Popa</a>' in html
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) >= 2 and len(set(tokens)) == 1
    for attendance in training.attendances.all():
        assert reverse("events:unregister", args=[training.slug, attendance.pk]) in html
