"""The portal's roles. Programme staff manage everything; focal points work on their own country's data.

Who may see which rows is decided by each app's `visible_to(user)` queryset method; this module only
names the groups and answers "is this user programme staff?".
"""

from django.utils.translation import gettext_lazy as _

STAFF_GROUP = "Programme staff"
FOCAL_POINT_GROUP = "Focal points"

ROLE_LABELS = {
    STAFF_GROUP: _("Programme staff"),
    FOCAL_POINT_GROUP: _("Focal points"),
}


def is_programme_staff(user) -> bool:
    """Superusers and members of the "Programme staff" group see and manage everything."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.in_group(STAFF_GROUP)


# The apps whose records programme staff manage, in the portal and, when they are also marked as staff
# users, in the admin.
STAFF_MANAGED_APPS = ["countries", "projects", "checklists", "events"]


def ensure_roles() -> None:
    """Create both groups and give programme staff the model permissions of the programme's apps."""
    from django.contrib.auth.models import Group, Permission

    staff, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    Group.objects.get_or_create(name=FOCAL_POINT_GROUP)
    wanted = Permission.objects.filter(content_type__app_label__in=STAFF_MANAGED_APPS)
    staff.permissions.add(*wanted)


def programme_staff_users():
    """The active users who are programme staff (superusers and the group's members), for emails to staff."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=STAFF_GROUP))
        .distinct()
        .order_by("username")
    )
