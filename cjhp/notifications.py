"""Emails that tell people what happened to rounds, assessments and action items.

The apps announce what happened with the signals of checklists/signals.py, inside the transaction of the action;
the receivers here write one Notification row per recipient in that same transaction (a rollback leaves none) and
send them once it commits. A failure to send (the mail server refuses or does not answer) is recorded on the row
and never reaches the person who acted: the daily command (`manage.py send_reminders`) tries again, up to
MAX_ATTEMPTS times in all.

Who hears what:
- a round opens (on its opening day: at once when it opens today or earlier, otherwise the daily command on that
  day) → the serving focal points of each invited country whose assessment is a draft;
- an assessment is submitted → programme staff;
- it is returned, approved or reopened → the country's serving focal points;
- an action item is given to a person → that person.
Never the person who did it, never an inactive account or one without an email; the informational kinds
(Notification.INFORMATIONAL_KINDS) only to people who leave User.informational_emails on. Each email is in its
recipient's language.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date

from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone

from checklists.models import Assessment, AssessmentRound, QuestionComment, Transition
from cjhp.lib.mail import portal_link, templated_email
from cjhp.lib.roles import programme_staff_users
from cjhp.models import Notification, User
from countries.models import FocalPoint

Kind = Notification.Kind

# The first try after the action, then the daily command's: a notification still failing after these is left
# for an administrator to read (its last error is in the admin); the command's summary counts them.
MAX_ATTEMPTS = 5

TRANSITION_KINDS = {
    Transition.Action.SUBMIT: Kind.ASSESSMENT_SUBMITTED,
    Transition.Action.RETURN: Kind.ASSESSMENT_RETURNED,
    Transition.Action.APPROVE: Kind.ASSESSMENT_APPROVED,
    Transition.Action.REOPEN: Kind.ASSESSMENT_REOPENED,
}

logger = logging.getLogger(__name__)

_recorded_as_sent: ContextVar[bool] = ContextVar("notifications_recorded_as_sent", default=False)


@contextmanager
def recorded_as_sent() -> Iterator[None]:
    """What happens inside is recorded as already told, and nobody is emailed: for made-up history (the demo
    data), whose rounds and reviews never happened. The rows still stop the daily command announcing them."""
    token = _recorded_as_sent.set(True)
    try:
        yield
    finally:
        _recorded_as_sent.reset(token)


# Recipients


def focal_points_of(country_ids, *, today: date | None = None) -> QuerySet[User]:
    """The users serving (on `today`) as focal points of these countries (ids, or a query of them)."""
    serving = FocalPoint.objects.active(on=today).filter(country_id__in=country_ids)
    return User.objects.filter(pk__in=serving.values("user_id"))


def reachable(users: QuerySet[User], kind: str, *, by=None) -> QuerySet[User]:
    """Who of these users gets an email of this kind: active, with an address, not the one who acted, and for
    an informational kind only those who want them."""
    users = users.filter(is_active=True).exclude(email="")
    if by is not None:
        users = users.exclude(pk=by.pk)
    if kind in Notification.INFORMATIONAL_KINDS:
        users = users.filter(informational_emails=True)
    return users


# Writing the rows (in the action's transaction) and sending them (after it commits)


def _write(kind: str, users: QuerySet[User], **about) -> None:
    """One row per recipient in one insert; a row that exists already (same person, kind and event) stays."""
    sent_at = timezone.now() if _recorded_as_sent.get() else None
    rows = [
        Notification(recipient_id=pk, kind=kind, sent_at=sent_at, **about) for pk in users.values_list("pk", flat=True)
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)


def _send_after_commit(notifications: QuerySet[Notification]) -> None:
    if not _recorded_as_sent.get():
        transaction.on_commit(lambda: send_pending(notifications))


def queue_round_opened(assessment_round: AssessmentRound, *, by=None, today: date | None = None) -> None:
    drafts = Assessment.objects.filter(round=assessment_round, status=Assessment.Status.DRAFT).values("country_id")
    users = reachable(focal_points_of(drafts, today=today), Kind.ROUND_OPENED, by=by)
    _write(Kind.ROUND_OPENED, users, round=assessment_round)


def on_round_opened(sender, *, assessment_round: AssessmentRound, by, **kwargs) -> None:
    # A round that opens later is announced by the daily command on its opening day (announce_opened_rounds).
    if assessment_round.opens_on <= timezone.localdate():
        queue_round_opened(assessment_round, by=by)
        _send_after_commit(Notification.objects.filter(kind=Kind.ROUND_OPENED, round=assessment_round))


def on_assessment_transitioned(sender, *, transition: Transition, **kwargs) -> None:
    kind = TRANSITION_KINDS[transition.action]
    if kind == Kind.ASSESSMENT_SUBMITTED:
        users = programme_staff_users()
    else:
        users = focal_points_of([transition.assessment.country_id])
    _write(kind, reachable(users, kind, by=transition.by), transition=transition)
    _send_after_commit(Notification.objects.filter(transition=transition))


def on_action_item_assigned(sender, *, action_item, by, **kwargs) -> None:
    kind = Kind.ACTION_ITEM_ASSIGNED
    users = reachable(User.objects.filter(pk=action_item.assignee_id), kind, by=by)
    _write(kind, users, action_item=action_item)
    _send_after_commit(Notification.objects.filter(kind=kind, action_item=action_item))


@dataclass
class Outcome:
    sent: list[Notification] = field(default_factory=list)
    failed: list[tuple[Notification, Exception]] = field(default_factory=list)
    given_up: int = 0  # still unsent after MAX_ATTEMPTS tries


def send_pending(notifications: QuerySet[Notification]) -> Outcome:
    """Send those of these notifications still unsent (and tried fewer than MAX_ATTEMPTS times), each in its
    recipient's language; a failure is recorded on its row and spares the others."""
    outcome = Outcome()
    pending = (
        notifications.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS)
        .select_related(
            "recipient",
            "round__template",
            "transition__by",
            "transition__assessment__country",
            "transition__assessment__round",
            "action_item__assessment__country",
            "action_item__assessment__round",
            "action_item__recommendation",
            "action_item__item",
        )
        .order_by("pk")
    )
    mailer = mailers.default
    for notification in pending:
        # Taken before it is sent: a second sender at the same time (the daily command while a request's
        # on_commit runs) finds it taken and leaves it, so nobody gets it twice.
        now = timezone.now()
        taken = Notification.objects.filter(pk=notification.pk, sent_at=None).update(
            sent_at=now, attempts=F("attempts") + 1
        )
        if not taken:
            continue
        try:
            mailer.send_messages([build_email(notification)])
        except Exception as error:  # refused, timed out, or even a broken template: never the user's request
            Notification.objects.filter(pk=notification.pk).update(
                sent_at=None, last_error=f"{type(error).__name__}: {error}"[:2000]
            )
            logger.warning("Notification %s to %s not sent: %s", notification.pk, notification.recipient, error)
            outcome.failed.append((notification, error))
        else:
            notification.sent_at = now
            outcome.sent.append(notification)
    return outcome


