"""The checklists' panels on the home page and on a country's page (cjhp/views.py gathers them).

The page decides who sees which panel; what several panels show is read once by the page and handed to each."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils import timezone

from checklists import overview
from checklists.assessments.progress import progress_of, with_progress
from checklists.models import ActionItem, Assessment, QuestionComment, Transition
from cjhp.lib.panels import Panel
from cjhp.lib.roles import FOCAL_POINT_GROUP

Status = Assessment.Status


def _staff_messages(assessments) -> dict:
    """The latest return or reopening of each assessment that is back with the country: what to fix, and why."""
    back = [assessment.pk for assessment in assessments if assessment.is_editable]
    latest = {}
    steps = (
        Transition.objects.filter(assessment__in=back, action__in=[Transition.Action.RETURN, Transition.Action.REOPEN])
        .select_related("by")
        .annotate(question_count=Count("question_comments"))
        .prefetch_related(
            Prefetch("question_comments", queryset=QuestionComment.objects.select_related("item"), to_attr="questions")
        )
        .order_by("assessment", "-at", "-pk")
    )
    for step in steps:
        latest.setdefault(step.assessment_id, step)
    return latest


def home_due(request) -> Panel | None:
    """A focal point's open assessments, nearest deadline first, with what staff asked them to fix."""
    assessments = list(
        with_progress(Assessment.objects.visible_to(request.user).exclude(status=Status.APPROVED))
        .select_related("round", "country")
        .order_by("round__deadline", "country__name")
    )
    if not assessments and not request.user.in_group(FOCAL_POINT_GROUP):
        return None  # neither staff nor a focal point: nothing of the checklists to show
    messages = _staff_messages(assessments)
    today = timezone.localdate()
    rows = [
        (assessment, progress_of(assessment), messages.get(assessment.pk), (assessment.round.deadline - today).days)
        for assessment in assessments
    ]
    return Panel("checklists/panels/home_due.html", {"rows": rows, "today": today})


def home_open_rounds(dashboard: overview.StaffDashboard) -> Panel:
    """Staff: the rounds in which countries still have to answer, each invited country's status and progress."""
    return Panel("checklists/panels/home_open_rounds.html", {"rounds": dashboard.open_rounds})


def home_review(dashboard: overview.StaffDashboard) -> Panel:
    """Staff: the assessments waiting longest for their review, submitted longest ago first, and how many wait."""
    now = timezone.now()
    rows = [
        (assessment, progress, (now - assessment.submitted_at).days if assessment.submitted_at else None)
        for assessment, progress in dashboard.waiting_for_review
    ]
    context = {"rows": rows, "waiting": dashboard.waiting_count, "more": dashboard.waiting_count > len(rows)}
    return Panel("checklists/panels/home_review.html", context)


def home_overdue_actions() -> Panel:
    """Staff: open action items past their date, by country."""
    return Panel("checklists/panels/home_overdue_actions.html", {"rows": overview.overdue_action_items()})


def home_heat_map(dashboard: overview.StaffDashboard) -> Panel | None:
    """Staff: a round's Yes shares, country by recommendation, with a form to choose the round."""
    if dashboard.heat_map is None:
        return None
    heat_map = dashboard.heat_map
    context = {"form": dashboard.heat_map_form, "heat_map": heat_map, "round": heat_map.matrix.round}
    return Panel("checklists/panels/home_heat_map.html", context)


# A focal point's home lists the open action items due first; the action items page lists them all.
SHOWN_ACTION_ITEMS = 10


def home_action_items(request) -> Panel | None:
    """A focal point's open action items, the earliest due first: the first SHOWN_ACTION_ITEMS, and whether there
    are more (read as one row more, not counted)."""
    items = list(
        ActionItem.objects.filter(assessment__in=Assessment.objects.visible_to(request.user))
        .filter(status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS])
        .select_related("assessment__country", "recommendation")
        # What the list shows: not the long texts of the recommendation, nor the rest of the assessment.
        .only(
            "assessment__country__name",
            "assessment__country__code",
            "recommendation__number",
            "description",
            "due_date",
            "status",
        )
        .order_by("due_date", "pk")[: SHOWN_ACTION_ITEMS + 1]
    )
    if not items:
        return None
    context = {
        "items": items[:SHOWN_ACTION_ITEMS],
        "more": len(items) > SHOWN_ACTION_ITEMS,
        "today": timezone.localdate(),
    }
    return Panel("checklists/panels/home_action_items.html", context)


# A country's page shows its assessments of the latest rounds; the assessment list shows them all.
SHOWN_ROUNDS = 10


@dataclass
class CountryChecklists:
    """The country's assessments of the SHOWN_ROUNDS latest rounds, oldest round first, and their questions and
    answers: read once for both of the country page's panels (the answers only when there are assessments)."""

    assessments: list[Assessment]
    answers: overview.CountryAnswers | None
    more: bool  # the country has assessments of earlier rounds too


def country_checklists(country) -> CountryChecklists:
    """The country page already checked that the user may see the country (countries.page.country_for_page), and
    whoever sees a country sees all its assessments (Assessment.objects.visible_to): no visibility subquery. One
    row more than shown tells whether there are more."""
    latest = list(
        Assessment.objects.filter(country=country)
        .select_related("round__template", "country")
        .order_by("-round__opens_on", "-pk")[: SHOWN_ROUNDS + 1]
    )
    assessments = latest[:SHOWN_ROUNDS][::-1]
    answers = overview.load_country_answers(assessments) if assessments else None
    return CountryChecklists(assessments, answers, more=len(latest) > SHOWN_ROUNDS)


def country_assessments(country, checklists: CountryChecklists) -> Panel:
    """The country's assessments of the latest rounds, the latest first, with their progress counted from the
    answers the over-time panel shows too, and a link to all of them when there are more."""
    progress = checklists.answers.progress() if checklists.answers else {}
    rows = [(assessment, progress[assessment.pk]) for assessment in reversed(checklists.assessments)]
    context = {"country": country, "rows": rows, "more": checklists.more}
    return Panel("checklists/panels/country_assessments.html", context)


def country_over_time(request, country, checklists: CountryChecklists) -> Panel | None:
    """Each recommendation's Yes share round by round (the latest rounds), and what changed between two chosen
    rounds."""
    if not checklists.assessments:
        return None
    answers = checklists.answers
    over_time = answers.over_time()
    form = overview.RoundPairForm(data=request.GET or None, assessments=checklists.assessments)
    pair = form.pair()
    context = {"country": country, "over_time": over_time, "chart": over_time.chart(country.local_name), "form": form}
    if pair:
        context["before"], context["after"] = pair
        context["changes"] = overview.grouped_changes(*pair, answers)
    return Panel("checklists/panels/country_over_time.html", context)
