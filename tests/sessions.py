"""Test clients signed in as the portal's sign-in leaves a session: allauth's record of how the person signed in."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.test import RequestFactory

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def record_sign_in(client, user, *, reauthenticated=False) -> None:
    """The password, then the second factor of a user who has one (force_login records neither); with
    reauthenticated=True the password was confirmed a moment ago, so allauth does not ask for it again."""
    request = RequestFactory().get("/")
    request.session, request.user = client.session, user
    record_authentication(request, user, method="password", reauthenticated=reauthenticated or None)
    authenticator = Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).first()
    if authenticator is not None:
        record_authentication(request, user, method="mfa", id=authenticator.pk, type=authenticator.type)
    request.session.save()
