"""Participant lists from CSV or XLSX: a preview, every bad row named with its reason, all rows or none."""

import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.models import Attendance, Participant
from events.services import participants_dataset, participants_import
from tests.bombs import empty_cells_bomb, rows_csv, text_bomb
from tests.events.factories import EventFactory
from tests.factories import CountryFactory

HEADER = "name,email,organisation,country,professional_group,gender,role,attended\n"
GOOD_ROWS = [
    "Ion Bălan,ion@example.md,Pruncul Prison,MD,prison-healthcare,male,participant,yes",
    "Doina Lupașcu,doina@example.md,Rusca Prison,md,Other prison staff,Female,participant,no",
    "Тарас Ковальчук,taras@example.ua,Lviv Institution No. 19,UA,prison-staff,male,trainer,yes",
    "Ecaterina Șișcanu,,Initiativa Pozitivă,MD,civil-society,female,,",
    "S. Țurcanu,STEFAN@example.md,Pruncul Prison No. 16,MD,prison-staff,male,speaker,yes",  # on file already
]


def csv_file(rows, name="participants.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (HEADER + "\n".join(rows) + "\n").encode("utf-8"), content_type="text/csv")


@pytest.fixture
def client(login, staff):
    CountryFactory(code="UA", name="Ukraine")
    return login(staff)


@pytest.fixture
def other_event(md):
    from tests.events.factories import EventFactory

    return EventFactory(title="TC opening", slug="tc-opening", country=md)


def upload(client, event, file):
    return client.post(reverse("events:import", args=[event.slug]), {"file": file})


def confirm(client, event):
    return client.post(reverse("events:import", args=[event.slug]), {"confirm": "1"})


def test_a_good_list_is_previewed_then_imported_merging_known_emails(client, training, other_event):
    before = Participant.objects.count()
    preview = upload(client, other_event, csv_file(GOOD_ROWS))
    assert preview.status_code == 200
    assert "5 rows can be imported: 4 new participants, 1 already on file" in preview.content.decode()
    assert Participant.objects.count() == before  # a preview writes nothing
    response = confirm(client, other_event)
    assert response.status_code == 302
    assert Participant.objects.count() == before + 4
    stefan = Participant.objects.get(email="stefan@example.md")
    assert stefan.name == "S. Țurcanu" and stefan.organisation == "Pruncul Prison No. 16"
    assert set(stefan.attendances.values_list("event__slug", flat=True)) == {"tc-training", "tc-opening"}
    attendances = {a.participant.name: a for a in other_event.attendances.select_related("participant")}
    assert set(attendances) == {"Ion Bălan", "Doina Lupașcu", "Тарас Ковальчук", "Ecaterina Șișcanu", "S. Țurcanu"}
    assert (attendances["Тарас Ковальчук"].role, attendances["Тарас Ковальчук"].attended) == ("trainer", True)
    assert (attendances["Ecaterina Șișcanu"].role, attendances["Ecaterina Șișcanu"].attended) == ("participant", False)
    doina = attendances["Doina Lupașcu"].participant
    assert (doina.country.code, doina.professional_group, doina.gender) == ("MD", "prison-staff", "female")


def test_one_bad_row_among_many_imports_nothing_and_names_the_row_and_the_reason(client, training, other_event):
    rows = [*GOOD_ROWS[:3], "Bad Email,not-an-email,Somewhere,MD,other,male,participant,yes", *GOOD_ROWS[3:]]
    many = rows + [f"Person {n},person{n}@example.org,,MD,other,female,participant,yes" for n in range(40)]
    participants, attendances = Participant.objects.count(), Attendance.objects.count()
    response = upload(client, other_event, csv_file(many))
    content = response.content.decode()
    assert "Nothing was imported" in content
    assert "Row 5, email: Enter a valid email address." in content
    assert "Import these participants" not in content
    assert confirm(client, other_event).status_code == 302  # nothing stored to confirm: back to the upload
    assert (Participant.objects.count(), Attendance.objects.count()) == (participants, attendances)


@pytest.mark.parametrize(
    "row, message",
    [
        ("Ion,ion@example.md,,XX,other,male,participant,yes", "Row 2, country: Unknown country code “XX”."),
        (
            "Ion,ion@example.md,,MD,doctors,male,participant,yes",
            "Row 2, professional_group: Unknown professional group",
        ),
        ("Ion,ion@example.md,,MD,other,unknown,participant,yes", "Row 2, gender: Unknown gender “unknown”"),
        (",ion@example.md,,MD,other,male,participant,yes", "Row 2, name: This field cannot be blank."),
        ("Ion,ion@example.md,,MD,other,male,chair,yes", "Row 2, role: Unknown role “chair”"),
        ("Ion,ion@example.md,,MD,other,male,participant,maybe", "Row 2, attended: Write yes or no, not “maybe”."),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_reason(client, training, row, message):
    content = upload(client, training, csv_file([row])).content.decode()
    assert message in content
    assert not Participant.objects.filter(email="ion@example.md").exists()


def test_a_file_without_the_required_columns_is_refused(client, training):
    file = SimpleUploadedFile("list.csv", b"full name,mail\nIon,ion@example.md\n")
    content = upload(client, training, file).content.decode()
    assert "The file has no column named name, email." in content


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(client, training):
    content = upload(client, training, SimpleUploadedFile("list.pdf", b"%PDF")).content.decode()
    assert "Choose a .csv or .xlsx file." in content


def test_an_xlsx_list_imports_too(client, training):
    dataset = tablib.Dataset(headers=HEADER.strip().split(","))
    dataset.append(
        ["Natia Japaridze", "natia@example.ge", "Tbilisi City Court", "GE", "justice", "female", "speaker", "yes"]
    )
    CountryFactory(code="GE", name="Georgia")
    file = SimpleUploadedFile("list.xlsx", io.BytesIO(dataset.export("xlsx")).getvalue())
    assert "1 rows can be imported" in upload(client, training, file).content.decode()
    assert confirm(client, training).status_code == 302
    assert training.attendances.get(participant__email="natia@example.ge").role == "speaker"


def test_the_import_is_refused_at_confirmation_if_the_data_went_bad_meanwhile(client, training):
    from events.services import participants_import

    dataset = tablib.Dataset(headers=HEADER.strip().split(","))
    dataset.append(["Ion", "ion@example.md", "", "MD", "other", "male", "participant", "yes"])
    dataset.append(["Bad", "bad", "", "MD", "other", "male", "participant", "yes"])
    report = participants_import(event=training, dataset=dataset, dry_run=False)
    assert not report.ok and [p.row for p in report.problems] == [3]
    assert not Participant.objects.filter(email="ion@example.md").exists()


def test_blank_cells_keep_what_is_on_file_about_a_known_participant(client, training, other_event):
    row = "Ștefan Țurcanu,stefan@example.md,,,,,participant,yes"
    assert "1 rows can be imported" in upload(client, other_event, csv_file([row])).content.decode()
    confirm(client, other_event)
    stefan = Participant.objects.get(email="stefan@example.md")
    assert (stefan.country.code, stefan.professional_group, stefan.gender) == ("MD", "prison-staff", "male")


def test_a_new_person_named_twice_in_the_file_is_recorded_once_with_what_the_last_row_said(client, other_event):
    rows = [
        "Ana Rusu,ana@example.md,Rusca Prison,MD,prison-staff,female,participant,no",
        "Ana Rusu-Ciobanu,ANA@example.md,,,,,trainer,yes",  # blank cells keep what the first row gave
    ]
    assert "2 rows can be imported" in upload(client, other_event, csv_file(rows)).content.decode()
    confirm(client, other_event)
    ana = Participant.objects.get(email="ana@example.md")
    assert (ana.name, ana.organisation, ana.country.code, ana.gender) == (
        "Ana Rusu-Ciobanu",
        "Rusca Prison",
        "MD",
        "female",
    )
    attendance = ana.attendances.get()
    assert (attendance.event, attendance.role, attendance.attended) == (other_event, "trainer", True)


def test_a_person_already_registered_for_the_event_keeps_one_registration_with_the_new_role(client, training):
    stefan = Participant.objects.get(email="stefan@example.md")
    assert training.attendances.filter(participant=stefan).count() == 1
    row = "Ștefan Țurcanu,stefan@example.md,,,,,speaker,no"
    assert "1 rows can be imported" in upload(client, training, csv_file([row])).content.decode()
    confirm(client, training)
    attendance = training.attendances.get(participant=stefan)
    assert (attendance.role, attendance.attended) == ("speaker", False)


def test_labels_are_read_in_the_language_of_the_page(client, other_event):
    row = "Ana Rusu,ana@example.md,,MD,other,Femme,Formateur ou formatrice,oui"
    with translation.override("fr"):
        report = participants_import(event=other_event, dataset=dataset_of([row]), dry_run=False)
    assert report.ok
    attendance = other_event.attendances.get(participant__email="ana@example.md")
    assert (attendance.participant.gender, attendance.role, attendance.attended) == ("female", "trainer", True)
    with translation.override("en"):
        report = participants_import(event=other_event, dataset=dataset_of([row]), dry_run=True)
    assert [problem.column for problem in report.problems] == ["gender", "role"]


def dataset_of(rows) -> tablib.Dataset:
    return participants_dataset(csv_file(rows))


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_import_takes_the_same_number_of_queries_for_a_long_list_as_for_a_short_one(training, dry_run):
    def queries(event, count):
        known = Participant.objects.get(email="stefan@example.md")
        rows = [f"Person {n},person{n}@{event.slug}.org,,MD,other,female,participant,yes" for n in range(count)]
        rows.append(f"{known.name},{known.email},Elsewhere {count},,,,,")  # someone on file, changed
        with CaptureQueriesContext(connection) as captured:
            report = participants_import(event=event, dataset=dataset_of(rows), dry_run=dry_run)
        assert report.ok, report.problems
        return len(captured)

    # Rows are written in statements of up to 1,000 (fewer on SQLite): a hundred rows take one each.
    short = queries(EventFactory(slug="short"), 3)
    assert queries(EventFactory(slug="long"), 100) == short


def test_a_write_the_database_refuses_leaves_it_as_it_was_and_says_so(client, training, other_event, monkeypatch):
    def refuse(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(type(Participant.objects), "bulk_create", refuse)
    participants, attendances = Participant.objects.count(), Attendance.objects.count()
    report = participants_import(event=other_event, dataset=dataset_of(GOOD_ROWS), dry_run=False)
    assert not report.ok
    assert report.file_problems == ["duplicate key value violates unique constraint"]
    assert (Participant.objects.count(), Attendance.objects.count()) == (participants, attendances)
    assert Participant.objects.get(email="stefan@example.md").organisation != "Pruncul Prison No. 16"


def test_the_admin_participant_import_merges_people_by_email_too(training):
    from events.resources import PARTICIPANT_FIELDS, ParticipantResource

    dataset = tablib.Dataset(headers=PARTICIPANT_FIELDS)
    dataset.append(["S. Țurcanu", "STEFAN@example.md", "Pruncul Prison No. 16", "", "", ""])
    dataset.append(["Ana Rusu", "ana@example.md", "Rusca Prison", "MD", "prison-staff", "female"])
    dataset.append(["Ana Rusu-Ciobanu", "Ana@example.md", "", "", "", ""])
    before = Participant.objects.count()
    result = ParticipantResource().import_data(dataset, dry_run=False, use_transactions=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Participant.objects.count() == before + 1
    stefan = Participant.objects.get(email="stefan@example.md")
    assert (stefan.name, stefan.organisation, stefan.country.code) == ("S. Țurcanu", "Pruncul Prison No. 16", "MD")
    ana = Participant.objects.get(email="ana@example.md")
    assert (ana.name, ana.organisation, ana.gender) == ("Ana Rusu-Ciobanu", "Rusca Prison", "female")


@pytest.mark.usefixtures("no_parsing")
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("list.xlsx", text_bomb, "The file unpacks to more than 32 MB"),
        ("list.xlsx", empty_cells_bomb, "The file unpacks to more than 100 times its size"),
        ("list.csv", lambda: rows_csv(20_001, HEADER.strip()), "The file has more than 20,000 rows"),
    ],
)
def test_a_list_beyond_the_bounds_is_refused_unread(client, training, name, content, message):
    participants = Participant.objects.count()
    response = upload(client, training, SimpleUploadedFile(name, content()))
    assert message in response.content.decode()
    assert "Import these participants" not in response.content.decode()
    assert confirm(client, training).status_code == 302  # nothing stored to confirm
    assert Participant.objects.count() == participants


def test_a_list_of_the_largest_allowed_length_is_read():
    dataset = participants_dataset(SimpleUploadedFile("list.csv", rows_csv(20_000, HEADER.strip())))
    assert len(dataset) == 20_000
