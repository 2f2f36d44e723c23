"""The portal's form renderer: Django's own templates, with `{{ field.as_field_group }}` drawn by the portal's
field template."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    # The project's template settings, so that templates/includes/form_field.html is found; Django's widget
    # templates come from the django.forms app (INSTALLED_APPS).
    field_template_name = "includes/form_field.html"
