"""A participant's personal data (Convention 108+): everything on file about one person as a file, the erasure of
their identity, and the retention period after which the daily command erases it.

Erasing keeps what the counts need (country, professional group, gender, every attendance), so the dashboard,
the country pages and the event reports count the same people before and after. Like pretix's data shredder,
the log entries are scrubbed, never deleted, and the record of the erasure (when, why, by which staff member)
names nobody.
"""

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import DateField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.template.loader import render_to_string
from django.utils import timezone

from events.models import Attendance, Participant
from events.reports import certificates_pdf

# What stands in the admin's log for a scrubbed name or email: the same in every language.
SCRUBBED = "█"


# Export -----------------------------------------------------------------------------------------------------


def export_filename(participant: Participant, today: date) -> str:
    """Named by id and date, never by name: the file name itself is no personal data."""
    return f"cjhp-participant-{participant.pk}-{today.isoformat()}.zip"


def _attendances(participant: Participant):
    return participant.attendances.select_related("event__country").order_by("event__starts_on", "event__title")


def participant_document(participant: Participant) -> dict:
    """Everything the portal holds about the person, as plain JSON values."""
    return {
        "participant": {
            "id": participant.pk,
            "name": participant.name,
            "email": participant.email,
            "organisation": participant.organisation,
            "country": participant.country.name if participant.country else None,
            "country_code": participant.country.code if participant.country else None,
            "professional_group": participant.professional_group,
            "gender": participant.gender,
            "recorded_on": participant.created_at.isoformat(),
            "erased_at": participant.erased_at.isoformat() if participant.erased_at else None,
        },
        "attendances": [
            {
                "event": attendance.event.title,
                "event_kind": attendance.event.kind,
                "starts_on": attendance.event.starts_on.isoformat(),
                "ends_on": attendance.event.ends_on.isoformat() if attendance.event.ends_on else None,
                "place": attendance.event.place,
                "role": attendance.role,
                "attended": attendance.attended,
                "certificate_issued_at": (
                    attendance.certificate_issued_at.isoformat() if attendance.certificate_issued_at else None
                ),
            }
            for attendance in _attendances(participant)
        ],
    }


def certificate_filename(attendance: Attendance) -> str:
    return f"certificates/certificate-{attendance.event.slug}.pdf"


def participant_export(*, participant: Participant, request=None) -> bytes:
    """A ZIP: participant.json, the PDF of each certificate issued (rendered as the certificate page renders it)
    and a README.txt in the active language saying what is in it."""
    issued = [attendance for attendance in _attendances(participant) if attendance.certificate_issued_at]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        document = json.dumps(participant_document(participant), ensure_ascii=False, indent=2)
        archive.writestr("participant.json", document)
        for attendance in issued:
            pdf = certificates_pdf(event=attendance.event, attendances=[attendance], request=request)
            archive.writestr(certificate_filename(attendance), pdf)
        readme = render_to_string(
            "events/privacy/export_readme.txt",
            {"participant": participant, "certificates": [certificate_filename(a) for a in issued]},
        )
        archive.writestr("README.txt", readme)
    return buffer.getvalue()


# Erasure ----------------------------------------------------------------------------------------------------


@dataclass
class ErasurePreview:
    """What an erasure removes and what it keeps, for the confirmation page."""

    participant: Participant
    attendances: int
    certificates: int
    log_entries: int


def _log_entries(participant: Participant):
    """The admin's log entries that name the person: those of their record and of their registrations."""
    types = ContentType.objects.get_for_models(Participant, Attendance)
    attendance_ids = [str(pk) for pk in participant.attendances.values_list("pk", flat=True)]
    return LogEntry.objects.filter(
        Q(content_type=types[Participant], object_id=str(participant.pk))
        | Q(content_type=types[Attendance], object_id__in=attendance_ids)
    )


