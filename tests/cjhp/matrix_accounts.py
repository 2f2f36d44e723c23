"""Signing in and out, passwords and the two-factor pages: allauth's views, for every role.

The matrix's signed-in users signed in a moment ago (tests/test_permission_matrix.py), so the pages that ask for
the password again before a change open at once. Staff and the administrator have an authenticator app and
recovery codes; the focal points have none (it is offered, not required); STAFF_NO_2FA has none and is sent to
set one up from every page but these.
"""

from tests.matrix import ADMIN, ANON, FP_OTHER, FP_SAME, LOGIN, SETUP_2FA, STAFF, STAFF_NO_2FA, Route


def every(status, *, anon=None, no_2fa=None) -> dict:
    return {
        ANON: status if anon is None else anon,
        FP_SAME: status,
        FP_OTHER: status,
        STAFF: status,
        ADMIN: status,
        STAFF_NO_2FA: status if no_2fa is None else no_2fa,
    }


def roles(*, anon=LOGIN, focal_point, with_2fa, no_2fa) -> dict:
    return {
        ANON: anon,
        FP_SAME: focal_point,
        FP_OTHER: focal_point,
        STAFF: with_2fa,
        ADMIN: with_2fa,
        STAFF_NO_2FA: no_2fa,
    }


def build(world):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    for role in (STAFF, ADMIN):
        RecoveryCodes.activate(world.users[role])


ROUTES = {
    # The sign-in page sends a signed-in user on to the home page.
    "account_login": Route(get=every(302, anon=200, no_2fa=SETUP_2FA)),
    "account_logout": Route(get=every(200, anon=LOGIN), post=every(302, anon=LOGIN)),
    "account_inactive": Route(get=every(200, no_2fa=SETUP_2FA)),
    "account_reauthenticate": Route(get=every(200, anon=LOGIN)),
    "account_change_password": Route(get=every(200, anon=LOGIN, no_2fa=SETUP_2FA)),
    # Everyone here has a password, so setting one sends them on to changing it.
    "account_set_password": Route(get=every(302, anon=LOGIN, no_2fa=SETUP_2FA)),
    "account_reset_password": Route(get=every(200, no_2fa=SETUP_2FA)),
    "account_reset_password_done": Route(get=every(200, no_2fa=SETUP_2FA)),
    # An unknown user and key: the page says the link is no longer valid.
    "account_reset_password_from_key": Route(
        get=every(200, no_2fa=SETUP_2FA), kwargs=lambda world: {"uidb36": "0", "key": "x-y"}
    ),
    "account_reset_password_from_key_done": Route(get=every(200, no_2fa=SETUP_2FA)),
    # The two-factor pages stay open to a staff user without a second factor: that is where they set it up.
    "mfa_index": Route(get=every(200, anon=LOGIN)),
    "mfa_authenticate": Route(get=every(302, anon=LOGIN)),
    "mfa_reauthenticate": Route(get=roles(focal_point=302, with_2fa=200, no_2fa=302)),
    "mfa_activate_totp": Route(get=roles(focal_point=200, with_2fa=302, no_2fa=200)),
    # Nothing to deactivate, view or download without an authenticator app: 404.
    "mfa_deactivate_totp": Route(get=roles(focal_point=404, with_2fa=200, no_2fa=404)),
    "mfa_view_recovery_codes": Route(get=roles(focal_point=404, with_2fa=200, no_2fa=404)),
    # The page opens; its form refuses to make codes for an account without a second factor.
    "mfa_generate_recovery_codes": Route(get=roles(focal_point=200, with_2fa=200, no_2fa=200)),
    "mfa_download_recovery_codes": Route(get=roles(focal_point=404, with_2fa=200, no_2fa=404)),
    "mfa_list_webauthn": Route(get=roles(focal_point=200, with_2fa=200, no_2fa=200)),
    "mfa_add_webauthn": Route(get=roles(focal_point=200, with_2fa=200, no_2fa=200)),
    "mfa_reauthenticate_webauthn": Route(get=roles(focal_point=302, with_2fa=302, no_2fa=302)),
    "mfa_remove_webauthn": Route(get=roles(focal_point=404, with_2fa=404, no_2fa=404), kwargs=lambda world: {"pk": 0}),
    "mfa_edit_webauthn": Route(get=roles(focal_point=404, with_2fa=404, no_2fa=404), kwargs=lambda world: {"pk": 0}),
}
