"""Checklist templates for programme staff: versions, one template's content, editing, new versions, spreadsheets.

Templates belong to no country, so every page here is for programme staff only (403 for everyone else).
A frozen template (one a round uses) refuses every change and offers a new version instead.
"""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from checklists.definition import services
from checklists.definition.forms import (
    ItemForm,
    NewVersionForm,
    RecommendationForm,
    SectionForm,
    TemplateForm,
    TemplateImportForm,
)
from checklists.definition.resources import export_template
from checklists.definition.spreadsheets import SpreadsheetUnreadable, read_dataset, read_plan, with_version
from checklists.definition.translation_forms import TranslationImportForm
from checklists.definition.translations import template_completeness
from checklists.languages import language_name
from checklists.models import Item, Recommendation, Section, Template
from cjhp.lib import spreadsheets, uploads
from cjhp.lib.access import require_programme_staff

EXPORT_FORMATS = {"csv": spreadsheets.CSV, "xlsx": spreadsheets.XLSX}
IMPORT_SALT = "checklists.template-import"
IMPORT_MAX_AGE = 60 * 60


def get_template_for_staff(user, pk: int) -> Template:
    require_programme_staff(user)
    return get_object_or_404(Template.objects.select_related("previous"), pk=pk)


def _template_url(template: Template) -> str:
    return reverse("checklists:template_detail", kwargs={"pk": template.pk})


def _refuse_if_frozen(request: HttpRequest, template: Template) -> HttpResponse | None:
    if template.is_frozen:
        messages.error(request, services.TemplateFrozen(template).messages[0])
        return redirect(_template_url(template))
    return None


# Versions and one template.


def template_list(request: HttpRequest) -> HttpResponse:
    require_programme_staff(request.user)
    templates = (
        Template.objects.select_related("previous")
        .prefetch_related("rounds")
        .annotate(item_count=Count("recommendations__sections__items"))
        .order_by("name", "-created_at", "-pk")
    )
    groups = [(name, list(versions)) for name, versions in groupby(templates, key=lambda template: template.name)]
    return render(request, "checklists/template_list.html", {"groups": groups})


def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    items = Item.objects.order_by("order", "pk")
    sections = Section.objects.order_by("order", "pk").prefetch_related(Prefetch("items", queryset=items))
    recommendations = template.recommendations.order_by("number").prefetch_related(
        Prefetch("sections", queryset=sections)
    )
    recommendations = list(recommendations)
    for recommendation in recommendations:
        for section in recommendation.sections.all():
            section.entries = _item_tree(section.items.all())
    rounds = list(template.rounds.all())
    return render(
        request,
        "checklists/template_detail.html",
        {
            "template": template,
            "previous": template.previous,
            "next_versions": list(template.next_versions.all()),
            "recommendations": recommendations,
            "rounds": rounds,
            "frozen": bool(rounds),
            "translations": template_completeness(template),
            "translation_form": TranslationImportForm(template=template),
        },
    )


def _item_tree(items) -> list[tuple[Item, list[Item]]]:
    """Top-level items in order, each with its sub-questions."""
    children: dict[int, list[Item]] = {}
    for item in items:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(item)
    return [(item, children.get(item.pk, [])) for item in items if item.parent_id is None]


def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    if refused := _refuse_if_frozen(request, template):
        return refused
    form = TemplateForm(data=request.POST or None, instance=template)
    return _save_part(request, template, form, title=_("Edit the template"))


