"""The permission matrix's vocabulary. Each app lists its URLs in tests/<app>/matrix.py as ROUTES.

Roles: ANON (logged out), FP_SAME (focal point of the country the object belongs to: Republic of Moldova),
FP_OTHER (focal point of Georgia), STAFF (programme staff), ADMIN (superuser), STAFF_NO_2FA (programme staff
without a second factor). An expectation is a status code, LOGIN for a redirect to the login page, or
SETUP_2FA for a redirect to the page that sets up an authenticator app. STAFF_NO_2FA gets SETUP_2FA wherever
an expectation does not name it: every page but the two-factor pages, signing out and the language switch.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ANON, FP_SAME, FP_OTHER, STAFF, ADMIN = "anonymous", "fp_same", "fp_other", "staff", "admin"
STAFF_NO_2FA = "staff_no_2fa"
ROLES = [ANON, FP_SAME, FP_OTHER, STAFF, ADMIN, STAFF_NO_2FA]
LOGIN = "login"
SETUP_2FA = "setup_2fa"


def expect(anon=LOGIN, fp_same=200, fp_other=404, staff=200, admin=200, staff_no_2fa=SETUP_2FA) -> dict:
    return {ANON: anon, FP_SAME: fp_same, FP_OTHER: fp_other, STAFF: staff, ADMIN: admin, STAFF_NO_2FA: staff_no_2fa}


def expected(expectations: dict, role: str):
    """What the role gets; a staff user without a second factor is sent to set one up unless told otherwise."""
    return expectations.get(role, SETUP_2FA) if role == STAFF_NO_2FA else expectations[role]


# Common shapes: a page every logged-in user may read; a country-owned page; a staff-only write.
EVERYONE = expect(fp_other=200)
COUNTRY_PAGE = expect()
STAFF_WRITE = expect(fp_same=403)


@dataclass
class Route:
    """How to request one URL pattern, and what each role gets."""

    get: dict | None
    post: dict | None = None
    # Builds the URL's keyword arguments from the world (see tests/test_permission_matrix.py).
    kwargs: Callable = field(default=lambda world: {})
    # Builds the POST body; a valid body shows that allowed roles really can write.
    data: Callable = field(default=lambda world: {})
