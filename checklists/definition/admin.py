"""Admin for checklist templates, recommendations, sections and items.

The texts edited here are the English reference (ReferenceTextForm); translations arrive as spreadsheets on the
template's page in the portal.

A template that a round uses is frozen here too: its pages turn read-only, and a new version is made in the
portal ("Create a new version") or by importing a spreadsheet, which always creates a new version.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ConfirmImportForm, ImportForm
from simple_history.admin import SimpleHistoryAdmin

from checklists.definition.resources import TemplateSpreadsheetResource
from checklists.definition.services import key_taken, key_taken_message
from checklists.languages import ReferenceTextForm
from checklists.models import Item, Recommendation, Section, Template, TemplateTranslation
from cjhp.lib.admin_imports import BoundedImportMixin


def _frozen(template: Template | None) -> bool:
    return template is not None and template.pk is not None and template.is_frozen


class FrozenTemplateMixin:
    """Read-only once a round uses the template; `template_of(obj)` finds the template of the admin's object."""

    def template_of(self, obj) -> Template | None:
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and _frozen(self.template_of(obj)))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and _frozen(self.template_of(obj)))

    def has_add_permission(self, request, obj=None):
        # Inlines pass the parent object; model admins pass nothing.
        if obj is not None and _frozen(self.template_of(obj)):
            return False
        if isinstance(self, admin.options.InlineModelAdmin):
            return super().has_add_permission(request, obj)
        return super().has_add_permission(request)


class FrozenStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "frozen"

    def lookups(self, request, model_admin):
        return [("yes", _("Frozen (used by a round)")), ("no", _("Editable"))]

    def queryset(self, request, queryset):
        match self.value():
            case "yes":
                return queryset.filter(rounds__isnull=False).distinct()
            case "no":
                return queryset.filter(rounds__isnull=True)
        return queryset


class ItemAdminForm(ReferenceTextForm, forms.ModelForm):
    class Meta:
        model = Item
        fields = ["section", "parent", "key", "text", "help_text", "is_heading", "order"]

    def clean(self):
        data = super().clean()
        section, key = data.get("section") or getattr(self.instance, "section", None), data.get("key")
        if section and key:
            taken = key_taken(template=section.recommendation.template, key=key, exclude_pk=self.instance.pk)
            if taken:
                self.add_error("key", key_taken_message(taken))
        return data


class TemplateImportAdminForm(ImportForm):
    previous = forms.ModelChoiceField(
        label=_("Previous version"),
        queryset=Template.objects.all(),
        required=False,
        help_text=_("Empty: the latest version with the template name the spreadsheet gives, if there is one."),
    )


class TemplateConfirmImportAdminForm(ConfirmImportForm):
    previous = forms.ModelChoiceField(queryset=Template.objects.all(), required=False, widget=forms.HiddenInput)


class RecommendationAdminForm(ReferenceTextForm, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["template", "number", "title", "text"]


class SectionAdminForm(ReferenceTextForm, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["recommendation", "number", "title", "order", "drafted_from_recommendation", "has_comments"]


class RecommendationInline(FrozenTemplateMixin, admin.StackedInline):
    model = Recommendation
    form = RecommendationAdminForm
    fields = ["number", "title", "text"]
    extra = 0
    show_change_link = True

    def template_of(self, obj):
        return obj


class SectionInline(FrozenTemplateMixin, admin.TabularInline):
    model = Section
    form = SectionAdminForm
    extra = 0
    show_change_link = True
    fields = ["number", "title", "order", "drafted_from_recommendation", "has_comments"]

    def template_of(self, obj):
        return obj.template


class ItemInline(FrozenTemplateMixin, admin.TabularInline):
    model = Item
    form = ItemAdminForm
    extra = 0
    fields = ["order", "key", "text", "help_text", "is_heading", "parent"]
    fk_name = "section"

    def template_of(self, obj):
        return obj.recommendation.template

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            # Only the headings of the section being edited.
            section_pk = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Item.objects.filter(is_heading=True, parent=None, section_id=section_pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Template)
class TemplateAdmin(FrozenTemplateMixin, BoundedImportMixin, ImportExportModelAdmin):
    resource_classes = [TemplateSpreadsheetResource]
    # The import logs the one template it creates (template_services), not a line per spreadsheet row.
    skip_admin_log = True
    list_display = ["name", "version", "previous", "round_count", "created_at"]
    list_filter = [FrozenStatusFilter, "name"]
    search_fields = ["name", "version", "note", "source"]
    list_select_related = ["previous"]
    autocomplete_fields = ["previous"]
    inlines = [RecommendationInline]

    def template_of(self, obj):
        return obj

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(round_count=Count("rounds"))

    @admin.display(description=_("rounds"), ordering="round_count")
    def round_count(self, template):
        return template.round_count

    import_form_class = TemplateImportAdminForm
    confirm_form_class = TemplateConfirmImportAdminForm

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None and import_form.cleaned_data.get("previous"):
            initial["previous"] = import_form.cleaned_data["previous"].pk
        return initial

    def get_import_resource_kwargs(self, request, form=None, **kwargs):
        previous = form.cleaned_data.get("previous") if form is not None and hasattr(form, "cleaned_data") else None
        return {"user": request.user, "previous": previous}

    def view_on_site(self, template):
        # The portal's page shows the template as staff read it, and offers "Create a new version".
        return reverse("checklists:template_detail", kwargs={"pk": template.pk})

    def get_export_resource_kwargs(self, request, **kwargs):
        return {}


@admin.register(Recommendation)
class RecommendationAdmin(FrozenTemplateMixin, admin.ModelAdmin):
    form = RecommendationAdminForm
    list_display = ["number", "title", "template"]
    list_filter = ["template"]
    search_fields = ["title", "text", "template__name", "template__version"]
    list_select_related = ["template"]
    inlines = [SectionInline]

    def template_of(self, obj):
        return obj.template


@admin.register(Section)
class SectionAdmin(FrozenTemplateMixin, admin.ModelAdmin):
    form = SectionAdminForm
    list_display = ["number", "title", "recommendation", "order", "drafted_from_recommendation", "has_comments"]
    list_filter = ["recommendation__template", "drafted_from_recommendation", "has_comments"]
    search_fields = ["number", "title", "recommendation__title"]
    list_select_related = ["recommendation__template"]
    inlines = [ItemInline]

    def template_of(self, obj):
        return obj.recommendation.template


@admin.register(Item)
class ItemAdmin(FrozenTemplateMixin, admin.ModelAdmin):
    form = ItemAdminForm
    list_display = ["key", "short_text", "section", "is_heading", "order"]
    list_filter = ["section__recommendation__template", "is_heading", "section__drafted_from_recommendation"]
    search_fields = ["key", "text", "help_text"]
    list_select_related = ["section__recommendation"]
    raw_id_fields = ["section", "parent"]

    def template_of(self, obj):
        return obj.section.recommendation.template

    @admin.display(description=_("text"))
    def short_text(self, item):
        return item.text[:80]


@admin.register(TemplateTranslation)
class TemplateTranslationAdmin(SimpleHistoryAdmin):
    """Where each language of a template version comes from; the texts arrive as spreadsheets in the portal,
    and the history says who changed the record when."""

    list_display = ["template", "language", "provenance", "updated_by", "updated_at"]
    list_filter = ["language", "provenance", "template"]
    list_select_related = ["template", "updated_by"]
    fields = ["template", "language", "provenance", "note", "updated_by", "updated_at"]
    readonly_fields = ["template", "language", "updated_by", "updated_at"]

    def has_add_permission(self, request):
        return False