def template_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    form = NewVersionForm(data=request.POST or None, template=template)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.template_new_version(
                template=template, version=form.cleaned_data["version"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Version “%(version)s” was created: you can now edit it.") % {"version": new.version}
            )
            return redirect(_template_url(new))
    return render(request, "checklists/template_new_version.html", {"template": template, "form": form})


def template_export(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    if file_format not in EXPORT_FORMATS:
        raise Http404
    spreadsheet = EXPORT_FORMATS[file_format]()
    response = HttpResponse(
        spreadsheet.export_data(export_template(template)), content_type=spreadsheet.get_content_type()
    )
    filename = slugify(f"{template.name}-{template.version}")[:120] or "checklist"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


# Importing a spreadsheet as a new version: upload, preview, confirm.


def template_import(request: HttpRequest) -> HttpResponse:
    require_programme_staff(request.user)
    if request.method == "POST" and "token" in request.POST:
        return _import_confirm(request)
    form = TemplateImportForm(
        data=request.POST or None, files=request.FILES or None, initial={"previous": request.GET.get("previous")}
    )
    if request.method == "POST" and form.is_valid():
        previous = form.cleaned_data["previous"]
        token = uploads.signed_upload(
            request.user,
            form.content,
            salt=IMPORT_SALT,
            format=form.file_format,
            previous=previous.pk if previous else None,
            version=form.cleaned_data["version"].strip(),
            filename=form.cleaned_data["file"].name,
        )
        return _import_preview(request, form.dataset, previous, token, form.cleaned_data["file"].name)
    return render(request, "checklists/template_import.html", {"form": form})


def _import_preview(request, dataset, previous, token, filename, status=200) -> HttpResponse:
    plan = read_plan(dataset)
    context = {
        "plan": plan,
        "previous": previous,
        "filename": filename,
        "token": token if not plan.errors else "",
        "comparison": services.compare_keys(plan.keys, previous) if not plan.errors else None,
    }
    return render(request, "checklists/template_import_preview.html", context, status=status)


def _import_confirm(request: HttpRequest) -> HttpResponse:
    signed = uploads.read_signed_upload(request.POST["token"], request.user, salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
    if signed is None:
        messages.error(request, _("The upload has expired or was altered: please upload the file again."))
        return redirect("checklists:template_import")
    content, payload = signed
    previous = Template.objects.filter(pk=payload["previous"]).first() if payload["previous"] else None
    try:
        dataset = read_dataset(content, payload["format"])
        if payload["version"]:
            dataset = with_version(dataset, payload["version"])
    except SpreadsheetUnreadable as error:
        messages.error(request, str(error))
        return redirect("checklists:template_import")
    plan = read_plan(dataset)
    if not plan.errors:
        try:
            template = services.template_import(plan=plan, previous=previous, by=request.user)
        except ValidationError as error:
            plan.error(1, error.messages[0])
        else:
            messages.success(
                request,
                _("“%(template)s” was imported: %(items)s items.")
                % {"template": template, "items": plan.counts["items"]},
            )
            return redirect(_template_url(template))
    # Something changed since the preview (for example that version now exists): show what is wrong now.
    return _import_preview(request, dataset, previous, "", payload["filename"], status=400)


# Recommendations, sections and items of an editable template.


def _save_part(request, template, form, *, title, obj=None) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.template_part_save(obj=form.instance)
        except services.TemplateFrozen as error:
            messages.error(request, error.messages[0])
            return redirect(_template_url(template))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(object)s” was saved.") % {"object": saved})
            if saved.translations_dropped:
                messages.warning(
                    request,
                    _("Its English text changed, so its translations were removed (%(languages)s): translate it again.")
                    % {"languages": ", ".join(language_name(code) for code in saved.translations_dropped)},
                )
            return redirect(_template_url(template))
    return render(
        request,
        "checklists/template_part_form.html",
        {"template": template, "form": form, "title": title, "object": obj},
    )


def _delete_part(request, template, obj, *, question: str) -> HttpResponse:
    if refused := _refuse_if_frozen(request, template):
        return refused
    if request.method == "POST":
        try:
            services.template_part_delete(obj=obj)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("“%(object)s” was deleted.") % {"object": obj})
        return redirect(_template_url(template))
    context = {"template": template, "object": obj, "question": question, "consequence": _delete_consequence(obj)}
    return render(request, "checklists/template_part_delete.html", context)


def _delete_consequence(obj) -> str:
    match obj:
        case Recommendation():
            return _("Its sections and their items are deleted with it.")
        case Section():
            count = obj.items.count()
            message = ngettext(
                "Its %(count)s item is deleted with it.", "Its %(count)s items are deleted with it.", count
            )
            return message % {"count": count}
    count = obj.subitems.count()
    message = ngettext(
        "Its %(count)s sub-question is deleted with it.", "Its %(count)s sub-questions are deleted with it.", count
    )
    return message % {"count": count} if count else ""


def _move_part(request, template, obj) -> HttpResponse:
    if refused := _refuse_if_frozen(request, template):
        return refused
    up = request.POST.get("direction") == "up"
    try:
        services.template_part_move(obj=obj, up=up)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(f"{_template_url(template)}#{_anchor(obj)}")


def _anchor(obj) -> str:
    match obj:
        case Recommendation():
            return f"recommendation-{obj.pk}"
        case Section():
            return f"section-{obj.pk}"
    return f"item-{obj.pk}"


def _recommendation(template, recommendation_pk) -> Recommendation:
    return get_object_or_404(Recommendation, pk=recommendation_pk, template=template)


def _section(template, section_pk) -> Section:
    return get_object_or_404(
        Section.objects.select_related("recommendation"), pk=section_pk, recommendation__template=template
    )


def _item(template, item_pk) -> Item:
    return get_object_or_404(
        Item.objects.select_related("section__recommendation"), pk=item_pk, section__recommendation__template=template
    )


def template_recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    if refused := _refuse_if_frozen(request, template):
        return refused
    next_number = (template.recommendations.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    form = RecommendationForm(data=request.POST or None, template=template, initial={"number": next_number})
    return _save_part(request, template, form, title=_("Add a recommendation"))


def template_recommendation_edit(request: HttpRequest, pk: int, recommendation_pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    recommendation = _recommendation(template, recommendation_pk)
    if refused := _refuse_if_frozen(request, template):
        return refused
    form = RecommendationForm(data=request.POST or None, instance=recommendation, template=template)
    return _save_part(request, template, form, title=_("Edit a recommendation"), obj=recommendation)


def template_recommendation_delete(request: HttpRequest, pk: int, recommendation_pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    return _delete_part(
        request, template, _recommendation(template, recommendation_pk), question=_("Delete this recommendation?")
    )


@require_POST
def template_recommendation_move(request: HttpRequest, pk: int, recommendation_pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    return _move_part(request, template, _recommendation(template, recommendation_pk))


def template_section_add(request: HttpRequest, pk: int, recommendation_pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    recommendation = _recommendation(template, recommendation_pk)
    if refused := _refuse_if_frozen(request, template):
        return refused
    form = SectionForm(data=request.POST or None, template=template, initial={"recommendation": recommendation})
    return _save_part(request, template, form, title=_("Add a section"))


def template_section_edit(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    section = _section(template, section_pk)
    if refused := _refuse_if_frozen(request, template):
        return refused
    form = SectionForm(data=request.POST or None, instance=section, template=template)
    return _save_part(request, template, form, title=_("Edit a section"), obj=section)


def template_section_delete(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    return _delete_part(request, template, _section(template, section_pk), question=_("Delete this section?"))


@require_POST
def template_section_move(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    return _move_part(request, template, _section(template, section_pk))


def template_item_add(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    section = _section(template, section_pk)
    if refused := _refuse_if_frozen(request, template):
        return refused
    form = ItemForm(data=request.POST or None, section=section)
    title = _("Add an item to section %(section)s") % {"section": section}
    return _save_part(request, template, form, title=title)


def template_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    item = _item(template, item_pk)
    if refused := _refuse_if_frozen(request, template):
        return refused
    form = ItemForm(data=request.POST or None, instance=item, section=item.section)
    title = _("Edit an item of section %(section)s") % {"section": item.section}
    return _save_part(request, template, form, title=title, obj=item)


def template_item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    return _delete_part(request, template, _item(template, item_pk), question=_("Delete this item?"))


@require_POST
def template_item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    return _move_part(request, template, _item(template, item_pk))