def erasure_preview(participant: Participant) -> ErasurePreview:
    attendances = participant.attendances
    return ErasurePreview(
        participant=participant,
        attendances=attendances.count(),
        certificates=attendances.filter(certificate_issued_at__isnull=False).count(),
        log_entries=_log_entries(participant).count(),
    )


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, SCRUBBED)
    return text


def _scrub_log(participant: Participant) -> None:
    """The log entries of the record and its registrations lose their description; an event's entries that
    mention the person (its registrations, changed in the admin's inline) lose the name and email."""
    # The admin writes change messages as JSON, non-ASCII letters escaped ("\u0218tefan"): both spellings go.
    secrets = [value for value in (participant.name, participant.email) if value]
    secrets += [escaped for value in secrets if (escaped := json.dumps(value)[1:-1]) != value]
    _log_entries(participant).update(object_repr=SCRUBBED)
    if not secrets:
        return
    mentions = Q()
    for secret in secrets:
        mentions |= Q(object_repr__contains=secret) | Q(change_message__contains=secret)
    for entry in LogEntry.objects.filter(mentions):
        entry.object_repr = _scrub(entry.object_repr, secrets)
        entry.change_message = _scrub(entry.change_message, secrets)
        entry.save(update_fields=["object_repr", "change_message"])


@transaction.atomic
def participant_erase(*, participant: Participant, by=None, reason=Participant.ErasureReason.REQUEST) -> bool:
    """Removes the person's identity and keeps what the counts need; False when they were already erased."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.is_erased:
        return False
    _scrub_log(participant)
    participant.name = participant.email = participant.organisation = ""
    participant.erased_at, participant.erasure_reason, participant.erased_by = timezone.now(), reason, by
    participant.save(update_fields=["name", "email", "organisation", "erased_at", "erasure_reason", "erased_by"])
    return True


# Retention --------------------------------------------------------------------------------------------------


def retention_cutoff(today: date) -> date:
    """The day PARTICIPANT_RETENTION_YEARS before today (28 February for a 29 February)."""
    years = settings.PARTICIPANT_RETENTION_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def last_seen():
    """A participant's last day on file: the end (or start) of their latest event; with no event, the day the
    portal recorded them."""
    events = Attendance.objects.filter(participant=OuterRef("pk")).values("participant")
    latest = events.annotate(day=Max(Coalesce("event__ends_on", "event__starts_on"))).values("day")
    return Coalesce(Subquery(latest), TruncDate("created_at"), output_field=DateField())


def past_retention(today: date):
    """The participants not yet erased whose last day on file lies before the retention cutoff: kept on the
    cutoff day itself, erased from the day after."""
    return (
        Participant.objects.filter(erased_at__isnull=True)
        .annotate(last_seen=last_seen())
        .filter(last_seen__lt=retention_cutoff(today))
        .order_by("last_seen", "pk")
    )


def retention_erase(*, today: date, dry_run: bool) -> list[tuple[int, date]]:
    """Erases everyone past the retention period (or, with dry_run, only lists them): (id, last day on file)."""
    due = list(past_retention(today).values_list("pk", "last_seen"))
    if not dry_run:
        with transaction.atomic():
            for participant in Participant.objects.filter(pk__in=[pk for pk, _day in due]):
                participant_erase(participant=participant, reason=Participant.ErasureReason.RETENTION)
    return due


def retention_step(*, today: date | None, dry_run: bool, write=None) -> None:
    """The daily command's step: erases the participants past the retention period and says how many through
    `write` (None: silently); with dry_run, lists them (id and last day on file, no names) and changes nothing."""
    today = today or timezone.localdate()
    due = retention_erase(today=today, dry_run=dry_run)
    if write is None:
        return
    if dry_run:
        for pk, day in due:
            write(f"Participant {pk}: last on file {day.isoformat()}")
    verb = "Would anonymise" if dry_run else "Anonymised"
    cutoff = retention_cutoff(today).isoformat()
    write(f"{verb} {len(due)} participant(s) last on file before {cutoff} (retention period passed).")
