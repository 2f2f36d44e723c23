"""The portal's form renderer (Django's own templates, with `{{ field.as_field_group }}` drawn by the portal's
field template) and the date input its forms share."""

from django import forms
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    # The project's template settings, so that templates/includes/form_field.html is found; Django's widget
    # templates come from the django.forms app (INSTALLED_APPS).
    field_template_name = "includes/form_field.html"


class DateInput(forms.DateInput):
    """The browser's date picker, which reads and writes ISO dates."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
