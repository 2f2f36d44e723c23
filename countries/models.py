from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cjhp.lib.roles import is_programme_staff
from countries.names import local_country_name

year_validators = [MinValueValidator(1971), MaxValueValidator(2100)]  # The Pompidou Group dates from 1971.


class CountryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The countries a user may see: all of them for programme staff, their own for a focal point."""
        if is_programme_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=FocalPoint.objects.active().filter(user=user).values("country_id"))

    def members(self):
        return self.filter(is_member=True)

    def get_by_natural_key(self, code):
        return self.get(code=code)


class Country(models.Model):
    class Membership(models.TextChoices):
        MEMBER = "member", _("Member state")
        FORMER = "former", _("Former member")
        PARTNER = "partner", _("Partner country")

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(
        _("code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Enter the two capital letters of ISO 3166-1 alpha-2."))],
        help_text=_("ISO 3166-1 alpha-2, for example MD for the Republic of Moldova."),
    )
    is_member = models.BooleanField(_("Pompidou Group member"), default=False)
    member_since = models.PositiveSmallIntegerField(
        _("member since"),
        null=True,
        blank=True,
        validators=year_validators,
        help_text=_("The year the country joined, where it is known."),
    )
    left_in = models.PositiveSmallIntegerField(
        _("left in"),
        null=True,
        blank=True,
        validators=year_validators,
        help_text=_("The year the country's membership ended, for a former member."),
    )
    membership_note = models.CharField(
        _("membership note"),
        max_length=255,
        blank=True,
        help_text=_("Where the membership facts come from, or what is uncertain about them."),
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self):
        return self.local_name

    def get_absolute_url(self):
        return reverse("countries:detail", kwargs={"code": self.code})

    @property
    def local_name(self) -> str:
        """The name in the active interface language ("République de Moldova" on French pages)."""
        return local_country_name(self.code, self.name)

    def natural_key(self):
        return (self.code,)

    @property
    def membership(self) -> str:
        if self.is_member:
            return self.Membership.MEMBER
        if self.left_in:
            return self.Membership.FORMER
        return self.Membership.PARTNER

    def get_membership_display(self) -> str:
        return self.Membership(self.membership).label

    def clean(self):
        errors = {}
        if self.code:
            self.code = self.code.upper()
        if self.is_member and self.left_in:
            errors["left_in"] = _("A current member cannot have left: clear this year or untick membership.")
        if self.member_since and self.left_in and self.left_in < self.member_since:
            errors["left_in"] = _("The year it left cannot come before the year it joined.")
        if errors:
            raise ValidationError(errors)


class Network(models.Model):
    """A group of countries working together, such as the South-East Europe network."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    since = models.PositiveSmallIntegerField(_("since"), null=True, blank=True, validators=year_validators)
    countries = models.ManyToManyField(Country, related_name="networks", verbose_name=_("countries"))
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self):
        return self.name


def active_focal_point(*, on=None, prefix: str = "") -> Q:
    """A focal point serving on the day `on` (today by default): started by then, not ended before. `prefix`
    names the focal point from another model, as "focal_points__" from a Country."""
    on = on or timezone.localdate()
    started = Q(**{f"{prefix}since__lte": on}) | Q(**{f"{prefix}since__isnull": True})
    not_ended = Q(**{f"{prefix}until__gte": on}) | Q(**{f"{prefix}until__isnull": True})
    return started & not_ended


class FocalPointQuerySet(models.QuerySet):
    def active(self, on=None):
        return self.filter(active_focal_point(on=on))


class FocalPoint(models.Model):
    """A person who fills in and submits their country's checklists."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="focal_points",
        verbose_name=_("user"),
    )
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="focal_points", verbose_name=_("country")
    )
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True, help_text=_("Leave empty while they serve."))

    objects = FocalPointQuerySet.as_manager()

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ["country__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "country"], name="one_focal_point_role_per_country"),
        ]

    def __str__(self):
        return f"{self.user} – {self.country}"

    def serves_on(self, day) -> bool:
        """Whether they serve on `day`: the rule of active_focal_point(), for a focal point already read."""
        return (self.since is None or self.since <= day) and (self.until is None or self.until >= day)

    def clean(self):
        if self.since and self.until and self.until < self.since:
            raise ValidationError({"until": _("The end date cannot come before the start date.")})
