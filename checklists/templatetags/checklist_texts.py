from django import template

from checklists.languages import language_name, shown

register = template.Library()


@register.simple_tag
def text_in(obj, field: str, language: str):
    """`{% text_in item "text" language as question %}`: the text in `language`, or the English one, marked."""
    return shown(obj, field, language)


@register.filter
def language_label(code: str) -> str:
    return language_name(code)
