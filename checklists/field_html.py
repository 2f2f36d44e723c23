"""The assessment page's question inputs, written out directly.

A checklist holds a few hundred inputs (three radio buttons, a note, a link and a file per question). Rendering
each field through includes/form_field.html, and each radio button through Django's widget templates, cost most
of the page's time. The form renderer (cjhp/form_renderer.py) already writes inputs, selects, text areas and
labels without templates; these functions also write the field wrapper and the radio buttons, and, for the page
as loaded, a question's inputs straight from its answer without building the form's fields.
tests/checklists/test_field_html.py checks the output against Django's for every kind of field the section form
holds, unbound, bound and with errors.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cjhp.form_renderer import input_html

# Django's own message (BoundField.label_tag): a label ending in one of these gets no suffix. Not a literal in
# gettext() so that makemessages leaves it to Django's catalogue.
LABEL_PUNCTUATION = ":?.!"


def field_html(field) -> SafeString:
    """includes/form_field.html for one field (not a group of checkboxes)."""
    input_type = getattr(field.field.widget, "input_type", None)
    if input_type == "checkbox" and getattr(field.field.widget, "allow_multiple_selected", False):
        raise ValueError("field_html does not write groups of checkboxes: use includes/form_field.html")
    errors = field.errors
    checkbox = input_type == "checkbox"
    classes = "field" + (" field--error" if errors else "") + (" field--checkbox" if checkbox else "")
    widget, label = field.as_widget(), field.label_tag()
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
            f'<label class="choice">{input_html(radio.data)} {conditional_escape(radio.choice_label)}</label>'
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
