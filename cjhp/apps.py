from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CjhpConfig(AppConfig):
    name = "cjhp"
    verbose_name = _("Portal")
