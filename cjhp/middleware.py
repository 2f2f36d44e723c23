"""Programme staff and administrators sign in with a second factor: one who has none is sent to set it up."""

from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from cjhp.accounts import has_second_factor
from cjhp.lib.roles import is_programme_staff

# What a staff user without a second factor may still open: the two-factor pages themselves (mfa_*), the
# password check allauth asks before activating one, signing out and the language switch.
REACHABLE_WITHOUT_SECOND_FACTOR = {"account_logout", "account_reauthenticate", "set_language"}


def signed_in_with_second_factor(request) -> bool:
    """allauth's record of this session's sign-in: a second factor was used, so there is no need to look."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        name = request.resolver_match.url_name or ""
        if (
            not settings.TWO_FACTOR_REQUIRED
            or name.startswith("mfa_")
            or name in REACHABLE_WITHOUT_SECOND_FACTOR
            or not is_programme_staff(request.user)
            or signed_in_with_second_factor(request)
            or has_second_factor(request.user)
        ):
            return None
        messages.warning(
            request,
            _(
                "Programme staff and administrators sign in with a second factor. Set up an authenticator app "
                "to go on using the portal."
            ),
        )
        return redirect("mfa_activate_totp")
