"""A checklist template as a spreadsheet (django-import-export): one row per item.

The columns, and how an uploaded file is read and checked, are in checklists/definition/spreadsheets.py.
Exporting gives one row per item; importing (in the admin) never changes an existing template: it creates a
new version, all or nothing, through `checklists.definition.services.template_import`.
"""

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.html import escape
from import_export import fields, resources
from import_export.results import Error, Result, RowResult

from checklists.definition.services import template_import
from checklists.definition.spreadsheets import COLUMNS, read_plan
from checklists.models import Item, Template


class TemplateSpreadsheetResource(resources.ModelResource):
    """Exports items with their English texts (the reference); imports a whole new template version (see
    `import_data`). Translations travel in their own spreadsheets (checklists/definition/translations.py)."""

    template = fields.Field(column_name="template")
    version = fields.Field(column_name="version")
    template_source = fields.Field(column_name="template_source")
    template_note = fields.Field(column_name="template_note")
    recommendation = fields.Field(column_name="recommendation")
    recommendation_title = fields.Field(column_name="recommendation_title")
    recommendation_text = fields.Field(column_name="recommendation_text")
    section = fields.Field(column_name="section")
    section_title = fields.Field(column_name="section_title")
    section_drafted = fields.Field(column_name="section_drafted")
    section_comments = fields.Field(column_name="section_comments")
    section_order = fields.Field(column_name="section_order")
    key = fields.Field(attribute="key", column_name="key")
    parent_key = fields.Field(column_name="parent_key")
    is_heading = fields.Field(column_name="is_heading")
    text = fields.Field(attribute="text_en", column_name="text")
    help_text = fields.Field(attribute="help_text_en", column_name="help_text")
    order = fields.Field(attribute="order", column_name="order")

    class Meta:
        model = Item
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = ["key"]

    def __init__(self, previous: Template | None = None, user=None):
        super().__init__()
        self.previous = previous
        self.user = user

    # Export.

    def export(self, queryset=None, **kwargs):
        # The admin exports the templates ticked in its list: their items are the rows.
        if queryset is not None and queryset.model is Template:
            queryset = Item.objects.filter(section__recommendation__template__in=queryset)
        if queryset is None:
            queryset = Item.objects.all()
        queryset = queryset.select_related("section__recommendation__template", "parent").order_by(
            "section__recommendation__template__name",
            "section__recommendation__template__version",
            "section__recommendation__number",
            "section__order",
            "section__pk",
            "order",
            "pk",
        )
        return super().export(queryset=list(queryset), **kwargs)

    def dehydrate_template(self, item):
        return item.section.recommendation.template.name

    def dehydrate_version(self, item):
        return item.section.recommendation.template.version

    def dehydrate_template_source(self, item):
        return item.section.recommendation.template.source

    def dehydrate_template_note(self, item):
        return item.section.recommendation.template.note

    def dehydrate_recommendation(self, item):
        return item.section.recommendation.number

    def dehydrate_recommendation_title(self, item):
        return item.section.recommendation.title_en

    def dehydrate_recommendation_text(self, item):
        return item.section.recommendation.text_en

    def dehydrate_section(self, item):
        return item.section.number

    def dehydrate_section_title(self, item):
        return item.section.title_en

    def dehydrate_section_drafted(self, item):
        return _yes_no(item.section.drafted_from_recommendation)

    def dehydrate_section_comments(self, item):
        return _yes_no(item.section.has_comments)

    def dehydrate_section_order(self, item):
        return item.section.order

    def dehydrate_parent_key(self, item):
        return item.parent.key if item.parent_id else ""

    def dehydrate_is_heading(self, item):
        return _yes_no(item.is_heading)

    # Import: the admin's preview and confirm call this; so does nothing else (the portal uses `read_plan`).

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        result = Result()
        result.diff_headers = list(dataset.headers or [])
        result.total_rows = len(dataset)
        plan = read_plan(dataset)
        previous = self.previous or _latest_version(plan.name)
        if not plan.errors:
            try:
                with transaction.atomic():
                    template_import(plan=plan, previous=previous, by=self.user)
                    if dry_run:
                        transaction.set_rollback(True)
            except ValidationError as error:
                plan.errors.setdefault(1, []).extend(error.messages)
        for index, values in enumerate(dataset, start=0):
            number = index + 2
            row = dict(zip(dataset.headers or [], values, strict=False))
            row_result = RowResult()
            row_result.diff = [escape("" if value is None else value) for value in values]
            row_errors = plan.errors.get(number) or (plan.errors.get(1) if index == 0 else None)
            if row_errors:
                error = ValidationError({NON_FIELD_ERRORS: row_errors})
                row_result.import_type = RowResult.IMPORT_TYPE_INVALID
                row_result.validation_error = error
                result.append_invalid_row(number, row, error)
            else:
                row_result.import_type = RowResult.IMPORT_TYPE_NEW
                row_result.object_repr = str(row.get("key") or row.get("section") or "")
            result.increment_row_result_total(row_result)
            result.append_row_result(row_result)
        if not len(dataset) and plan.errors:
            result.append_base_error(Error(ValidationError(plan.errors[1])))
        return result


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _latest_version(name: str) -> Template | None:
    return Template.objects.filter(name=name).order_by("-created_at", "-pk").first() if name else None


def export_template(template: Template) -> tablib.Dataset:
    return TemplateSpreadsheetResource().export(Item.objects.filter(section__recommendation__template=template))
