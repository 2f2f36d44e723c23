"""The checklists' panels on the home page and on a country's page (registered in cjhp/panels.py)."""

from django.db.models import Count
from django.utils import timezone

from checklists.models import Assessment, Transition
from checklists.progress import progress_by_assessment
from cjhp.panels import Panel
from cjhp.roles import FOCAL_POINT_GROUP, is_programme_staff

Status = Assessment.Status


def _rows(assessments) -> list[tuple]:
    assessments = list(assessments)
    progress = progress_by_assessment(assessments)
    return [(assessment, progress[assessment.pk]) for assessment in assessments]


def _staff_messages(assessments) -> dict:
    """The latest return or reopening of each assessment that is back with the country: what to fix, and why."""
    back = [assessment.pk for assessment in assessments if assessment.is_editable]
    latest = {}
    steps = (
        Transition.objects.filter(assessment__in=back, action__in=[Transition.Action.RETURN, Transition.Action.REOPEN])
        .select_related("by")
        .annotate(question_count=Count("question_comments"))
        .order_by("assessment", "-at", "-pk")
    )
    for step in steps:
        latest.setdefault(step.assessment_id, step)
    return latest


def home_due(request) -> Panel | None:
    """A focal point's open assessments, nearest deadline first, with what staff asked them to fix."""
    if is_programme_staff(request.user):
        return None
    assessments = list(
        Assessment.objects.visible_to(request.user)
        .exclude(status=Status.APPROVED)
        .select_related("round", "country")
        .order_by("round__deadline", "country__name")
    )
    if not assessments and not request.user.in_group(FOCAL_POINT_GROUP):
        return None  # neither staff nor a focal point: nothing of the checklists to show
    messages = _staff_messages(assessments)
    rows = [(assessment, progress, messages.get(assessment.pk)) for assessment, progress in _rows(assessments)]
    return Panel("checklists/panels/home_due.html", {"rows": rows, "today": timezone.localdate()})


def home_review(request) -> Panel | None:
    """Staff: the assessments waiting for their review, submitted longest ago first."""
    if not is_programme_staff(request.user):
        return None
    waiting = (
        Assessment.objects.filter(status=Status.SUBMITTED)
        .select_related("round", "country")
        .order_by("submitted_at", "pk")
    )
    return Panel("checklists/panels/home_review.html", {"rows": _rows(waiting)})


def country_assessments(request, country) -> Panel | None:
    """Every assessment of the country (the country page already checked that the user may see it)."""
    assessments = (
        Assessment.objects.visible_to(request.user)
        .filter(country=country)
        .select_related("round", "country")
        .order_by("-round__opens_on")
    )
    return Panel("checklists/panels/country_assessments.html", {"rows": _rows(assessments)})
