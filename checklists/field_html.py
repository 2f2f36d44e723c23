"""The assessment page's question inputs, written out directly instead of through the form renderer.

A checklist holds a few hundred inputs (three radio buttons, a note, a link and a file per question). Rendering
each one through Django's widget templates, and each field through includes/form_field.html, cost most of the
page's time. These functions write the very same HTML: the values, attributes (id, aria-invalid,
aria-describedby, checked, ...) and labels come from the bound fields and widgets as Django computes them, only
the template rendering is replaced. tests/checklists/test_field_html.py checks the output against Django's for
every kind of field the section form holds, unbound, bound and with errors. Any other widget falls back to
Django's own rendering.
"""

from django.forms import widgets
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

# The widget templates written out here: each includes django/forms/widgets/input.html, or is the textarea.
INPUT_TEMPLATES = {
    "django/forms/widgets/text.html",
    "django/forms/widgets/url.html",
    "django/forms/widgets/email.html",
    "django/forms/widgets/number.html",
    "django/forms/widgets/hidden.html",
    "django/forms/widgets/checkbox.html",
    "django/forms/widgets/file.html",
    "django/forms/widgets/input.html",
}
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
# Django's own message (BoundField.label_tag): a label ending in one of these gets no suffix. Not a literal in
# gettext() so that makemessages leaves it to Django's catalogue.
LABEL_PUNCTUATION = ":?.!"
SELECT_TEMPLATE = "django/forms/widgets/select.html"
SELECT_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
CLEARABLE_FILE_TEMPLATE = "django/forms/widgets/clearable_file_input.html"


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html, from a widget's context."""
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def _select(widget: dict) -> str:
    """django/forms/widgets/select.html with its select_option.html, from a widget's context (as the renderer
    strips it)."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            value, label = conditional_escape(option["value"]), conditional_escape(option["label"])
            parts.append(f'\n  <option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts).strip()


def widget_html(field) -> SafeString:
    """What `{{ field }}` renders (BoundField.as_widget), for a bound field of the section form."""
    widget = field.field.widget
    template = widget.template_name
    written = INPUT_TEMPLATES | {TEXTAREA_TEMPLATE, CLEARABLE_FILE_TEMPLATE, SELECT_TEMPLATE}
    if (
        field.field.localize
        or template not in written
        or (isinstance(widget, widgets.ChoiceWidget) and template != SELECT_TEMPLATE)
        or (template == SELECT_TEMPLATE and widget.option_template_name != SELECT_OPTION_TEMPLATE)
    ):
        return field.as_widget()
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if template == TEXTAREA_TEMPLATE:
        value = conditional_escape(context["value"]) if context["value"] else ""
        return mark_safe(
            f'<textarea name="{conditional_escape(context["name"])}"{_attrs(context["attrs"])}>\n{value}</textarea>'
        )
    if template == SELECT_TEMPLATE:
        return mark_safe(_select(context))
    if template == CLEARABLE_FILE_TEMPLATE:
        if context["is_initial"]:
            return field.as_widget()
        return mark_safe(_input({**context, "value": None}))
    return mark_safe(_input(context))


def label_html(field) -> SafeString:
    """What `{{ field.label_tag }}` renders (BoundField.label_tag without arguments)."""
    contents = conditional_escape(field.label)
    label_suffix = field.field.label_suffix if field.field.label_suffix is not None else field.form.label_suffix
    if label_suffix and contents and contents[-1] not in gettext(LABEL_PUNCTUATION):
        contents = f"{contents}{conditional_escape(label_suffix)}"
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    if not id_:
        return mark_safe(contents)
    attrs = {}
    if id_for_label := widget.id_for_label(id_):
        attrs["for"] = id_for_label
    if field.field.required and hasattr(field.form, "required_css_class"):
        attrs["class"] = field.form.required_css_class
    return mark_safe(f"<label{_attrs(attrs)}>{contents}</label>")


def field_html(field) -> SafeString:
    """includes/form_field.html for one field (not a group of checkboxes)."""
    input_type = getattr(field.field.widget, "input_type", None)
    if input_type == "checkbox" and getattr(field.field.widget, "allow_multiple_selected", False):
        raise ValueError("field_html does not write groups of checkboxes: use includes/form_field.html")
    errors = field.errors
    checkbox = input_type == "checkbox"
    classes = "field" + (" field--error" if errors else "") + (" field--checkbox" if checkbox else "")
    widget, label = widget_html(field), label_html(field)
    parts = [f'<div class="{classes}">\n  ', f"{widget} {label}" if checkbox else f"{label} {widget}", "\n"]
    if field.help_text:
        parts.append(f'  <p class="help" id="{field.auto_id}_helptext">{conditional_escape(field.help_text)}</p>\n')
    for error in errors:
        parts.append(f'  <p class="error" id="{field.auto_id}_error">{conditional_escape(error)}</p>\n')
    parts.append("</div>\n")
    return mark_safe("".join(parts))


def choices_html(field) -> SafeString:
    """The question's radio buttons, each in its label: `{% for radio in field %}<label class="choice">{{ radio.tag }}
    {{ radio.choice_label }}</label>{% endfor %}`."""
    return mark_safe(
        "".join(
            f'<label class="choice">{_input(radio.data)} {conditional_escape(radio.choice_label)}</label>'
            for radio in field.subwidgets
        )
    )


def _label_text(form, label) -> str:
    """The escaped label with the form's suffix, as label_html writes it."""
    contents = conditional_escape(label)
    if form.label_suffix and contents and contents[-1] not in gettext(LABEL_PUNCTUATION):
        contents = f"{contents}{conditional_escape(form.label_suffix)}"
    return contents


def unbound_question_html(form, item, answer, choices, labels: dict) -> dict:
    """What choices_html and field_html write for one question of an unbound section form (the page as loaded,
    not re-shown after a refused save), from the answer itself: no bound field or widget is built.

    `choices`: the value field's [(value, escaped value, escaped label)] (see question_choices); `labels`: the
    escaped labels with their suffix by field name (see question_labels). tests/checklists/test_field_html.py
    checks that it writes what the bound-field path writes.
    """
    base = f"{form.prefix}-q{item.pk}"
    value = answer.value if answer else ""
    radios = []
    for index, (option, escaped_option, escaped_label) in enumerate(choices):
        checked = " checked" if option == str(value) else ""
        radios.append(
            f'<label class="choice"><input type="radio" name="{base}-value" value="{escaped_option}"'
            f' id="id_{base}-value_{index}"{checked}> {escaped_label}</label>'
        )
    note = conditional_escape(answer.note) if answer and answer.note else ""
    link = f' value="{conditional_escape(answer.evidence_link)}"' if answer and answer.evidence_link else ""
    html = {
        "choices": mark_safe("".join(radios)),
        "note": mark_safe(
            f'<div class="field">\n  <label for="id_{base}-note">{labels["note"]}</label> <textarea name="{base}-note"'
            f' cols="40" rows="2" id="id_{base}-note">\n{note}</textarea>\n</div>\n'
        ),
        "link": mark_safe(
            f'<div class="field">\n  <label for="id_{base}-link">{labels["link"]}</label> <input type="url"'
            f' name="{base}-link"{link} maxlength="500" id="id_{base}-link">\n</div>\n'
        ),
        "file": mark_safe(
            f'<div class="field">\n  <label for="id_{base}-file">{labels["file"]}</label> <input type="file"'
            f' name="{base}-file" id="id_{base}-file">\n</div>\n'
        ),
    }
    if answer and answer.evidence_file:
        html["remove_file"] = mark_safe(
            f'<div class="field field--checkbox">\n  <input type="checkbox" name="{base}-remove_file"'
            f' id="id_{base}-remove_file"> <label for="id_{base}-remove_file">{labels["remove_file"]}</label>\n</div>\n'
        )
    return html


def question_labels(form) -> dict:
    """The labels of a section form's question fields (the same for every question), escaped, with the suffix."""
    from checklists.forms import QUESTION_LABELS

    return {name: _label_text(form, label) for name, label in QUESTION_LABELS.items()}


def question_choices(choices) -> list[tuple[str, str, str]]:
    """A value field's choices as unbound_question_html takes them: (value, escaped value, escaped label)."""
    return [(str(value), conditional_escape(value), conditional_escape(label)) for value, label in choices]
