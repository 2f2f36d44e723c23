"""Who calls the API: a personal access token (`Authorization: Bearer <secret>`), or a signed-in browser session.

A token acts as its owner: the same `visible_to(user)` rules as on the pages. A revoked or expired token, an
inactive owner, or programme staff without a second factor get 401 with a message saying which.
"""

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from cjhp.accounts import has_second_factor
from cjhp.api import tokens
from cjhp.lib.roles import is_programme_staff

KEYWORD = "Bearer"


class AccessTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != KEYWORD.lower():
            return None  # no token: the session may still say who it is
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after “Bearer ”, with no space in it."))
        token = tokens.token_for_secret(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid."))
        if token.is_revoked:
            raise exceptions.AuthenticationFailed(_("This token was revoked. Make a new one on your settings page."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(
                _("This token expired on %(day)s. Make a new one on your settings page.")
                % {"day": formats.date_format(token.expires_on, "DATE_FORMAT")}
            )
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("The account of this token is inactive."))
        # As on the pages (cjhp/middleware.py): programme staff work with a second factor.
        if settings.TWO_FACTOR_REQUIRED and is_programme_staff(user) and not has_second_factor(user):
            raise exceptions.AuthenticationFailed(
                _("Programme staff need a second factor: set up an authenticator app on the portal first.")
            )
        tokens.token_used(token)
        return user, token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) to a request without credentials.
        return f'{KEYWORD} realm="api"'


class AccessTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema names the token: HTTP bearer authentication."""

    target_class = AccessTokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal access token from your settings page."}
