"""Choosing the recommendations a project, activity or event addresses.

People think of "recommendation 3", not of one template version's row: forms offer the numbers of the newest
template, store that version's rows, and filters match on the number, so the links survive new versions.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from checklists.models import Recommendation, Template


def newest_template() -> Template | None:
    return Template.objects.order_by("-created_at", "-pk").first()


def recommendation_choices() -> list[tuple[int, str]]:
    template = newest_template()
    if template is None:
        return []
    return [(rec.number, str(rec)) for rec in template.recommendations.order_by("number")]


def recommendations_numbered(numbers) -> list[Recommendation]:
    template = newest_template()
    if template is None or not numbers:
        return []
    return list(template.recommendations.filter(number__in=numbers))


class RecommendationNumbersField(forms.TypedMultipleChoiceField):
    """Tick boxes for the recommendations' numbers (1–6), labelled with the newest template's titles."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Recommendations addressed"))
        kwargs.setdefault("required", False)
        super().__init__(choices=recommendation_choices, coerce=int, **kwargs)


class RecommendationNumberFilter(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Recommendation"))
        super().__init__(
            choices=lambda: [("", _("All")), *recommendation_choices()],
            coerce=int,
            empty_value=None,
            required=False,
            **kwargs,
        )


class RecommendationsFormMixin:
    """For model forms with a `recommendations` many-to-many field shown as numbers."""

    def init_recommendations(self):
        if self.instance.pk:
            self.initial["recommendations"] = sorted({rec.number for rec in self.instance.recommendations.all()})

    def save_recommendations(self, instance):
        instance.recommendations.set(recommendations_numbered(self.cleaned_data.get("recommendations")))
