"""PDF reports of the checklists: a country's assessment, and a round's comparison of all countries."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from checklists.access import get_assessment_for_user
from checklists.models import AssessmentRound
from checklists.reports.documents import (
    assessment_filename,
    assessment_report,
    report_language,
    round_comparison,
    round_filename,
)
from cjhp.lib.access import require_programme_staff
from cjhp.lib.pdf import pdf_response


def assessment_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    report = assessment_report(assessment, report_language(assessment, request.user))
    return pdf_response(request, "checklists/reports/assessment.html", report, assessment_filename(assessment))


def round_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    # Staff only: the comparison shows every country of the round.
    require_programme_staff(request.user)
    assessment_round = get_object_or_404(AssessmentRound.objects.select_related("template"), slug=slug)
    return pdf_response(
        request, "checklists/reports/round.html", round_comparison(assessment_round), round_filename(assessment_round)
    )
