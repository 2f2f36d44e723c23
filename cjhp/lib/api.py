"""What every app's API endpoints (their api.py) build on, knowing no domain: the read-only viewset and the filters
read through the pages' filter forms. The rest of the API (router, tokens, throttling, schema) is in cjhp/api/.

Lists are filtered as their pages filter them: the page's filter form reads the query string and its filter_qs()
narrows the queryset, so a list and its endpoint answer the same question the same way. A view names its form in
filter_form_class (built with filter_form_kwargs()); `filter_lookups` makes a choice of an object read a stable key
(a country's ISO code, a round's short name) rather than a database id. A value the form refuses is a 400 with the
form's messages: a spreadsheet that asks for a misspelt country gets an error, not every country.
"""

from django import forms
from django.utils.translation import gettext as _
from rest_framework import exceptions, viewsets
from rest_framework.filters import BaseFilterBackend

BOOLEANS = {"", "true", "false"}


class FormFilterBackend(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        if view.filter_form_class is None or not request.query_params:  # no filter asked for
            return queryset
        form = view.filter_form_class(data=request.query_params, **view.filter_form_kwargs())
        for name, key in getattr(view, "filter_lookups", {}).items():
            form.fields[name].to_field_name = key
        errors = {name: list(messages) for name, messages in form.errors.items()}
        # A form's tick box takes any text for "ticked"; a query string says true or false.
        for name, field in form.fields.items():
            if isinstance(field, forms.BooleanField) and request.query_params.get(name, "").lower() not in BOOLEANS:
                errors[name] = [_("Give true or false.")]
        if errors:
            raise exceptions.ValidationError(errors)
        return view.filter_with(form, queryset)

    def get_schema_operation_parameters(self, view):
        # The form's declared fields, not a form's: building one may read the database (the recommendations).
        if view.filter_form_class is None:
            return []
        lookups = getattr(view, "filter_lookups", {})
        return [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": str(field.label) + (f" ({lookups[name]})" if name in lookups else ""),
                "schema": _schema_of(field),
            }
            for name, field in view.filter_form_class.base_fields.items()
        ]


def _schema_of(field: forms.Field) -> dict:
    if isinstance(field, forms.BooleanField):
        return {"type": "string", "enum": ["true", "false"]}
    if isinstance(field, forms.IntegerField):
        bounds = {"minimum": field.min_value, "maximum": field.max_value}
        return {"type": "integer", **{key: value for key, value in bounds.items() if value is not None}}
    if isinstance(field, forms.TypedChoiceField) and field.coerce is int:
        return {"type": "integer"}  # a recommendation's number: the choices come from the newest template
    if isinstance(field, forms.ModelChoiceField):
        return {"type": "string"}
    if isinstance(field, forms.ChoiceField):
        # "" is the form's "All".
        return {"type": "string", "enum": [str(value) for value, _label in field.choices]}
    return {"type": "string"}


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """The base of every endpoint: a list and a detail, read only, paginated, scoped in get_queryset by the model's
    visible_to(user) (a focal point asking for another country's object gets 404) and filtered by the page's form.
    """

    filter_backends = [FormFilterBackend]
    # The list page's filter form (a form with filter_qs), built with filter_form_kwargs().
    filter_form_class = None

    def filter_form_kwargs(self) -> dict:
        return {}

    def filter_with(self, form, queryset):
        return form.filter_qs(queryset)
