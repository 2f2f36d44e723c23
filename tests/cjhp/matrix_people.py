"""The People pages are for programme staff only (403 for every focal point, whatever their country); inviting
from a country's page is 404 for another country's focal point first. The invitation link is open to everyone
signed out; each person's settings page to everyone signed in."""

from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cjhp.api.tokens import token_create
from cjhp.people import services
from cjhp.people.tokens import invitation_token
from countries.models import FocalPoint
from tests.matrix import ADMIN, ANON, EVERYONE, FP_OTHER, FP_SAME, LOGIN, STAFF, STAFF_WRITE, Route, expect

STAFF_ONLY = expect(fp_same=403, fp_other=403)
SAVED = {STAFF: 302, ADMIN: 302}
POST_ONLY = {ANON: LOGIN, FP_SAME: 405, FP_OTHER: 405, STAFF: 405, ADMIN: 405}
EVERYONE_SAVED = {ANON: LOGIN, FP_SAME: 302, FP_OTHER: 302, STAFF: 302, ADMIN: 302}
SIGNED_IN_BY_THE_LINK = {ANON: 302, FP_SAME: 302, FP_OTHER: 302, STAFF: 302, ADMIN: 302}
EVERYONE_OK = {ANON: LOGIN, FP_SAME: 200, FP_OTHER: 200, STAFF: 200, ADMIN: 200}
# Moldova's focal point's token: revoked by its owner; everyone else's own tokens do not hold it (404).
OWN_TOKEN_REVOKED = {ANON: LOGIN, FP_SAME: 302, FP_OTHER: 404, STAFF: 404, ADMIN: 404}
OPEN_PAGE = {ANON: 200, FP_SAME: 200, FP_OTHER: 200, STAFF: 200, ADMIN: 200}


def build(world):
    """A person invited to Moldova who has not accepted yet, and the Moldovan focal point's service."""
    outcome = services.invite_focal_point(
        country=world.md, name="Ana Rusu", email="ana.rusu@example.org", language="en", since=None, by=None
    )
    world.invitee = outcome.user
    world.invitation = outcome.invitation
    world.service = FocalPoint.objects.get(user=world.users[FP_SAME], country=world.md)
    world.md_token = token_create(user=world.users[FP_SAME], name="Moldova's dashboard").token


def invitation_link(world):
    user = world.invitee
    return {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": invitation_token.make_token(user)}


def invite_data(world):
    return {"name": "Ion Popescu", "email": "ion.popescu@example.org", "language": "fr", "since": "2026-01-01"}


ROUTES = {
    "people:list": Route(get=STAFF_ONLY),
    "people:detail": Route(get=STAFF_ONLY, kwargs=lambda world: {"pk": world.invitee.pk}),
    "people:invite": Route(get=STAFF_ONLY, post={**STAFF_ONLY, **SAVED}, data=invite_data),
    "people:resend": Route(
        get=POST_ONLY, post={**STAFF_ONLY, **SAVED}, kwargs=lambda world: {"pk": world.invitation.pk}
    ),
    "people:end_service": Route(
        get=STAFF_ONLY,
        post={**STAFF_ONLY, **SAVED},
        kwargs=lambda world: {"pk": world.service.pk},
        data=lambda world: {"until": "2030-01-01"},
    ),
    "countries:invite": Route(
        get=STAFF_WRITE,
        post={**STAFF_WRITE, **SAVED},
        kwargs=lambda world: {"code": world.md.code},
        data=invite_data,
    ),
    "invitation_accept": Route(
        get=OPEN_PAGE,
        post=SIGNED_IN_BY_THE_LINK,
        kwargs=invitation_link,
        data=lambda world: {"new_password1": "a-long-new-pass-42", "new_password2": "a-long-new-pass-42"},
    ),
    # Everyone makes and revokes their own API tokens; staff revoke anyone's on the person's page.
    "account_token_create": Route(get=POST_ONLY, post=EVERYONE_OK, data=lambda world: {"token-name": "Dashboard"}),
    "account_token_revoke": Route(
        get=POST_ONLY, post=OWN_TOKEN_REVOKED, kwargs=lambda world: {"pk": world.md_token.pk}
    ),
    "people:revoke_token": Route(
        get=POST_ONLY, post={**STAFF_ONLY, **SAVED}, kwargs=lambda world: {"pk": world.md_token.pk}
    ),
    "account_settings": Route(
        get=EVERYONE,
        post=EVERYONE_SAVED,
        data=lambda world: {"first_name": "Sam", "last_name": "Doe", "email": "sam.new@example.org", "language": "fr"},
    ),
}