# The emails


def _round_context(notification: Notification) -> dict:
    # The recipient's invited countries: a focal point serving two of them gets one email with both links.
    assessments = (
        Assessment.objects.filter(
            round=notification.round,
            country__in=FocalPoint.objects.active().filter(user=notification.recipient_id).values("country_id"),
        )
        .select_related("country")
        .order_by("country__name")
    )
    return {
        "round": notification.round,
        "lines": [
            {"assessment": assessment, "link": portal_link(assessment.get_absolute_url())} for assessment in assessments
        ],
    }


def _transition_context(notification: Notification) -> dict:
    transition = notification.transition
    assessment = transition.assessment
    context = {"transition": transition, "assessment": assessment, "link": portal_link(assessment.get_absolute_url())}
    if transition.action == Transition.Action.RETURN:
        comments = (
            QuestionComment.objects.filter(transition=transition)
            .select_related("item__section__recommendation")
            .order_by("item__section__recommendation__number", "item__section__order", "item__order")
        )
        context["questions"] = [
            {"comment": comment, "link": f"{context['link']}#question-{comment.item.key}"} for comment in comments
        ]
    return context


def _action_item_context(notification: Notification) -> dict:
    action_item = notification.action_item
    return {
        "action_item": action_item,
        "assessment": action_item.assessment,
        "link": portal_link(action_item.get_absolute_url()),
    }


def build_email(notification: Notification) -> EmailMessage:
    """The email in the recipient's language; subject and body come from templates/emails/<kind>_*.txt."""
    user = notification.recipient
    if notification.kind == Kind.ROUND_OPENED:
        context = _round_context(notification)
    elif notification.kind == Kind.ACTION_ITEM_ASSIGNED:
        context = _action_item_context(notification)
    else:
        context = _transition_context(notification)
    context |= {
        "name": user.get_full_name() or user.username,
        "settings_link": portal_link(reverse("account_settings")),
    }
    context["informational"] = notification.is_informational
    return templated_email(notification.kind, context, language=user.language, to=user.email)


# The daily step


def announce_opened_rounds(today: date) -> None:
    """Queue "round opened" for the rounds whose opening day has come (and whose deadline has not passed) that
    were opened before that day: round_open announced the others when they were opened. A day the command did
    not run is caught up on the next; the unique constraint keeps each announcement to one."""
    rounds = AssessmentRound.objects.filter(
        opens_on__lte=today, deadline__gte=today, created_at__date__lt=F("opens_on")
    )
    for assessment_round in rounds:
        queue_round_opened(assessment_round, today=today)


def send_notifications(*, today: date | None = None, dry_run: bool = False) -> Outcome:
    """The daily step of `send_reminders`: announce the rounds whose opening day has come, then send every
    notification still unsent. With dry_run, only say which would be sent (outcome.sent), and write nothing."""
    today = today or timezone.localdate()
    if dry_run:
        with transaction.atomic():
            announce_opened_rounds(today)
            pending = list(
                Notification.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS).select_related("recipient")
            )
            transaction.set_rollback(True)
        return Outcome(sent=pending)
    announce_opened_rounds(today)
    outcome = send_pending(Notification.objects.all())
    outcome.given_up = Notification.objects.filter(sent_at=None, attempts__gte=MAX_ATTEMPTS).count()
    return outcome
