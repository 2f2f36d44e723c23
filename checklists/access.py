"""Who may open and work on an assessment. Scoping itself lives in `Assessment.objects.visible_to(user)`."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from checklists.models import ActionItem, Assessment
from cjhp.lib.roles import is_programme_staff


def get_assessment_for_user(user, pk: int) -> Assessment:
    """The assessment, or 404 when it belongs to a country the user does not serve."""
    queryset = Assessment.objects.visible_to(user).select_related("round__template", "country")
    return get_object_or_404(queryset, pk=pk)


def may_answer(user, assessment: Assessment) -> bool:
    """The country's focal points answer and submit; staff review. `assessment` is already scoped to the user."""
    return not is_programme_staff(user)


def require_focal_point(user, assessment: Assessment) -> None:
    if not may_answer(user, assessment):
        raise PermissionDenied


def get_action_item_for_user(user, assessment: Assessment, pk: int) -> ActionItem:
    return get_object_or_404(assessment.action_items.select_related("recommendation", "item"), pk=pk)
