from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CjhpConfig(AppConfig):
    name = "cjhp"
    verbose_name = _("Portal")

    def ready(self):
        from checklists import signals
        from cjhp import notifications
        from cjhp.checks import check_portal_url, check_two_factor_required

        checks.register(check_portal_url)
        checks.register(check_two_factor_required)
        # The emails about what happened to rounds, assessments and action items (cjhp/notifications.py).
        signals.round_opened.connect(notifications.on_round_opened, dispatch_uid="notify_round_opened")
        signals.assessment_transitioned.connect(
            notifications.on_assessment_transitioned, dispatch_uid="notify_assessment_transitioned"
        )
        signals.action_item_assigned.connect(
            notifications.on_action_item_assigned, dispatch_uid="notify_action_item_assigned"
        )
