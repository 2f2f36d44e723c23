"""Deadline reminders, sent by `manage.py send_reminders` once a day (cron or a systemd timer).

- A focal point hears about each of their countries' assessments that is due within DUE_SOON_DAYS days, or
  overdue, while they can still change it (draft or returned), in a round that has opened: one email listing
  them all.
- Programme staff hear about submissions that have waited more than REVIEW_AFTER_DAYS days for review: one
  email listing them.

Each sent email is recorded as a SentReminder, one per person, kind and day, so a second run on the same day
sends nothing; the next day sends again while the condition holds. Emails are in the recipient's language.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from checklists.assessments.progress import with_progress
from checklists.models import Assessment
from cjhp.lib.mail import portal_link, templated_email
from cjhp.lib.roles import programme_staff_users
from cjhp.models import SentReminder, User
from countries.models import FocalPoint

DUE_SOON_DAYS = 14
REVIEW_AFTER_DAYS = 7

Kind = SentReminder.Kind


@dataclass
class Reminder:
    """One email to one person: the assessments it lists, each annotated for the email (see below)."""

    recipient: User
    kind: str
    assessments: list[Assessment] = field(default_factory=list)


@dataclass
class Outcome:
    sent: list[Reminder] = field(default_factory=list)
    already_sent: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, Exception]] = field(default_factory=list)


def assessments_due(today: date) -> QuerySet[Assessment]:
    """Assessments focal points can still change, in open rounds, due within DUE_SOON_DAYS days or overdue.

    Each carries its progress, `progress_answered` of `progress_total` questions
    (checklists.assessments.progress.with_progress).
    """
    return (
        with_progress(Assessment.objects)
        .filter(
            status__in=[Assessment.Status.DRAFT, Assessment.Status.RETURNED],
            round__opens_on__lte=today,
            round__deadline__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("round", "country")
        .order_by("round__deadline", "country__name")
    )


def submissions_waiting(today: date) -> QuerySet[Assessment]:
    """Submitted assessments whose submission day lies more than REVIEW_AFTER_DAYS days before today."""
    cutoff = timezone.make_aware(datetime.combine(today - timedelta(days=REVIEW_AFTER_DAYS), time.min))
    return (
        Assessment.objects.filter(status=Assessment.Status.SUBMITTED, submitted_at__lt=cutoff)
        .select_related("round", "country")
        .order_by("submitted_at", "country__name")
    )


def focal_point_reminders(today: date) -> list[Reminder]:
    """One reminder per focal point (serving on `today`, active, with an email) with assessments due."""
    due_by_country = defaultdict(list)
    for assessment in assessments_due(today):
        due_by_country[assessment.country_id].append(assessment)
    focal_points = (
        FocalPoint.objects.active(on=today)
        .filter(country_id__in=due_by_country, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__username")
    )
    reminders: dict[int, Reminder] = {}
    for focal_point in focal_points:
        reminder = reminders.setdefault(
            focal_point.user_id, Reminder(recipient=focal_point.user, kind=Kind.ASSESSMENT_DUE)
        )
        reminder.assessments.extend(due_by_country[focal_point.country_id])
    for reminder in reminders.values():
        reminder.assessments.sort(key=lambda assessment: (assessment.round.deadline, assessment.country.name))
    return list(reminders.values())


def staff_reminders(today: date) -> list[Reminder]:
    """One reminder per programme staff member with an email, when submissions wait for review."""
    waiting = list(submissions_waiting(today))
    if not waiting:
        return []
    staff = programme_staff_users().exclude(email="")
    return [Reminder(recipient=user, kind=Kind.REVIEW_WAITING, assessments=waiting) for user in staff]


def reminders_for(today: date) -> list[Reminder]:
    return focal_point_reminders(today) + staff_reminders(today)


def build_email(reminder: Reminder, today: date) -> EmailMessage:
    """The email in the recipient's language; subject and body come from templates/emails/<kind>_*.txt."""
    lines = []
    for assessment in reminder.assessments:
        line = {"assessment": assessment, "link": portal_link(assessment.get_absolute_url())}
        if reminder.kind == Kind.ASSESSMENT_DUE:
            days_left = (assessment.round.deadline - today).days
            line |= {"days_left": days_left, "days_overdue": -days_left}
        else:
            line["days_waiting"] = (today - timezone.localdate(assessment.submitted_at)).days
        lines.append(line)
    user = reminder.recipient
    context = {"name": user.get_full_name() or user.username, "lines": lines, "today": today}
    return templated_email(reminder.kind, context, language=user.language, to=user.email)


def send_reminders(*, today: date | None = None, dry_run: bool = False) -> Outcome:
    """Send today's reminders that were not sent yet today; with dry_run, only say which they would be."""
    today = today or timezone.localdate()
    outcome = Outcome()
    reminders = reminders_for(today)
    done = set(SentReminder.objects.filter(sent_on=today).values_list("recipient_id", "kind"))
    pending = []
    for reminder in reminders:
        if (reminder.recipient.pk, reminder.kind) in done:
            outcome.already_sent.append(reminder)
        else:
            pending.append(reminder)
    if dry_run:
        outcome.sent = pending
        return outcome
    if not pending:
        return outcome
    mailer = mailers.default
    for reminder in pending:
        message = build_email(reminder, today)
        try:
            sent = _send_once(reminder, message, today, mailer)
        except OSError as error:  # smtplib's errors too: a refused address or a server hiccup spares the others
            outcome.failed.append((reminder, error))
            continue
        (outcome.sent if sent else outcome.already_sent).append(reminder)
    return outcome


def _send_once(reminder: Reminder, message: EmailMessage, today: date, mailer) -> bool:
    """Record the reminder and send it in one transaction: a failed send leaves no record, so the next run
    tries again; a concurrent run that recorded it first wins, and this one sends nothing."""
    try:
        with transaction.atomic():
            record = SentReminder.objects.create(recipient=reminder.recipient, kind=reminder.kind, sent_on=today)
            record.assessments.set(reminder.assessments)
            mailer.send_messages([message])
    except IntegrityError:
        return False
    return True
