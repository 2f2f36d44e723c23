"""The emails of the people's services, in the recipient's language, with links from settings.PORTAL_URL.

- the invitation (templates/emails/invitation_*.txt): the one-time link to choose a password;
- the access notice (templates/emails/invitation_linked_*.txt): an existing account was given access.

Each is sent after the transaction that saved it commits (transaction.on_commit, by the services). A mail
server that refuses does not undo anything: `send` answers False, and an invitation is marked `email_failed`
so that its page offers to resend it.
"""

import logging

from django.core.mail import EmailMessage, mailers
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cjhp.lib.mail import portal_link, templated_email
from cjhp.models import Invitation, User
from cjhp.people.tokens import INVITATION_VALID_DAYS, invitation_token

logger = logging.getLogger(__name__)


def invitation_link(user: User) -> str:
    """The one-time link: made when the email is written, so it is bound to the person's password as saved."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("invitation_accept", kwargs={"uidb64": uidb64, "token": invitation_token.make_token(user)})
    return portal_link(path)


def _message(template: str, user: User, language: str, context: dict) -> EmailMessage:
    context = {"name": user.get_full_name() or user.username, "username": user.username, **context}
    return templated_email(template, context, language=language, to=user.email)


def invitation_email(invitation: Invitation) -> EmailMessage:
    context = {
        "invitation": invitation,
        "inviter": invitation.invited_by,
        "link": invitation_link(invitation.user),
        "valid_days": INVITATION_VALID_DAYS,
    }
    return _message("invitation", invitation.user, invitation.language, context)


def access_email(user: User, *, role: str, country) -> EmailMessage:
    context = {"role": role, "country": country, "link": portal_link(reverse("account_login"))}
    return _message("invitation_linked", user, user.language, {**context, "is_staff_role": role == "staff"})


def send(message: EmailMessage) -> bool:
    try:
        mailers.default.send_messages([message])
    except OSError:  # smtplib's errors too: the action stands, and staff may resend
        logger.warning("Could not send %r to %s", message.subject, message.to, exc_info=True)
        return False
    return True


def send_invitation(invitation: Invitation) -> bool:
    """Send the invitation and remember whether it went, on the row and on the object the caller holds."""
    sent = send(invitation_email(invitation))
    if invitation.email_failed != (not sent):
        invitation.email_failed = not sent
        Invitation.objects.filter(pk=invitation.pk).update(email_failed=not sent)
    return sent
