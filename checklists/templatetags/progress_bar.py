"""`{% progress_bar progress %}`: the two bars of a Progress (answered, Yes) with their texts, written in Python.
The assessment page shows one for the whole checklist and one per recommendation, and the focal point's home one
per open assessment: as an include it cost more than a tenth of the assessment page's rendering."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def progress_bar(progress) -> SafeString:
    answered, yes = progress.answered_percent, progress.yes_percent
    answered_text = gettext("%(answered)s of %(total)s questions answered (%(percent)s%%)") % {
        "answered": progress.answered,
        "total": progress.total,
        "percent": answered,
    }
    yes_text = gettext("Yes: %(yes)s (%(percent)s%% of the questions)") % {"yes": progress.yes, "percent": yes}
    return mark_safe(
        '<div class="progress">\n'
        f'  <p class="progress__line"><progress max="100" value="{answered}"'
        f' aria-label="{conditional_escape(gettext("Answered"))}">{answered}%</progress>\n'
        f"    <span data-progress-answered>{answered_text}</span></p>\n"
        f'  <p class="progress__line"><progress class="progress--yes" max="100" value="{yes}"'
        f' aria-label="{conditional_escape(gettext("Yes"))}">{yes}%</progress>\n'
        f"    <span data-progress-yes>{yes_text}</span></p>\n"
        "</div>\n"
    )
