"""The form renderer: Django's own templates, with the commonest widgets and labels written out in Python.

Django draws every widget, every option of a select and every label through a template (a select of 46
countries is 48 template renders). The inputs, selects, text areas and labels below give the very same HTML as
Django's templates (django/forms/templates/django/forms/...), character for character, without them; any other
template (tick boxes, radio buttons, file inputs, a whole form) is drawn by Django's templates as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
SELECT_OPTION = WIDGETS + "select_option.html"
# The widgets whose template is input.html alone.
INPUT_TEMPLATES = {
    WIDGETS + name + ".html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "search",
        "url",
        "tel",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "color",
        "checkbox",
    )
}


def _value(value) -> str:
    """`{{ value }}` in a template: localised, then escaped unless marked safe."""
    return conditional_escape(localize(value))


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`: made a string first (a safe string stays safe)."""
    if isinstance(value, SafeData):
        return value
    return conditional_escape(f"{value}")


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html (and django/forms/attrs.html)."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_value(name)}")
        else:
            parts.append(f' {_value(name)}="{_formatted(value)}"')
    return "".join(parts)


def input_html(widget: dict) -> str:
    """django/forms/widgets/input.html, from a widget's context."""
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return f'<input type="{_value(widget["type"])}" name="{_value(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in group_choices:
            # select_option.html ends with a new line, which its include keeps.
            if option["template_name"] != SELECT_OPTION:
                return None
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_value(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    value = _value(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _label(context: dict) -> str:
    if not context["use_tag"]:
        return _value(context["label"])
    tag = _value(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_value(context['label'])}</{tag}>"


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        html = self._fast(template_name, context)
        if html is None:
            return super().render(template_name, context, request=request)
        # As BaseRenderer.render: the template's output, stripped.
        return mark_safe(html.strip())

    @staticmethod
    def _fast(template_name: str, context: dict) -> str | None:
        if template_name == "django/forms/label.html":
            return _label(context)
        widget = context.get("widget")
        if widget is None or widget.get("template_name") != template_name:
            return None
        if template_name in INPUT_TEMPLATES:
            return input_html(widget)
        if template_name == WIDGETS + "select.html":
            return _select(widget)
        if template_name == WIDGETS + "textarea.html":
            return _textarea(widget)
        return None
