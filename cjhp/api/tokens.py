"""Personal access tokens: made and revoked by their owner on the settings page, revoked by staff on a person's
page. Only the SHA-256 digest of a secret is stored; the secret itself is shown once, when it is made.

A secret is `cjhp_` and 43 URL-safe characters (32 random bytes): recognisable in a leaked file or a log, and far
too long to guess, so one unsalted hash suffices (the digest is looked up directly, as a password hash cannot be).
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from cjhp.models import AccessToken, User

SECRET_PREFIX = "cjhp_"
# What a person's list of tokens shows of each secret: the prefix and the first characters after it.
SHOWN_CHARACTERS = len(SECRET_PREFIX) + 6
# The time last_used_at may lag behind: a busy dashboard does not write on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass
class NewToken:
    token: AccessToken
    secret: str  # shown to its owner once, never stored


def token_create(*, user: User, name: str, expires_on: date | None = None) -> NewToken:
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user, name=name, expires_on=expires_on, prefix=secret[:SHOWN_CHARACTERS], digest=digest_of(secret)
    )
    return NewToken(token, secret)


@transaction.atomic
def token_revoke(*, token: AccessToken, by: User) -> bool:
    """Revokes the token from now on; False when it was already revoked (nothing changes)."""
    revoked = AccessToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now(), revoked_by=by)
    token.refresh_from_db(fields=["revoked_at", "revoked_by"])
    return bool(revoked)


def token_for_secret(secret: str) -> AccessToken | None:
    """The token with this secret, its owner loaded with it (one query), whether or not it is still usable."""
    if not secret.startswith(SECRET_PREFIX):
        return None
    return AccessToken.objects.select_related("user").filter(digest=digest_of(secret)).first()


def token_used(token: AccessToken) -> None:
    """Records that the token was used now (at most once a minute: a write per request would cost every request)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
