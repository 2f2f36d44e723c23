"""The invitation link's token: Django's password-reset machinery with its own salt and a fixed 7-day life.

The token is bound to the person's password hash and last sign-in (Django's `_make_hash_value`), so choosing a
password uses it up, and a resend, which gives the person a fresh unusable password, makes the earlier link
invalid: only the newest link works.
"""

from enum import StrEnum

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

INVITATION_VALID_DAYS = 7


class TokenState(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"  # genuine, but older than INVITATION_VALID_DAYS
    INVALID = "invalid"  # forged, used up, or replaced by a newer link


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "cjhp.people.tokens.InvitationTokenGenerator"

    def state(self, user, token: str) -> TokenState:
        """Whether the link still works; its age is checked against INVITATION_VALID_DAYS, never against
        PASSWORD_RESET_TIMEOUT, which governs password resets only."""
        if not (user and token):
            return TokenState.INVALID
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return TokenState.INVALID
        genuine = any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )
        if not genuine:
            return TokenState.INVALID
        if self._num_seconds(self._now()) - timestamp > INVITATION_VALID_DAYS * 24 * 3600:
            return TokenState.EXPIRED
        return TokenState.VALID

    def check_token(self, user, token) -> bool:
        return self.state(user, token) is TokenState.VALID


invitation_token = InvitationTokenGenerator()
