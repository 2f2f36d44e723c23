"""The portal's own system checks, run by `manage.py check` and at start-up."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", ""}


def check_portal_url(app_configs=None, **kwargs) -> list[Warning]:
    """Emails sent outside a request (reminders) link to PORTAL_URL: in production it must be the public address."""
    if settings.DEBUG or urlsplit(settings.PORTAL_URL).hostname not in LOCAL_HOSTS | {None}:
        return []
    return [
        Warning(
            f"PORTAL_URL is {settings.PORTAL_URL or 'empty'!r}: the links in reminder emails would point there.",
            hint="Set PORTAL_URL to the address people reach the portal at, e.g. https://cjhp.example.org.",
            id="cjhp.W001",
        )
    ]


def check_two_factor_required(app_configs=None, **kwargs) -> list[Error]:
    """Only the development server's demo accounts may sign in without a second factor."""
    if settings.DEBUG or settings.TWO_FACTOR_REQUIRED:
        return []
    return [
        Error(
            "TWO_FACTOR_REQUIRED is false while DEBUG is false: staff could sign in with a password alone.",
            hint="Remove TWO_FACTOR_REQUIRED=false from the environment (it is meant for `make run` only).",
            id="cjhp.E001",
        )
    ]
