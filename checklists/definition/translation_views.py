"""A template version's translations, for programme staff: export a language, import it back after a preview.

The upload travels from the preview to the confirmation in a signed token, as the template import does; the
confirmation reads it again against the version as it is then, so a preview made before the English changed
cannot apply.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checklists.definition import translations
from checklists.definition.spreadsheets import SpreadsheetUnreadable, read_dataset
from checklists.definition.translation_forms import TranslationConfirmForm, TranslationImportForm
from checklists.definition.views import get_template_for_staff
from checklists.models import TemplateTranslation
from cjhp.lib import spreadsheets, uploads

IMPORT_SALT = "checklists.translation-import"
IMPORT_MAX_AGE = 60 * 60


def template_translation_export(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    if language not in translations.LANGUAGES:
        raise Http404
    response = HttpResponse(
        translations.translation_export(template, language), content_type=spreadsheets.XLSX().get_content_type()
    )
    filename = slugify(f"{template.name}-{template.version}")[:100] or "checklist"
    response["Content-Disposition"] = f'attachment; filename="{filename}-{language}.xlsx"'
    return response


def template_translation_import(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    form = TranslationImportForm(
        data=request.POST or None,
        files=request.FILES or None,
        template=template,
        initial={"language": request.GET.get("language")},
    )
    if request.method == "POST" and form.is_valid():
        token = uploads.signed_upload(
            request.user,
            form.content,
            salt=IMPORT_SALT,
            template=template.pk,
            language=form.cleaned_data["language"],
            format=form.file_format,
            filename=form.cleaned_data["file"].name,
        )
        return _preview(request, form.plan, token, form.cleaned_data["file"].name)
    return render(request, "checklists/translation_import.html", {"template": template, "form": form})


def _preview(request, plan, token, filename, confirm_form=None, status=200) -> HttpResponse:
    if confirm_form is None:
        current = TemplateTranslation.objects.filter(template=plan.template, language=plan.language).first()
        initial = {"provenance": current.provenance, "note": current.note} if current else {}
        confirm_form = TranslationConfirmForm(initial=initial or {"provenance": TemplateTranslation.Provenance.DRAFT})
    context = {
        "template": plan.template,
        "plan": plan,
        "filename": filename,
        "token": token if not plan.errors else "",
        "form": confirm_form,
    }
    return render(request, "checklists/translation_preview.html", context, status=status)


@require_POST
def template_translation_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_template_for_staff(request.user, pk)
    import_url = reverse("checklists:template_translation_import", kwargs={"pk": template.pk})
    signed = uploads.read_signed_upload(
        request.POST.get("token", ""), request.user, salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE, template=template.pk
    )
    if signed is None:
        messages.error(request, _("The upload has expired or was altered: please upload the file again."))
        return redirect(import_url)
    content, payload = signed
    try:
        dataset = read_dataset(content, payload["format"])
        plan = translations.read_translation_plan(template, payload["language"], dataset)
    except (SpreadsheetUnreadable, translations.TranslationFileRefused) as error:
        messages.error(request, str(error))
        return redirect(import_url)
    form = TranslationConfirmForm(data=request.POST)
    if plan.errors:
        # Something changed since the preview (the English of a row): show what is refused now.
        return _preview(request, plan, "", payload["filename"], status=400)
    if not form.is_valid():
        return _preview(request, plan, request.POST["token"], payload["filename"], form, status=400)
    try:
        translations.translation_apply(plan=plan, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(import_url)
    counts = plan.counts
    messages.success(
        request,
        _("The %(language)s translation was saved: %(new)s new and %(changed)s changed texts.")
        % {"language": plan.language_name, "new": counts["new"], "changed": counts["changed"]},
    )
    return redirect(reverse("checklists:template_detail", kwargs={"pk": template.pk}) + "#translations")
