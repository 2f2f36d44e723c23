"""Working offline: download an assessment as a workbook, upload it filled in, check the preview, confirm.

The uploaded file travels from the preview to the confirmation in a signed hidden field (as template imports
do), and is read again on confirmation against the portal as it is then.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from checklists.access import get_assessment_for_user, require_focal_point
from checklists.assessments.services import (
    SectionConflict,
    TransitionRefused,
    assessment_apply_workbook,
    not_editable_message,
)
from checklists.languages import working_language
from checklists.models import Assessment
from checklists.offline.forms import WorkbookUploadForm
from checklists.offline.upload import Plan, plan_upload, read_workbook
from checklists.offline.workbook import Snapshot, build_workbook, workbook_filename
from cjhp.lib import uploads

UPLOAD_SALT = "checklists.offline-upload"
UPLOAD_MAX_AGE = 60 * 60 * 6  # a preview left open over lunch still confirms
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _get_editable_assessment(request: HttpRequest, pk: int) -> tuple[Assessment, HttpResponse | None]:
    """The assessment (404 for strangers, 403 for staff, who review rather than answer), and a redirect with the
    reason when it can no longer be changed."""
    assessment = get_assessment_for_user(request.user, pk)
    require_focal_point(request.user, assessment)
    if not assessment.is_editable:
        messages.error(request, not_editable_message(assessment))
        return assessment, redirect(assessment)
    return assessment, None


def assessment_workbook(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, refused = _get_editable_assessment(request, pk)
    if refused:
        return refused
    response = HttpResponse(build_workbook(assessment, working_language(request.user)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{workbook_filename(assessment)}"'
    return response


def assessment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, refused = _get_editable_assessment(request, pk)
    if refused:
        return refused
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, assessment)
    form = WorkbookUploadForm(data=request.POST or None, files=request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        return _preview(request, assessment, content, upload.name)
    status = 400 if form.errors else 200
    return render(request, "checklists/offline_upload.html", {"assessment": assessment, "form": form}, status=status)


def _token(request, assessment, content: bytes, filename: str, plan: Plan) -> str:
    return uploads.signed_upload(
        request.user,
        content,
        salt=UPLOAD_SALT,
        assessment=assessment.pk,
        filename=filename,
        versions={str(pk): version for pk, version in plan.versions.items()},
    )


def _preview(request, assessment, content: bytes, filename: str, *, notice: str = "", choices=None, status=200):
    """The problems of the file, or what it changes; `choices` are those made so far when confirming."""
    upload = read_workbook(content, assessment)
    if upload.problems:
        context = {
            "assessment": assessment,
            "form": WorkbookUploadForm(),
            "problems": upload.problems,
            "filename": filename,
        }
        return render(request, "checklists/offline_upload.html", context, status=400)
    plan = plan_upload(upload, Snapshot.of(assessment))
    for step in plan.conflicts:
        step.conflict.chosen = (choices or {}).get(step.choice_name, "")
    asked = choices is not None  # confirming: name the conflicts still without a choice
    context = {
        "assessment": assessment,
        "plan": plan,
        "filename": filename,
        "token": _token(request, assessment, content, filename, plan) if plan.steps else "",
        "notice": notice,
        "missing_choices": [step.key for step in plan.conflicts if asked and not step.conflict.chosen],
    }
    return render(request, "checklists/offline_preview.html", context, status=status)


def _confirm(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    signed = uploads.read_signed_upload(
        request.POST["token"], request.user, salt=UPLOAD_SALT, max_age=UPLOAD_MAX_AGE, assessment=assessment.pk
    )
    if signed is None:
        messages.error(request, _("The upload has expired or was altered: please upload the workbook again."))
        return redirect("checklists:assessment_upload", pk=assessment.pk)
    content, payload = signed
    filename = payload["filename"]
    choices = {
        name: value
        for name, value in request.POST.items()
        if name.startswith("choice-") and value in ("workbook", "portal")
    }
    snapshot = Snapshot.of(assessment)
    previewed = {int(pk): version for pk, version in payload["versions"].items()}
    if snapshot.versions != previewed:
        notice = _("Someone saved this assessment after your preview: here is what your workbook changes now.")
        return _preview(request, assessment, content, filename, notice=notice, choices=choices, status=409)
    upload = read_workbook(content, assessment)
    plan = plan_upload(upload, snapshot)
    if upload.problems or any(step.choice_name not in choices for step in plan.conflicts):
        notice = _("Choose, for each conflict, which answer to keep.") if not upload.problems else ""
        return _preview(request, assessment, content, filename, notice=notice, choices=choices, status=400)
    try:
        saved = assessment_apply_workbook(
            assessment=assessment, by=request.user, sections=plan.section_inputs(choices, snapshot)
        )
    except SectionConflict:
        notice = _("Someone saved this assessment after your preview: here is what your workbook changes now.")
        return _preview(request, assessment, content, filename, notice=notice, choices=choices, status=409)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
        return redirect(assessment)
    if saved:
        message = ngettext(
            "The workbook was applied: %(count)d section saved.",
            "The workbook was applied: %(count)d sections saved.",
            saved,
        )
        messages.success(request, message % {"count": saved})
    else:
        messages.info(request, _("The workbook changed nothing: the portal already held its answers."))
    return redirect(assessment)
