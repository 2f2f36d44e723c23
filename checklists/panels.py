"""The checklists' panels on the home page and on a country's page (registered in cjhp/panels.py)."""

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from checklists import overview
from checklists.models import ActionItem, Assessment, QuestionComment, Transition
from checklists.progress import progress_by_assessment, progress_of, with_progress
from cjhp.links import link_maker
from cjhp.panels import Panel
from cjhp.roles import FOCAL_POINT_GROUP, is_programme_staff
from cjhp.templatetags.portal import day

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
    if is_programme_staff(request.user):
        return None
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


def _staff_dashboard(request) -> overview.StaffDashboard:
    """The figures of the open rounds, the reviews and the heat map: read once for the three panels."""
    if "_staff_dashboard" not in request.__dict__:
        request._staff_dashboard = overview.staff_dashboard(request.GET)
    return request._staff_dashboard


def home_open_rounds(request) -> Panel | None:
    """Staff: the rounds in which countries still have to answer, each invited country's status and progress."""
    if not is_programme_staff(request.user):
        return None
    return Panel("checklists/panels/home_open_rounds.html", {"rounds": _staff_dashboard(request).open_rounds})


def home_review(request) -> Panel | None:
    """Staff: the assessments waiting for their review, submitted longest ago first."""
    if not is_programme_staff(request.user):
        return None
    now = timezone.now()
    link = link_maker("checklists:assessment")
    rows = [
        ReviewRow(assessment, link(assessment.pk), progress, now)
        for assessment, progress in _staff_dashboard(request).waiting_for_review
    ]
    return Panel("checklists/panels/home_review.html", {"rows": rows})


class ReviewRow:
    """An assessment waiting for review, its address reversed once for the list and its texts put together in
    Python with the template's catalogue entries: fifty {% blocktranslate %} rows cost more than the page's SQL."""

    def __init__(self, assessment, url: str, progress, now):
        self.assessment, self.url, self.progress = assessment, url, progress
        submitted = assessment.submitted_at
        self.days = (now - submitted).days if submitted else None
        # The local day, formatted once per day and language (the `date` filter would format the time anew).
        self.submitted_on = day(timezone.localdate(submitted), "j F Y") if submitted else ""

    def submitted(self) -> str:
        return gettext("submitted on %(date)s") % {"date": self.submitted_on}

    def waiting(self) -> str:
        return ngettext("waiting %(counter)s day", "waiting %(counter)s days", self.days) % {"counter": self.days}

    def shares(self) -> str:
        return gettext("%(answered)s%% answered, %(yes)s%% Yes") % {
            "answered": self.progress.answered_percent,
            "yes": self.progress.yes_percent,
        }


def home_overdue_actions(request) -> Panel | None:
    """Staff: open action items past their date, by country."""
    if not is_programme_staff(request.user):
        return None
    return Panel("checklists/panels/home_overdue_actions.html", {"rows": overview.overdue_action_items()})


def home_heat_map(request) -> Panel | None:
    """Staff: a round's Yes shares, country by recommendation, with a form to choose the round."""
    if not is_programme_staff(request.user):
        return None
    dashboard = _staff_dashboard(request)
    if dashboard.heat_map is None:
        return None
    heat_map = dashboard.heat_map
    context = {"form": dashboard.heat_map_form, "heat_map": heat_map, "round": heat_map.matrix.round}
    return Panel("checklists/panels/home_heat_map.html", context)


def home_action_items(request) -> Panel | None:
    """A focal point's open action items, the earliest due first."""
    if is_programme_staff(request.user):
        return None
    items = list(
        ActionItem.objects.filter(assessment__in=Assessment.objects.visible_to(request.user))
        .filter(status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS])
        .select_related("assessment__country", "recommendation")
        # What the list shows: not the long texts of the recommendation, nor the rest of the assessment.
        .only(
            "assessment__country__name",
            "recommendation__number",
            "description",
            "due_date",
            "status",
        )
        .order_by("due_date", "pk")
    )
    if not items:
        return None
    # Each with its status's label (get_status_display translates every choice to find it) and its address
    # (reversed once for the list, cjhp/links.py): a focal point's list holds fifty items at ten times the scale.
    labels = {status: str(label) for status, label in ActionItem.Status.choices}
    links = {}  # assessment id -> its action items' link maker
    rows = []
    for item in items:
        if item.assessment_id not in links:
            links[item.assessment_id] = link_maker("checklists:action_item", item.assessment_id)
        item.link = links[item.assessment_id](item.pk)
        rows.append((item, labels[item.status]))
    return Panel("checklists/panels/home_action_items.html", {"items": rows, "today": timezone.localdate()})


def _country_assessments(request, country) -> list[Assessment]:
    """The country's assessments, oldest round first: one query for both panels of the page.

    The country page already checked that the user may see the country (countries.page.country_for_page), and
    whoever sees a country sees all its assessments (Assessment.objects.visible_to): no visibility subquery."""
    loaded = request.__dict__.setdefault("_country_assessments", {})
    if country.pk not in loaded:
        loaded[country.pk] = list(
            Assessment.objects.filter(country=country)
            .select_related("round__template", "country")
            .order_by("round__opens_on", "pk")
        )
    return loaded[country.pk]


def _country_answers(request, country) -> overview.CountryAnswers:
    """The questions and answers of the country's assessments: one query for both panels of the page."""
    loaded = request.__dict__.setdefault("_country_answers", {})
    if country.pk not in loaded:
        loaded[country.pk] = overview.load_country_answers(_country_assessments(request, country))
    return loaded[country.pk]


def country_assessments(request, country) -> Panel | None:
    """Every assessment of the country, the latest round first (the country page already checked that the user
    may see it), with its progress counted from the answers the over-time panel shows too."""
    assessments = _country_assessments(request, country)
    progress = _country_answers(request, country).progress() if assessments else {}
    rows = [(assessment, progress[assessment.pk]) for assessment in reversed(assessments)]
    return Panel("checklists/panels/country_assessments.html", {"rows": rows})


def country_over_time(request, country) -> Panel | None:
    """Each recommendation's Yes share round by round, and what changed between two chosen rounds."""
    assessments = _country_assessments(request, country)
    if not assessments:
        return None
    # The page's own list of the country's assessments: the country page already checked the user may see them all.
    answers = _country_answers(request, country)
    over_time = overview.country_over_time(country, assessments, answers)
    form = overview.RoundPairForm(data=request.GET or None, assessments=assessments)
    pair = form.pair()
    context = {"country": country, "over_time": over_time, "chart": over_time.chart(country.name), "form": form}
    if pair:
        context["before"], context["after"] = pair
        context["changes"] = overview.grouped_changes(*pair, answers)
    return Panel("checklists/panels/country_over_time.html", context)
