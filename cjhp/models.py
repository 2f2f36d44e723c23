from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
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
    working_language = models.CharField(
        _("working language of the checklists"),
        max_length=8,
        choices=settings.CHECKLIST_LANGUAGES,
        blank=True,
        help_text=_("The language the checklist's questions are shown in, with the English text beneath."),
    )
    informational_emails = models.BooleanField(
        _("emails for information"),
        default=True,
        help_text=_(
            "Emails about other people's work: an assessment submitted for review, an assessment approved. "
            "Emails that ask you to act (a round opened for your country, an assessment returned or reopened, "
            "an action item assigned to you), invitations and password resets always come."
        ),
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


class Notification(models.Model):
    """An email telling one person what happened, written in the transaction of what happened and sent after it
    commits (cjhp/notifications.py). It is the outbox: sent_at empty means still to send, and the daily command
    tries again what failed. One row per person and event, so an email goes once."""

    class Kind(models.TextChoices):
        ROUND_OPENED = "round_opened", _("Round opened")
        ASSESSMENT_SUBMITTED = "assessment_submitted", _("Assessment submitted")
        ASSESSMENT_RETURNED = "assessment_returned", _("Assessment returned")
        ASSESSMENT_APPROVED = "assessment_approved", _("Assessment approved")
        ASSESSMENT_REOPENED = "assessment_reopened", _("Assessment reopened")
        ACTION_ITEM_ASSIGNED = "action_item_assigned", _("Action item assigned")

    # Emails about other people's work, which a person may turn off (User.informational_emails); the others ask
    # the recipient to act on their own work and always go.
    INFORMATIONAL_KINDS = frozenset({Kind.ASSESSMENT_SUBMITTED, Kind.ASSESSMENT_APPROVED})

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # What it is about: one of these three, depending on the kind.
    round = models.ForeignKey(
        "checklists.AssessmentRound",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("round"),
    )
    transition = models.ForeignKey(
        "checklists.Transition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessment transition"),
    )
    action_item = models.ForeignKey(
        "checklists.ActionItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("action item"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("email notification")
        verbose_name_plural = _("email notifications")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="round_opened", round__isnull=False, transition=None, action_item=None)
                    | Q(kind="action_item_assigned", action_item__isnull=False, round=None, transition=None)
                    | (
                        Q(transition__isnull=False, round=None, action_item=None)
                        & ~Q(kind__in=["round_opened", "action_item_assigned"])
                    )
                ),
                name="notification_about_one_thing_of_its_kind",
            ),
            models.UniqueConstraint(
                fields=["recipient", "kind", "round"],
                condition=Q(round__isnull=False),
                name="one_notification_per_round",
            ),
            models.UniqueConstraint(
                fields=["recipient", "kind", "transition"],
                condition=Q(transition__isnull=False),
                name="one_notification_per_transition",
            ),
            models.UniqueConstraint(
                fields=["recipient", "kind", "action_item"],
                condition=Q(action_item__isnull=False),
                name="one_notification_per_action_item",
            ),
        ]
        indexes = [models.Index(fields=["sent_at"], name="notification_sent_at")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.recipient}"

    @property
    def is_informational(self) -> bool:
        return self.kind in self.INFORMATIONAL_KINDS


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


class AccessTokenQuerySet(models.QuerySet):
    def usable(self, on=None):
        """Neither revoked nor past its expiry date (the last day it works is `expires_on`)."""
        on = on or timezone.localdate()
        return self.filter(revoked_at=None).filter(Q(expires_on=None) | Q(expires_on__gte=on))


class AccessToken(models.Model):
    """A personal access token to the data API (/api/v1/, cjhp/api/): it sees what its owner sees on the pages.

    Only the SHA-256 digest of the secret is kept: the secret is shown once, when the token is made, and cannot be
    shown again. `prefix`, the secret's first characters, tells a person's tokens apart without revealing them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens", verbose_name=_("person")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, such as “Dashboard”."))
    prefix = models.CharField(_("prefix"), max_length=20, editable=False)
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("The last day the token works. Leave empty to keep it.")
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API access token")
        verbose_name_plural = _("API access tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired
