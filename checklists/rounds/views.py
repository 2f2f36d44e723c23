"""Assessment rounds: staff open a round for the invited countries and follow each country's progress."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from checklists.assessments.progress import progress_of, with_progress
from checklists.assessments.services import round_open
from checklists.models import Assessment, AssessmentRound
from checklists.reports.documents import round_heat_map
from checklists.reports.exports import AssessmentListResource
from checklists.rounds.forms import RoundForm
from checklists.rounds.gaps import MOST_ANSWERED_NO
from checklists.rounds.gaps import round_gaps as round_gaps_for
from cjhp.lib.access import require_programme_staff
from cjhp.lib.exports import export_format, export_response

# The latest rounds first, twenty a page: a round a year or two is the programme's pace.
ROUNDS_PER_PAGE = 20


def round_list(request: HttpRequest) -> HttpResponse:
    require_programme_staff(request.user)
    rounds = (
        AssessmentRound.objects.select_related("template")
        .annotate(
            country_count=Count("assessments"),
            submitted_count=Count("assessments", filter=Q(assessments__status=Assessment.Status.SUBMITTED)),
            approved_count=Count("assessments", filter=Q(assessments__status=Assessment.Status.APPROVED)),
        )
        .order_by("-opens_on", "name")
    )
    page = Paginator(rounds, ROUNDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "checklists/round_list.html", {"rounds": page.object_list, "page": page})


def round_create(request: HttpRequest) -> HttpResponse:
    require_programme_staff(request.user)
    form = RoundForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assessment_round = round_open(
            name=data["name"],
            slug=data["slug"],
            template=data["template"],
            opens_on=data["opens_on"],
            deadline=data["deadline"],
            countries=data["countries"],
            by=request.user,
        )
        messages.success(
            request,
            _("The round “%(name)s” was opened for %(count)d countries.")
            % {"name": assessment_round.name, "count": len(data["countries"])},
        )
        return redirect("checklists:round", slug=assessment_round.slug)
    return render(
        request,
        "checklists/round_form.html",
        {"form": form, "see_network": RoundForm.see_network_exists()},
        status=400 if form.errors else 200,
    )


def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    require_programme_staff(request.user)
    assessment_round = get_object_or_404(AssessmentRound.objects.select_related("template"), slug=slug)
    if fmt := export_format(request):
        # Every assessment of the round with its progress annotated: one query (the export holds them all).
        assessments = list(
            with_progress(assessment_round.assessments.select_related("country")).only(
                "status", "submitted_at", "approved_at", "country__name", "country__code"
            )
        )
        for assessment in assessments:
            assessment.round = assessment_round
        progress = {assessment.pk: progress_of(assessment) for assessment in assessments}
        basename = f"cjhp-round-{assessment_round.slug}"
        return export_response(AssessmentListResource(progress), assessments, fmt, basename)
    heat_map = round_heat_map(assessment_round)
    # The heat map's rows already hold each country's assessment (by country name) and its overall progress, the
    # sums of its cells: the table shows those instead of reading the assessments and their answers again.
    rows = []
    for row in heat_map["country_rows"]:
        row.assessment.round = assessment_round
        rows.append((row.assessment, row.progress))
    context = {"round": assessment_round, "rows": rows, **heat_map}
    return render(request, "checklists/round_detail.html", context)


def round_gaps(request: HttpRequest, slug: str) -> HttpResponse:
    require_programme_staff(request.user)
    rounds = AssessmentRound.objects.annotate(country_count=Count("assessments"))
    assessment_round = get_object_or_404(rounds, slug=slug)
    gaps = round_gaps_for(assessment_round)
    context = {
        "round": assessment_round,
        "gaps": gaps,
        "limit": MOST_ANSWERED_NO,
        "country_count": assessment_round.country_count,
    }
    return render(request, "checklists/round_gaps.html", context)
