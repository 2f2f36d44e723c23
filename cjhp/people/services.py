"""Bringing people in and out: invitations, their acceptance, and the end of a focal point's service.

Each function runs in one transaction, records what happened as an AccessRecord (who, when, which country), and
sends its email once the transaction commits (cjhp.people.emails). An email that already has an account
(whatever its case) is linked to that account instead of making a second one: with a password, the person is
told they now have access; without one (an invitation still pending), they get a fresh invitation, which makes
the earlier link invalid.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cjhp.lib.roles import FOCAL_POINT_GROUP, STAFF_GROUP
from cjhp.models import AccessRecord, Invitation, User
from cjhp.people import emails
from countries.models import Country, FocalPoint

Role = Invitation.Role
Kind = AccessRecord.Kind


class AlreadyServing(ValueError):
    """The person is already a focal point of this country, serving or about to."""


class AlreadyStaff(ValueError):
    """The person is already programme staff (or an administrator)."""


class NotPending(ValueError):
    """The invitation was accepted, or the person has a password: there is nothing to resend."""


class NotServing(ValueError):
    """The focal point's service has already ended."""


@dataclass
class InviteOutcome:
    user: User
    invitation: Invitation | None  # None when an existing account was given access
    # Set once the email went, after the transaction committed: None until then.
    email_sent: bool | None = None

    @property
    def linked(self) -> bool:
        return self.invitation is None


def account_for_email(email: str) -> User | None:
    """The account that already uses this email, compared without case; the oldest if several do."""
    return User.objects.filter(email__iexact=email.strip()).order_by("pk").first()


def is_serving(focal_point: FocalPoint, today: date | None = None) -> bool:
    """Serving now or from a later day: not ended before today."""
    today = today or timezone.localdate()
    return focal_point.until is None or focal_point.until >= today


def invite_focal_point(
    *, country: Country, name: str, email: str, language: str, since: date | None, by: User | None
) -> InviteOutcome:
    with transaction.atomic():
        user = account_for_email(email)
        focal_point = FocalPoint.objects.filter(user=user, country=country).first() if user else None
        if focal_point and is_serving(focal_point):
            raise AlreadyServing(str(user))
        user = user or _new_person(name=name, email=email, language=language)
        user.groups.add(Group.objects.get_or_create(name=FOCAL_POINT_GROUP)[0])
        if focal_point:  # served before: the same row serves again, from the new date
            focal_point.since, focal_point.until = since, None
            focal_point.save(update_fields=["since", "until"])
        else:
            FocalPoint.objects.create(user=user, country=country, since=since)
        return _invite_or_link(
            user=user, email=email, role=Role.FOCAL_POINT, country=country, language=language, since=since, by=by
        )


def invite_staff(*, name: str, email: str, language: str, by: User | None) -> InviteOutcome:
    with transaction.atomic():
        user = account_for_email(email)
        if user and (user.is_superuser or user.groups.filter(name=STAFF_GROUP).exists()):
            raise AlreadyStaff(str(user))
        user = user or _new_person(name=name, email=email, language=language)
        user.groups.add(Group.objects.get_or_create(name=STAFF_GROUP)[0])
        return _invite_or_link(user=user, email=email, role=Role.STAFF, country=None, language=language, by=by)


def resend_invitation(*, invitation: Invitation, by: User | None) -> Invitation:
    """A new link for a pending invitation; the earlier link stops working (a fresh unusable password)."""
    user = invitation.user
    if not invitation.is_pending or user.has_usable_password():
        raise NotPending(str(user))
    with transaction.atomic():
        user.set_unusable_password()
        user.save(update_fields=["password"])
        invitation.resent_at = timezone.now()
        invitation.save(update_fields=["resent_at"])
        _record(user, Kind.RESENT, invitation.role, invitation.country, by=by)
        transaction.on_commit(lambda: emails.send_invitation(invitation))
    return invitation


def accept_invitation(*, form: SetPasswordForm) -> Invitation | None:
    """The person chose their password (a valid SetPasswordForm): every pending invitation of theirs is accepted.
    Answers the newest, which says where they land."""
    with transaction.atomic():
        user = form.save()
        pending = list(Invitation.objects.filter(user=user, accepted_at__isnull=True).select_related("country"))
        Invitation.objects.filter(pk__in=[invitation.pk for invitation in pending]).update(accepted_at=timezone.now())
        newest = pending[0] if pending else None
        if newest:
            _record(user, Kind.ACCEPTED, newest.role, newest.country, by=user)
    return newest


def end_service(*, focal_point: FocalPoint, until: date, by: User | None) -> FocalPoint:
    """`until` is the last day of service (FocalPoint.until): from the next day the person sees nothing of the
    country, and with no country left, no country's data at all."""
    if not is_serving(focal_point):
        raise NotServing(str(focal_point))
    if focal_point.since and until < focal_point.since:
        raise ValidationError(
            {
                "until": _("The service cannot end before it started (%(since)s).")
                % {"since": formats.date_format(focal_point.since, "DATE_FORMAT")}
            }
        )
    with transaction.atomic():
        focal_point.until = until
        focal_point.save(update_fields=["until"])
        _record(focal_point.user, Kind.SERVICE_ENDED, Role.FOCAL_POINT, focal_point.country, by=by, on=until)
    return focal_point


def _new_person(*, name: str, email: str, language: str) -> User:
    """An account that cannot sign in until its invitation is accepted; its user name is its email."""
    email = email.strip()
    username = base = email.lower()
    number = 1
    while User.objects.filter(username=username).exists():
        number += 1
        username = f"{base}-{number}"
    first_name, _space, last_name = name.strip().partition(" ")
    user = User(username=username, email=email, first_name=first_name, last_name=last_name.strip(), language=language)
    user.set_unusable_password()
    user.save()
    return user


def _invite_or_link(*, user, email, role, country, language, by, since=None) -> InviteOutcome:
    if user.has_usable_password():
        outcome = InviteOutcome(user=user, invitation=None)
        _record(user, Kind.LINKED, role, country, by=by, on=since)
        message = emails.access_email(user, role=role, country=country)
        transaction.on_commit(lambda: setattr(outcome, "email_sent", emails.send(message)))
        return outcome
    # A pending invitee invited again: a fresh invitation, and only its link works.
    user.set_unusable_password()
    user.save(update_fields=["password"])
    invitation = Invitation.objects.create(
        user=user, email=email.strip(), role=role, country=country, language=language, invited_by=by
    )
    outcome = InviteOutcome(user=user, invitation=invitation)
    _record(user, Kind.INVITED, role, country, by=by, on=since)
    transaction.on_commit(lambda: setattr(outcome, "email_sent", emails.send_invitation(invitation)))
    return outcome


def _record(user, kind, role, country, *, by, on=None) -> AccessRecord:
    return AccessRecord.objects.create(user=user, kind=kind, role=role, country=country, by=by, on=on)
