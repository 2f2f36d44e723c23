from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from checklists.languages import content_language, language_name, shown

register = template.Library()


@register.simple_tag
def text_in(obj, field: str, language: str):
    """`{% text_in item "text" language as question %}`: the text in `language`, or the English one, marked."""
    return shown(obj, field, language)


@register.filter
def in_page_language(obj, field: str):
    """`{{ item|in_page_language:"text" }}`: the text in the pages' language; the English one where it has no
    translation, marked as such and with its lang attribute."""
    text = shown(obj, field, content_language())
    if not text.is_fallback:
        return text.text
    # The same marking as templates/checklists/includes/checklist_text.html.
    return format_html(
        '<span lang="{}">{}</span> <span class="untranslated">{}</span>',
        text.language,
        text.text,
        _("Not yet translated into %(language)s") % {"language": language_name(text.wanted)},
    )


@register.filter
def language_label(code: str) -> str:
    return language_name(code)
