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
