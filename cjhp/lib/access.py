"""Access helpers shared by every app's views."""

from django.core.exceptions import PermissionDenied

from cjhp.lib.roles import is_programme_staff


def require_programme_staff(user) -> None:
    """Writing views for staff call this after fetching the object: 404 for strangers comes first, then 403."""
    if not is_programme_staff(user):
        raise PermissionDenied
