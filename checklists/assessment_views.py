"""The assessment page: a country's checklist, saved section by section, and its evidence files."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from checklists.access import get_assessment_for_user, require_focal_point
from checklists.forms import AssessmentFilterForm, SectionForm
from checklists.list_exports import AssessmentListResource
from checklists.models import Assessment, AssessmentRound, Section
from checklists.page import load_checklist, page_context
from checklists.progress import progress_by_assessment
from checklists.services import SectionConflict, TransitionRefused, not_editable_message, section_save
from cjhp.exports import export_format, export_response

# The section script asks for the re-rendered section (and the progress it changed) instead of a whole page.
FRAGMENT_HEADER = "X-Section-Save"
# The assessments list's page size.
PAGE_SIZE = 50


def assessment_list(request: HttpRequest) -> HttpResponse:
    """A focal point's assessments (staff see every country's), newest round first."""
    visible = Assessment.objects.visible_to(request.user)
    form = AssessmentFilterForm(
        data=request.GET or None, rounds=AssessmentRound.objects.filter(assessments__in=visible)
    )
    assessments = (
        form.filter_qs(visible)
        .select_related("round", "country")
        .order_by("-round__opens_on", "round__name", "country__name", "pk")
    )
    if fmt := export_format(request):
        # The export holds every assessment matching the filters, not one page of them.
        assessments = list(assessments)
        progress = progress_by_assessment(assessments)
        return export_response(AssessmentListResource(progress), assessments, fmt, "cjhp-assessments")
    # Fifty a page, as the events and action items: each row's progress is counted for the page's rows only.
    # The table shows the country, round, status and deadline: only() those.
    assessments = assessments.only(*Assessment.TABLE_COLUMNS)
    page = Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page"))
    progress = progress_by_assessment(page.object_list)
    rows = [(assessment, progress[assessment.pk]) for assessment in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "rows": rows, "page": page, "query": query.urlencode()}
    return render(request, "checklists/assessment_list.html", context)


def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    return render(request, "checklists/assessment_detail.html", page_context(assessment, request.user))


def _section_response(request, assessment, checklist, section_view, status=200) -> HttpResponse:
    if request.headers.get(FRAGMENT_HEADER):
        context = {"assessment": assessment, "checklist": checklist, "sv": section_view}
        return HttpResponse(render_to_string("checklists/section_saved.html", context, request), status=status)
    context = page_context(assessment, request.user, checklist)
    return render(request, "checklists/assessment_detail.html", context, status=status)


def _refused(request, assessment, checklist, section, message) -> HttpResponse:
    """A save on an assessment that was submitted or approved meanwhile: nothing is applied."""
    if request.headers.get(FRAGMENT_HEADER):
        view = checklist.sections[section.pk]
        view.error = message
        return _section_response(request, assessment, checklist, view, status=409)
    messages.error(request, message)
    return redirect(assessment)


def assessment_section_save(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    if request.method != "POST":
        return redirect(assessment)  # a form's target: the page it belongs to
    require_focal_point(request.user, assessment)
    section = get_object_or_404(Section, pk=section_pk, recommendation__template=assessment.round.template_id)
    checklist = load_checklist(assessment, request.user)
    if not checklist.can_answer:
        return _refused(request, assessment, checklist, section, not_editable_message(assessment))
    view = checklist.sections[section.pk]
    form = SectionForm(
        request.POST,
        request.FILES,
        section=section,
        questions=view.questions,
        answers={row.item.pk: row.answer for row in view.rows if row.answer},
        comments=view.comments,
        version=view.version,
    )
    if not form.is_valid():
        checklist.rebind(section.pk, form)
        return _section_response(request, assessment, checklist, view, status=400)
    try:
        section_save(assessment=assessment, section=section, by=request.user, data=form.section_input())
    except SectionConflict as conflict:
        # Show what the others saved, keep this person's input, and let them save it over the new version.
        checklist = load_checklist(assessment, request.user)
        view = checklist.rebind(section.pk, form.with_version(conflict.current_version), conflict=conflict)
        return _section_response(request, assessment, checklist, view, status=409)
    except TransitionRefused as refused:
        assessment.refresh_from_db()
        return _refused(request, assessment, load_checklist(assessment, request.user), section, refused.message)
    if request.headers.get(FRAGMENT_HEADER):
        assessment.refresh_from_db()
        checklist = load_checklist(assessment, request.user)
        view = checklist.sections[section.pk]
        view.saved = True
        return _section_response(request, assessment, checklist, view)
    messages.success(request, _("Section %(number)s was saved.") % {"number": section.number})
    return redirect(f"{assessment.get_absolute_url()}#section-{section.pk}")


def assessment_evidence(request: HttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    """An evidence file, only for those who may see the assessment."""
    assessment = get_assessment_for_user(request.user, pk)
    answer = get_object_or_404(assessment.answers, pk=answer_pk)
    if not answer.evidence_file:
        raise Http404
    try:
        handle = answer.evidence_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, as_attachment=True, filename=answer.evidence_file_name)
