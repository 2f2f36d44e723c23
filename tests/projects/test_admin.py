"""Every project and event model is in the admin, with lists, filters, search and spreadsheet import/export."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from events.resources import EventResource, ParticipantResource
from projects.resources import ProjectResource
from tests.events.factories import AttendanceFactory, MaterialFactory

MODELS = [
    "projects_project",
    "projects_partner",
    "projects_activity",
    "projects_result",
    "events_event",
    "events_eventmaterial",
    "events_participant",
    "events_attendance",
]


@pytest.mark.parametrize("model", MODELS)
def test_the_superuser_reaches_each_models_list_search_add_import_and_export(login, admin_user, model):
    call_command("load_reference_data", verbosity=0)
    AttendanceFactory()
    MaterialFactory()
    client = login(admin_user)
    for page in ["changelist", "add", "import", "export"]:
        assert client.get(reverse(f"admin:{model}_{page}")).status_code == 200, page
    assert client.get(reverse(f"admin:{model}_changelist"), {"q": "Moldova"}).status_code == 200


def test_projects_export_with_their_countries_partners_and_parent(db):
    call_command("load_reference_data", verbosity=0)
    dataset = ProjectResource().export()
    row = dict(
        zip(
            dataset.headers,
            dataset[[r[1] for r in dataset].index("Establishing Therapeutic Communities in Prisons")],
            strict=True,
        )
    )
    assert row["countries"] == "MD"
    assert "Phoenix Haga (Norwegian NGO)" in row["partners"]
    assert row["parent"] == "criminal-justice-responses-to-drug-dependent-prisoners"


def test_events_and_participants_export_with_country_codes(db, md):
    attendance = AttendanceFactory(event__country=md, participant__country=md)
    events = EventResource().export()
    assert dict(zip(events.headers, events[0], strict=True))["country"] == "MD"
    participants = ParticipantResource().export()
    row = dict(zip(participants.headers, participants[0], strict=True))
    assert (row["email"], row["country"]) == (attendance.participant.email, "MD")
