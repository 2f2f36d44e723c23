"""The assessment page: a country's checklist, saved section by section, and its evidence files."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from checklists.access import get_assessment_for_user, require_focal_point
from checklists.assessments.forms import AlsoShownForm, AssessmentFilterForm
from checklists.assessments.page import items_with_answers, load_checklist, page_context, posted_section_form
from checklists.assessments.progress import progress_by_assessment
from checklists.assessments.services import (
    EvidenceTooLarge,
    SectionConflict,
    TransitionRefused,
    not_editable_message,
    section_save,
)
from checklists.models import Assessment, Section
from checklists.reports.exports import AssessmentListResource
from cjhp.lib.exports import export_format, export_response

# The section script asks for the re-rendered section (and the progress it changed) instead of a whole page.
FRAGMENT_HEADER = "X-Section-Save"
# The assessments list's page size.
PAGE_SIZE = 50


def assessment_list(request: HttpRequest) -> HttpResponse:
    """A focal point's assessments (staff see every country's), newest round first."""
    visible = Assessment.objects.visible_to(request.user)
    form = AssessmentFilterForm(data=request.GET or None, visible=visible)
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
    also = AlsoShownForm(data=request.GET).language()
    return render(request, "checklists/assessment_detail.html", page_context(assessment, request.user, also=also))


def _section_response(request, assessment, section, *, status=200, form=None, items=None, **flags) -> HttpResponse:
    """The section once more after a save, from the checklist read once, after the save: the section and the
    progress it changed for the section script, the whole page otherwise."""
    checklist = load_checklist(assessment, request.user, items)
    section_view = checklist.rebind(section.pk, form, **flags)
    if request.headers.get(FRAGMENT_HEADER):
        context = {"assessment": assessment, "checklist": checklist, "sv": section_view}
        return HttpResponse(render_to_string("checklists/section_saved.html", context, request), status=status)
    context = page_context(assessment, request.user, checklist)
    return render(request, "checklists/assessment_detail.html", context, status=status)


def _refused(request, assessment, section, message) -> HttpResponse:
    """A save on an assessment that was submitted or approved meanwhile: nothing is applied."""
    if request.headers.get(FRAGMENT_HEADER):
        return _section_response(request, assessment, section, status=409, error=message)
    messages.error(request, message)
    return redirect(assessment)


def assessment_section_save(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    if request.method != "POST":
        return redirect(assessment)  # a form's target: the page it belongs to
    require_focal_point(request.user, assessment)
    section = get_object_or_404(Section, pk=section_pk, recommendation__template=assessment.round.template_id)
    if not assessment.is_editable:
        return _refused(request, assessment, section, not_editable_message(assessment))
    items = items_with_answers(assessment)
    form = posted_section_form(section, items, request.POST, request.FILES)
    if not form.is_valid():
        # Nothing was saved: the items just read show the page as it is.
        return _section_response(request, assessment, section, status=400, form=form, items=items)
    try:
        section_save(assessment=assessment, section=section, by=request.user, data=form.section_input())
    except SectionConflict as conflict:
        # Show what the others saved, keep this person's input, and let them save it over the new version.
        form = form.with_version(conflict.current_version)
        return _section_response(request, assessment, section, status=409, form=form, conflict=conflict)
    except EvidenceTooLarge as refused:
        form.add_error(None, refused.message)
        return _section_response(request, assessment, section, status=400, form=form, items=items)
    except TransitionRefused as refused:
        assessment.refresh_from_db()
        return _refused(request, assessment, section, refused.message)
    if request.headers.get(FRAGMENT_HEADER):
        return _section_response(request, assessment, section, saved=True)
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
