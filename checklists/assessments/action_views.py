"""Action items: what a country will do about a recommendation or a question answered No."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from checklists.access import get_action_item_for_user, get_assessment_for_user
from checklists.assessments.forms import ActionItemFilterForm, ActionItemForm
from checklists.assessments.services import action_item_save
from checklists.models import ActionItem
from checklists.reports.exports import ActionItemListResource
from cjhp.lib.exports import export_format, export_response

PAGE_SIZE = 50


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
        action_item_save(action_item=form.save(commit=False), by=request.user)
        messages.success(request, _("The action item was added."))
        return redirect(f"{assessment.get_absolute_url()}#action-items")
    context = {"assessment": assessment, "form": form, "action_item": None}
    return render(request, "checklists/action_item_form.html", context, status=400 if form.errors else 200)


def action_item_edit(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    action_item = get_action_item_for_user(request.user, assessment, action_pk)
    form = ActionItemForm(data=request.POST or None, assessment=assessment, instance=action_item)
    if request.method == "POST" and form.is_valid():
        action_item_save(action_item=form.save(commit=False), by=request.user)
        messages.success(request, _("The action item was saved."))
        return redirect(f"{assessment.get_absolute_url()}#action-items")
    context = {"assessment": assessment, "form": form, "action_item": action_item}
    return render(request, "checklists/action_item_form.html", context, status=400 if form.errors else 200)


def action_item_list(request: HttpRequest) -> HttpResponse:
    """Every action item the user may see (staff: all; a focal point: their countries'), with filters."""
    form = ActionItemFilterForm(data=request.GET or None, user=request.user)
    action_items = (
        form.filter_qs(ActionItem.objects.visible_to(request.user), today=timezone.localdate())
        .select_related("assessment__country", "assessment__round", "recommendation", "item", "assignee")
        .order_by("due_date", "assessment__country__name", "pk")
    )
    if fmt := export_format(request):
        return export_response(ActionItemListResource(), action_items, fmt, "cjhp-action-items")
    # The page shows these columns only: the others (timestamps, texts of the question) are not read.
    action_items = action_items.only(*ActionItem.LIST_COLUMNS)
    # Fifty a page, as the events and participants: thousands of rows in one page take seconds to draw.
    page = Paginator(action_items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "action_items": page.object_list, "query": query.urlencode()}
    return render(request, "checklists/action_item_list.html", context)
