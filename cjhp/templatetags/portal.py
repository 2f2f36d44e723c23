import functools
import math
from datetime import timedelta

from django import template
from django.utils.translation import get_language, ngettext

register = template.Library()


@register.filter
def minutes(delta: timedelta) -> str:
    """A waiting time in whole minutes, rounded up: '15 minutes'."""
    count = max(1, math.ceil(delta.total_seconds() / 60))
    return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}


@functools.lru_cache(maxsize=512)
def _choice_labels(model, field_name: str, language: str | None) -> dict:
    return {value: str(label) for value, label in model._meta.get_field(field_name).flatchoices}


@register.filter
def choice_label(instance, field_name: str) -> str:
    """`instance.get_<field>_display()`, with each field's labels translated once per language: a list of fifty
    rows otherwise builds and translates the field's whole list of choices fifty times."""
    value = getattr(instance, field_name)
    try:
        return _choice_labels(type(instance), field_name, get_language())[value]
    except (KeyError, TypeError):
        return getattr(instance, f"get_{field_name}_display")()
