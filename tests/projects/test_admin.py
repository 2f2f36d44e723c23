"""Every project and event model is in the admin, with lists, filters, search and spreadsheet import/export."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from events.resources import EventResource, ParticipantResource
from projects.resources import ProjectResource
from tests.events.factories import AttendanceFactory, EventFactory, MaterialFactory, ParticipantFactory
from tests.formulae import FORMULA, assert_no_formula

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


@pytest.mark.parametrize(("file_format", "index"), [("csv", "0"), ("xlsx", "1")])
def test_the_admin_export_writes_a_typed_formula_as_text(login, admin_user, md, file_format, index):
    EventFactory(title=FORMULA, country=md)
    ParticipantFactory(name=FORMULA, organisation="-2+3", country=md)
    client = login(admin_user)
    for model, resource in [("event", EventResource), ("participant", ParticipantResource)]:
        prefix = resource.__name__.lower()
        fields = {f"{prefix}_{field.column_name}": "on" for field in resource().get_export_fields()}
        response = client.post(reverse(f"admin:events_{model}_export"), {"format": index, **fields})
        assert response.status_code == 200, model
        assert response["Content-Type"].startswith("text/csv" if file_format == "csv" else "application/vnd.openxml")
        assert_no_formula(response.content, file_format)
