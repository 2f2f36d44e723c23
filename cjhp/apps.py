from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CjhpConfig(AppConfig):
    name = "cjhp"
    verbose_name = _("Portal")

    def ready(self):
        from cjhp.checks import check_portal_url, check_two_factor_required

        checks.register(check_portal_url)
        checks.register(check_two_factor_required)
