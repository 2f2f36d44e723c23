"""The review of an assessment: the focal point submits; staff return, approve or reopen it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from checklists.access import get_assessment_for_user, require_focal_point
from checklists.assessments.forms import AlsoShownForm, ApproveForm, ReopenForm, ReturnForm
from checklists.assessments.page import load_checklist, page_context
from checklists.assessments.services import (
    TransitionRefused,
    UnansweredQuestions,
    assessment_approve,
    assessment_reopen,
    assessment_return,
    assessment_submit,
)
from checklists.models import Assessment
from cjhp.lib.access import require_programme_staff


def assessment_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    if request.method != "POST":
        return redirect(assessment)  # a form's target: the page it belongs to
    require_focal_point(request.user, assessment)
    try:
        assessment_submit(assessment=assessment, by=request.user)
    except UnansweredQuestions as refused:
        # The whole page again, with the list of what is missing at the top, each a link to its question.
        context = page_context(assessment, request.user)
        context["unanswered"] = refused.items
        messages.error(request, refused.message)
        return render(request, "checklists/assessment_detail.html", context, status=400)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
        return redirect(assessment)
    messages.success(request, _("The assessment was submitted to the programme staff for review."))
    return redirect(assessment)


def assessment_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Return a submitted assessment with a message on the whole and, where needed, on single questions."""
    assessment = get_assessment_for_user(request.user, pk)
    require_programme_staff(request.user)
    if assessment.status != Assessment.Status.SUBMITTED:
        messages.error(
            request,
            _("Only a submitted assessment can be returned; this one is “%(status)s”.")
            % {"status": assessment.get_status_display()},
        )
        return redirect(assessment)
    checklist = load_checklist(assessment, request.user, also=AlsoShownForm(data=request.GET).language())
    questions = [item for view in checklist.sections.values() for item in view.questions]
    form = ReturnForm(data=request.POST or None, questions=questions)
    for view in checklist.sections.values():
        for row in view.rows:
            if not row.item.is_heading:
                row.review_field = form[f"q{row.item.pk}"]
    if request.method == "POST" and form.is_valid():
        try:
            assessment_return(
                assessment=assessment,
                by=request.user,
                message=form.cleaned_data["message"],
                question_messages=form.question_messages(),
            )
        except TransitionRefused as refused:
            messages.error(request, refused.message)
            return redirect(assessment)
        messages.success(request, _("The assessment was returned to %(country)s.") % {"country": assessment.country})
        return redirect(assessment)
    context = {"assessment": assessment, "checklist": checklist, "form": form}
    return render(request, "checklists/assessment_review.html", context, status=400 if form.errors else 200)


def assessment_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    if request.method != "POST":
        return redirect(assessment)  # a form's target: the page it belongs to
    require_programme_staff(request.user)
    form = ApproveForm(data=request.POST)
    form.is_valid()
    try:
        assessment_approve(assessment=assessment, by=request.user, message=form.cleaned_data.get("message", ""))
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The assessment was approved."))
    return redirect(assessment)


def assessment_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    if request.method != "POST":
        return redirect(assessment)  # a form's target: the page it belongs to
    require_programme_staff(request.user)
    form = ReopenForm(data=request.POST)
    if not form.is_valid():
        context = page_context(assessment, request.user)
        context["reopen_form"] = form
        return render(request, "checklists/assessment_detail.html", context, status=400)
    try:
        assessment_reopen(assessment=assessment, by=request.user, reason=form.cleaned_data["reason"])
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The assessment was reopened: %(country)s can change it again.") % {"country": assessment.country},
        )
    return redirect(assessment)
