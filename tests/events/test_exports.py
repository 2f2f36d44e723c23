"""The events and participants lists export exactly what they show, with their filters; participants are
staff-only, in their export too."""

import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse

from events.models import Event
from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory
from tests.formulae import FORMULA, assert_no_formula


def _csv_rows(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_rows(response) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_event_csv_export_holds_every_filtered_event_not_only_the_first_page(login, staff, md, ge):
    for number in range(55):
        EventFactory(title=f"Training {number:02}", country=md, kind=Event.Kind.TRAINING)
    EventFactory(title="Conference in Tbilisi", country=ge, kind=Event.Kind.CONFERENCE)
    response = login(staff).get(reverse("events:list"), {"kind": "training", "export": "csv", "page": "2"})
    rows = _csv_rows(response)
    assert len(rows) == 55
    assert {row["country"] for row in rows} == {"Republic of Moldova"}
    assert {row["country code"] for row in rows} == {"MD"}
    assert {row["kind"] for row in rows} == {"Training"}
    assert {row["start"] for row in rows} == {"2015-05-25"}


def test_focal_point_event_export_holds_only_their_countrys_events(login, fp_md, md, ge):
    EventFactory(title="Chisinau training", country=md)
    EventFactory(title="Tbilisi round table", country=ge)
    response = login(fp_md).get(reverse("events:list"), {"export": "xlsx"})
    assert [row["title"] for row in _xlsx_rows(response)] == ["Chisinau training"]


def test_participant_export_holds_the_found_people_with_cyrillic_names_intact(login, staff, md):
    AttendanceFactory(participant=ParticipantFactory(name="Олена Шевчук", organisation="Prison health", country=md))
    ParticipantFactory(name="Ștefan Țurcanu", organisation="Ministry of Justice")
    response = login(staff).get(reverse("events:participants"), {"q": "health", "export": "csv"})
    rows = _csv_rows(response)
    assert [(row["name"], row["country code"], row["events"]) for row in rows] == [("Олена Шевчук", "MD", "1")]
    assert rows[0]["professional group"] == "Prison healthcare staff"

    response = login(staff).get(reverse("events:participants"), {"export": "xlsx"})
    assert sorted(row["name"] for row in _xlsx_rows(response)) == ["Ștefan Țurcanu", "Олена Шевчук"]


def test_participant_export_is_refused_to_focal_points(login, fp_md):
    ParticipantFactory(name="Олена Шевчук")
    assert login(fp_md).get(reverse("events:participants"), {"export": "csv"}).status_code == 403


def test_event_xlsx_export_holds_every_event_with_every_column(login, staff, md, django_assert_num_queries):
    from projects.periods import Period

    for number in range(55):
        EventFactory(title=f"Training {number:02}", country=md, starts_on=date(2016, 3, 1) + timedelta(days=number))
    online = EventFactory(title="Webinar on OAT", country=None, online=True, city="")
    online.set_period(Period.parse("2020-02"), None)
    online.save()
    ranged = EventFactory(title="Summer school", country=md, city="Chisinau")
    ranged.set_period(Period.parse("2019-07-01"), Period.parse("2019-07-05"))
    ranged.save()
    client = login(staff)
    # session, user, groups (staff check), the kind and country choices, the events with their country
    with django_assert_num_queries(5):
        response = client.get(reverse("events:list"), {"export": "xlsx"})
    rows = {row["title"]: row for row in _xlsx_rows(response)}
    assert len(rows) == 57
    assert rows["Webinar on OAT"] == {
        "title": "Webinar on OAT",
        "short name": online.slug,
        "kind": "Training",
        "period": online.period_label,
        "start": "2020-02-01",
        "end": None,
        "city": None,
        "country": None,
        "country code": None,
        "online": "yes",
    }
    summer = rows["Summer school"]
    assert (summer["period"], summer["start"], summer["end"]) == (ranged.period_label, "2019-07-01", "2019-07-05")
    assert (summer["country"], summer["country code"], summer["city"], summer["online"]) == (
        "Republic of Moldova",
        "MD",
        "Chisinau",
        "no",
    )
    assert "–" in summer["period"]


def test_participant_export_gives_each_persons_registrations_and_attendance(login, staff, md):
    person = ParticipantFactory(name="Ion Bălan", email="ion@example.md", country=md, gender="male")
    for attended in (True, True, False):
        AttendanceFactory(participant=person, attended=attended)
    ParticipantFactory(name="Nobody Yet", email="", country=None)
    rows = _csv_rows(login(staff).get(reverse("events:participants"), {"export": "csv"}))
    assert rows == [
        {
            "name": "Ion Bălan",
            "email": "ion@example.md",
            "organisation": "",
            "country": "Republic of Moldova",
            "country code": "MD",
            "professional group": "Prison healthcare staff",
            "gender": "Male",
            "events": "3",
            "attended": "2",
        },
        {
            "name": "Nobody Yet",
            "email": "",
            "organisation": "",
            "country": "",
            "country code": "",
            "professional group": "Prison healthcare staff",
            "gender": "Female",
            "events": "0",
            "attended": "0",
        },
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_event_export_writes_a_typed_formula_as_text(login, staff, md, file_format):
    EventFactory(title=FORMULA, country=md)
    response = login(staff).get(reverse("events:list"), {"export": file_format})
    assert_no_formula(response.content, file_format)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_participant_export_writes_a_typed_formula_as_text(login, staff, md, file_format):
    ParticipantFactory(name=FORMULA, organisation="+cmd|' /C calc'!A0", country=md)
    response = login(staff).get(reverse("events:participants"), {"export": file_format})
    assert_no_formula(response.content, file_format)
