"""The People page's rows: every account with its role, the countries it serves now, its latest invitation and
whether two-factor sign-in is on, read in one query (and one for the countries), whatever the number of people."""

from allauth.mfa.models import Authenticator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cjhp.accounts import SECOND_FACTORS
from cjhp.lib.exports import ListExport, iso, labels
from cjhp.lib.roles import FOCAL_POINT_GROUP, STAFF_GROUP
from cjhp.models import Invitation, User
from countries.models import FocalPoint


class PersonRole(models.TextChoices):
    STAFF = "staff", _("Programme staff")
    FOCAL_POINT = "focal_point", _("Focal point")
    ADMIN = "admin", _("Administrator")
    NONE = "none", _("No role")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    NONE = "none", _("No invitation")


def two_factor_enabled(queryset: QuerySet[User]) -> QuerySet[User]:
    """Annotates `two_factor`: whether the person signs in with a second factor (an authenticator app or a
    security key; recovery codes alone are none, as cjhp.accounts.has_second_factor says)."""
    second_factors = Authenticator.objects.filter(user=OuterRef("pk"), type__in=SECOND_FACTORS)
    return queryset.annotate(two_factor=Exists(second_factors))


def people() -> QuerySet[User]:
    """Every account, annotated with `role` (PersonRole), `invitation_sent` (when the latest invitation last
    went) and `invitation_accepted` (when it was accepted, None while pending), `two_factor`; `serving` holds
    the focal point roles active today, each with its country."""
    in_group = User.groups.through.objects.filter(user=OuterRef("pk"))
    latest = Invitation.objects.filter(user=OuterRef("pk")).order_by("-sent_at", "-pk")
    queryset = User.objects.annotate(
        role=Case(
            When(is_superuser=True, then=Value(PersonRole.ADMIN)),
            When(Exists(in_group.filter(group__name=STAFF_GROUP)), then=Value(PersonRole.STAFF)),
            When(
                Exists(in_group.filter(group__name=FOCAL_POINT_GROUP))
                | Exists(FocalPoint.objects.filter(user=OuterRef("pk"))),
                then=Value(PersonRole.FOCAL_POINT),
            ),
            default=Value(PersonRole.NONE),
        ),
        invitation_sent=Subquery(latest.annotate(last=Coalesce("resent_at", "sent_at")).values("last")[:1]),
        invitation_accepted=Subquery(latest.values("accepted_at")[:1]),
    ).prefetch_related(
        Prefetch(
            "focal_points",
            queryset=FocalPoint.objects.active().select_related("country").order_by("country__name"),
            to_attr="serving",
        )
    )
    return two_factor_enabled(queryset).order_by("last_name", "first_name", "username")


def invitation_status(queryset: QuerySet[User], status: str) -> QuerySet[User]:
    if status == InvitationStatus.PENDING:
        return queryset.filter(invitation_sent__isnull=False, invitation_accepted__isnull=True)
    if status == InvitationStatus.ACCEPTED:
        return queryset.filter(invitation_accepted__isnull=False)
    return queryset.filter(invitation_sent__isnull=True)


def serving_in(queryset: QuerySet[User], country) -> QuerySet[User]:
    serving = FocalPoint.objects.active().filter(user=OuterRef("pk"), country=country)
    return queryset.filter(Exists(serving))


class PeopleExport(ListExport):
    """The People list as a spreadsheet: the page's columns, one row per person."""

    headers = (
        "name",
        "username",
        "email",
        "role",
        "countries",
        "language",
        "last sign-in",
        "invitation sent",
        "invitation accepted",
        "two-factor",
        "active",
    )

    def rows(self, queryset):
        languages = labels(User._meta.get_field("language"))
        for person in queryset:
            yield (
                person.get_full_name(),
                person.username,
                person.email,
                PersonRole(person.role).label,
                ", ".join(focal_point.country.name for focal_point in person.serving),
                languages.get(person.language, person.language),
                iso(person.last_login),
                iso(person.invitation_sent),
                iso(person.invitation_accepted),
                "yes" if person.two_factor else "no",
                "yes" if person.is_active else "no",
            )
