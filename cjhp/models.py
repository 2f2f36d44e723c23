from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in: an administrator, programme staff or a country's focal point."""

    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the emails the portal sends to this person."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        ordering = ["username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def group_names(self) -> frozenset[str]:
        # One query per request at most: request.user lives for one request.
        return frozenset(self.groups.values_list("name", flat=True))

    def in_group(self, name: str) -> bool:
        return name in self.group_names

    @property
    def is_programme_staff(self) -> bool:
        from cjhp.lib.roles import is_programme_staff

        return is_programme_staff(self)


class SentReminder(models.Model):
    """A reminder email sent to one person on one day: the record that stops a second one that day."""

    class Kind(models.TextChoices):
        ASSESSMENT_DUE = "assessment_due", _("Assessment due")
        REVIEW_WAITING = "review_waiting", _("Submissions waiting for review")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_reminders", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sent_on = models.DateField(_("sent on"))
    assessments = models.ManyToManyField(
        "checklists.Assessment", related_name="+", blank=True, verbose_name=_("assessments")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        ordering = ["-sent_on", "recipient__username", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "sent_on"], name="one_reminder_per_kind_and_day"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.recipient} – {self.sent_on}"


class Invitation(models.Model):
    """An email with a one-time link that lets a new person choose a password (cjhp.people.tokens).

    A person has one invitation per time staff invited them; a resend keeps the row (resent_at) and makes the
    previous link invalid. Accepted once the person set their password.
    """

    class Role(models.TextChoices):
        STAFF = "staff", _("Programme staff")
        FOCAL_POINT = "focal_point", _("Focal point")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("person")
    )
    email = models.EmailField(_("email"), help_text=_("The address the invitation went to."))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
        help_text=_("The country a focal point was invited for."),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    resent_at = models.DateTimeField(_("resent at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    email_failed = models.BooleanField(
        _("email not sent"), default=False, help_text=_("The mail server refused the last email: resend it.")
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.get_role_display()} – {self.email}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None

    @property
    def last_sent_at(self):
        return self.resent_at or self.sent_at


class AccessRecord(models.Model):
    """What happened to a person's access, who did it and when: the history shown on the person's page."""

    class Kind(models.TextChoices):
        INVITED = "invited", _("Invited")
        RESENT = "resent", _("Invitation resent")
        ACCEPTED = "accepted", _("Invitation accepted")
        LINKED = "linked", _("Existing account given access")
        SERVICE_ENDED = "service_ended", _("Service ended")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_records", verbose_name=_("person")
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    role = models.CharField(_("role"), max_length=20, choices=Invitation.Role.choices)
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    on = models.DateField(_("effective on"), null=True, blank=True, help_text=_("From when, or until when."))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("access record")
        verbose_name_plural = _("access records")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.user} – {self.at:%Y-%m-%d}"
