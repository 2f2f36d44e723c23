"""Action items: what a country will do about a recommendation or a question answered No."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from checklists.access import get_action_item_for_user, get_assessment_for_user
from checklists.forms import ActionItemForm
from checklists.models import ActionItem


def action_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    initial = {key: request.GET[key] for key in ("recommendation", "item") if request.GET.get(key, "").isdigit()}
    form = ActionItemForm(
        data=request.POST or None,
        initial=initial,
        assessment=assessment,
        instance=ActionItem(assessment=assessment, created_by=request.user),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The action item was added."))
        return redirect(f"{assessment.get_absolute_url()}#action-items")
    context = {"assessment": assessment, "form": form, "action_item": None}
    return render(request, "checklists/action_item_form.html", context, status=400 if form.errors else 200)


def action_item_edit(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    action_item = get_action_item_for_user(request.user, assessment, action_pk)
    form = ActionItemForm(data=request.POST or None, assessment=assessment, instance=action_item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The action item was saved."))
        return redirect(f"{assessment.get_absolute_url()}#action-items")
    context = {"assessment": assessment, "form": form, "action_item": action_item}
    return render(request, "checklists/action_item_form.html", context, status=400 if form.errors else 200)
