import functools
import math
from datetime import date, timedelta

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.formats import date_format
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


@functools.lru_cache(maxsize=4096)
def _day(day: date, format: str, language: str | None) -> str:
    return date_format(day, format)


@register.filter(expects_localtime=True)
def day(value, format: str) -> str:
    """Django's `date` filter, each day formatted once per format and language: a column of fifty rows often
    shows the same few days (a round's deadline)."""
    if type(value) is date:
        return _day(value, format, get_language())
    return date_filter(value, format)
