from datetime import date

from django.core.management.base import BaseCommand, CommandError

from cjhp import notifications
from cjhp.models import Notification, SentReminder
from cjhp.reminders import Outcome, Reminder, send_reminders
from events import privacy


class Command(BaseCommand):
    help = (
        "Email focal points whose assessments are due within 14 days or overdue, and programme staff about "
        "submissions waiting more than 7 days for review. Run it daily: it sends each reminder once a day. "
        "Then it sends the email notifications still unsent (announcing the rounds whose opening day has come, "
        f"and trying again what failed, up to {notifications.MAX_ATTEMPTS} attempts each)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print who would get what; send and record nothing.")
        parser.add_argument(
            "--date",
            dest="today",
            type=date.fromisoformat,
            help="Act as if today were this day (YYYY-MM-DD), e.g. to catch up.",
        )

    def handle(self, *args, dry_run: bool, today: date | None, verbosity: int, **options):
        outcome = send_reminders(today=today, dry_run=dry_run)
        if dry_run or verbosity >= 2:
            for reminder in outcome.sent:
                self.stdout.write(describe(reminder))
        for reminder, error in outcome.failed:
            self.stderr.write(f"Not sent: {describe(reminder)}: {error}")
        if verbosity >= 1:
            self.stdout.write(summary(outcome, dry_run=dry_run))
        notified = self.send_notifications(today=today, dry_run=dry_run, verbosity=verbosity)
        # Participants past the retention period lose their identity (events/privacy.py).
        privacy.retention_step(today=today, dry_run=dry_run, write=self.stdout.write if verbosity >= 1 else None)
        if outcome.failed or notified.failed:
            raise CommandError(
                f"{len(outcome.failed)} reminder(s) and {len(notified.failed)} notification(s) could not be sent; "
                "the next run tries again."
            )

    def send_notifications(self, *, today: date | None, dry_run: bool, verbosity: int) -> notifications.Outcome:
        """The second step: the notifications (cjhp/notifications.py) still to send."""
        outcome = notifications.send_notifications(today=today, dry_run=dry_run)
        if dry_run or verbosity >= 2:
            for notification in outcome.sent:
                self.stdout.write(describe_notification(notification))
        for notification, error in outcome.failed:
            self.stderr.write(f"Not sent: {describe_notification(notification)}: {error}")
        if verbosity >= 1:
            self.stdout.write(notification_summary(outcome, dry_run=dry_run))
        return outcome


def describe(reminder: Reminder) -> str:
    user = reminder.recipient
    listed = "; ".join(f"{assessment.country.name} – {assessment.round.name}" for assessment in reminder.assessments)
    return f"{reminder.kind} to {user.username} <{user.email}> ({user.language}): {listed}"


def summary(outcome: Outcome, *, dry_run: bool) -> str:
    focal = sum(reminder.kind == SentReminder.Kind.ASSESSMENT_DUE for reminder in outcome.sent)
    staff = len(outcome.sent) - focal
    verb = "Would send" if dry_run else "Sent"
    return (
        f"{verb} {len(outcome.sent)} reminder(s): {focal} to focal points, {staff} to programme staff; "
        f"{len(outcome.already_sent)} already sent that day; {len(outcome.failed)} failed."
    )


def describe_notification(notification: Notification) -> str:
    user = notification.recipient
    return f"{notification.kind} to {user.username} <{user.email}> ({user.language})"


def notification_summary(outcome: notifications.Outcome, *, dry_run: bool) -> str:
    verb = "Would send" if dry_run else "Sent"
    return (
        f"{verb} {len(outcome.sent)} notification(s); {len(outcome.failed)} failed; "
        f"{outcome.given_up} given up after {notifications.MAX_ATTEMPTS} attempts."
    )
