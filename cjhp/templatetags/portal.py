import math
from datetime import timedelta

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def minutes(delta: timedelta) -> str:
    """A waiting time in whole minutes, rounded up: '15 minutes'."""
    count = max(1, math.ceil(delta.total_seconds() / 60))
    return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}
