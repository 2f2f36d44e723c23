"""The main navigation: each entry says who may use it, so nobody is shown a link they cannot follow."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cjhp.lib.roles import FOCAL_POINT_GROUP, is_programme_staff


def _everyone(user) -> bool:
    return user.is_authenticated


def _staff(user) -> bool:
    return is_programme_staff(user)


def _focal_point(user) -> bool:
    return user.is_authenticated and not is_programme_staff(user) and user.in_group(FOCAL_POINT_GROUP)


def _admin_site(user) -> bool:
    return user.is_active and user.is_staff


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    visible: Callable
    # The first path segment that marks the entry as the current section.
    section: str = ""


NAV_ITEMS = [
    NavItem(_("Home"), "home", _everyone),
    NavItem(_("Countries"), "countries:list", _everyone, section="countries"),
    # Staff follow the rounds; a focal point goes straight to their country's assessments.
    NavItem(_("Assessments"), "checklists:rounds", _staff, section="checklists/rounds"),
    NavItem(_("Assessments"), "checklists:assessments", _focal_point, section="checklists/assessments"),
    NavItem(_("Projects"), "projects:list", _everyone, section="projects"),
    NavItem(_("Events"), "events:list", _everyone, section="events"),
    NavItem(_("Templates"), "checklists:template_list", _staff, section="checklists/templates"),
    NavItem(_("People"), "people:list", _staff, section="people"),
]
ADMIN_ITEM = NavItem(_("Administration"), "admin:index", _admin_site, section="admin")


def nav_for(user, path: str) -> list[dict]:
    items = []
    for item in [*NAV_ITEMS, ADMIN_ITEM]:
        if not item.visible(user):
            continue
        url = reverse(item.url_name)
        current = path == url if not item.section else path.startswith(f"/{item.section}/")
        items.append({"label": item.label, "url": url, "current": current})
    return items
