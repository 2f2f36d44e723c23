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
        from cjhp.roles import is_programme_staff

        return is_programme_staff(self)
