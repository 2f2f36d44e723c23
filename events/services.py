"""Writes that span several rows: registering people, marking attendance, importing lists, merging records."""

from dataclasses import dataclass, field

import tablib
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cjhp.lib import uploads
from events import counts
from events.models import ATTENDANCE_TOO_EARLY, Attendance, Event, Participant
from events.resources import EventParticipantResource

REQUIRED_COLUMNS = ["name", "email"]
KNOWN_COLUMNS = [*EventParticipantResource.Meta.fields]


class AlreadyRegistered(Exception):
    pass


class NotTakenPlace(Exception):
    """Attendance or certificates for an event that has not begun yet: nobody can have attended it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


CERTIFICATES_TOO_EARLY = gettext_lazy(
    "“%(event)s” has not taken place yet (%(date)s): certificates can be issued once it has."
)


def require_taken_place(event: Event, message=ATTENDANCE_TOO_EARLY) -> None:
    """NotTakenPlace, saying `message`, when the event has not begun yet."""
    if not event.has_taken_place:
        raise NotTakenPlace(str(message) % {"event": event.title, "date": event.period_label})


@transaction.atomic
def attendance_register(*, event: Event, data: dict) -> Attendance:
    """Registers the participant with this email (as they are on file), or a new participant, for the event."""
    email = data.get("email", "")
    participant = Participant.objects.filter(email__iexact=email).first() if email else None
    if participant is None:
        participant = Participant(
            **{key: data[key] for key in ("name", "email", "organisation", "country", "professional_group", "gender")}
        )
        participant.full_clean()
        participant.save()
    if Attendance.objects.filter(event=event, participant=participant).exists():
        raise AlreadyRegistered(participant)
    return Attendance.objects.create(event=event, participant=participant, role=data["role"])


@transaction.atomic
def attendance_mark(*, event: Event, marks: dict[int, tuple[bool, str]]) -> int:
    """Saves attended and role for each registration; returns how many changed. Refused (NotTakenPlace) before the
    event has begun."""
    require_taken_place(event, ATTENDANCE_TOO_EARLY)
    changed = []
    for attendance in event.attendances.select_for_update().filter(pk__in=marks):
        attended, role = marks[attendance.pk]
        if (attendance.attended, attendance.role) != (attended, role):
            attendance.attended, attendance.role = attended, role
            changed.append(attendance)
    # One statement for the list, and the attendee counts brought in line once for everyone marked.
    Attendance.objects.bulk_update(changed, ["attended", "role"])
    counts.recount(attendance.participant_id for attendance in changed)
    return len(changed)


@transaction.atomic
def participant_merge(*, keep: Participant, duplicate: Participant) -> Participant:
    """Moves the duplicate's attendances to `keep`, fills `keep`'s empty details from it, and deletes it."""
    if keep.pk == duplicate.pk:
        raise ValueError("A participant cannot be merged with itself.")
    kept = {attendance.event_id: attendance for attendance in keep.attendances.select_for_update()}
    for attendance in duplicate.attendances.select_for_update():
        same_event = kept.get(attendance.event_id)
        if same_event is None:
            attendance.participant = keep
            attendance.save(update_fields=["participant"])
            continue
        # Both records were registered for the same event: one registration remains, keeping what either knew.
        same_event.attended = same_event.attended or attendance.attended
        issued = [at for at in (same_event.certificate_issued_at, attendance.certificate_issued_at) if at]
        same_event.certificate_issued_at = min(issued) if issued else None
        same_event.save(update_fields=["attended", "certificate_issued_at"])
        attendance.delete()
    for name in ("organisation", "country", "email"):
        if not getattr(keep, name):
            setattr(keep, name, getattr(duplicate, name))
    if keep.professional_group == Participant._meta.get_field("professional_group").default:
        keep.professional_group = duplicate.professional_group
    if keep.gender == Participant._meta.get_field("gender").default:
        keep.gender = duplicate.gender
    # The duplicate goes first: its email may move to the kept record, and emails are unique.
    duplicate.delete()
    keep.save()
    return keep


@transaction.atomic
def certificates_issue(*, event: Event, attendances) -> None:
    """Records the first time each attendee's certificate was produced. Refused (NotTakenPlace) before the event
    has begun."""
    require_taken_place(event, CERTIFICATES_TOO_EARLY)
    now = timezone.now()
    pending = [attendance.pk for attendance in attendances if attendance.certificate_issued_at is None]
    Attendance.objects.filter(pk__in=pending).update(certificate_issued_at=now)
    for attendance in attendances:
        attendance.certificate_issued_at = attendance.certificate_issued_at or now


# Participant lists from spreadsheets ----------------------------------------------------------------------


@dataclass
class RowProblem:
    row: int  # as numbered in the spreadsheet: row 1 holds the column names
    column: str
    message: str


@dataclass
class ImportReport:
    total: int = 0
    new: int = 0
    updated: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    file_problems: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.file_problems and self.total > 0


# The largest list an event's preview checks within a request (bench/imports.py measures it).
PARTICIPANT_LIMITS = uploads.Limits(rows=20_000, cells=20_000 * 30, inflated=32 * uploads.MB)


def participants_dataset(upload) -> tablib.Dataset:
    """Reads a CSV or XLSX upload; ValueError with a message for the user when it cannot be read or is too
    large."""
    content = upload.read()
    name = upload.name.lower()
    uploads.check(content, "xlsx" if name.endswith(".xlsx") else "csv", PARTICIPANT_LIMITS)
    try:
        if name.endswith(".xlsx"):
            dataset = tablib.Dataset().load(content, format="xlsx")
        else:
            text = content.decode("utf-8-sig")
            dataset = tablib.Dataset().load(text, format="csv")
    except UnicodeDecodeError:
        raise ValueError(_("The CSV file is not in UTF-8: save it as “CSV UTF-8” and try again.")) from None
    except Exception:
        raise ValueError(_("The file could not be read as a spreadsheet.")) from None
    dataset.headers = [str(header or "").strip().lower() for header in dataset.headers or []]
    return dataset


def participants_import(*, event: Event, dataset: tablib.Dataset, dry_run: bool) -> ImportReport:
    """Imports every row of the list, or none: a single bad row leaves the database as it was."""
    report = ImportReport(total=len(dataset))
    missing = [column for column in REQUIRED_COLUMNS if column not in dataset.headers]
    if missing:
        report.file_problems.append(
            _("The file has no column named %(columns)s. The first row must hold the column names: %(known)s.")
            % {"columns": ", ".join(missing), "known": ", ".join(KNOWN_COLUMNS)}
        )
        return report
    if not len(dataset):
        report.file_problems.append(_("The file has no participant rows."))
        return report
    resource = EventParticipantResource()
    with transaction.atomic():
        result = resource.import_data(
            dataset, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True, event=event
        )
        for number, errors in result.row_errors():
            for error in errors:
                report.problems.append(RowProblem(number + 1, "", str(error.error)))
        for invalid in result.invalid_rows:
            for column, messages in invalid.error_dict.items():
                for message in messages:
                    report.problems.append(RowProblem(invalid.number + 1, column, str(message)))
        for error in result.base_errors:
            report.file_problems.append(str(error.error))
        report.new = result.totals.get("new", 0)
        report.updated = result.totals.get("update", 0)
        if not report.ok and not dry_run:
            transaction.set_rollback(True)
    report.problems.sort(key=lambda problem: problem.row)
    bad_rows = {problem.row for problem in report.problems}
    for number, values in enumerate(dataset, start=2):
        cells = dict(zip(dataset.headers, values, strict=False))
        report.rows.append(
            {
                "number": number,
                "cells": ["" if cells.get(column) is None else cells[column] for column in KNOWN_COLUMNS],
                "bad": number in bad_rows,
            }
        )
    return report
