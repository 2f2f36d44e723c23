"""Choosing the recommendations a project, activity or event addresses.

People think of "recommendation 3", not of one template version's row: forms offer the numbers of the newest
template, store that version's rows, and filters match on the number, so the links survive new versions.
"""

from django import forms
from django.db.models import Subquery
from django.utils.translation import gettext_lazy as _

from checklists.models import Recommendation, Template


def newest_template() -> Template | None:
    return Template.objects.order_by("-created_at", "-pk").first()


def recommendation_choices() -> list[tuple[int, str]]:
    newest = Template.objects.order_by("-created_at", "-pk").values("pk")[:1]
    recommendations = Recommendation.objects.filter(template_id=Subquery(newest)).order_by("number")
    return [(rec.number, str(rec)) for rec in recommendations]


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
        super().__init__(choices=(), coerce=int, **kwargs)

    def __deepcopy__(self, memo):
        # Each form gets the choices of the newest template, read once.
        field = super().__deepcopy__(memo)
        field.choices = recommendation_choices()
        return field


class RecommendationNumberFilter(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Recommendation"))
        super().__init__(choices=(), coerce=int, empty_value=None, required=False, **kwargs)

    def __deepcopy__(self, memo):
        field = super().__deepcopy__(memo)
        field.choices = [("", _("All")), *recommendation_choices()]
        return field


class RecommendationsFormMixin:
    """For model forms with a `recommendations` many-to-many field shown as numbers."""

    def init_recommendations(self):
        if self.instance.pk:
            self.initial["recommendations"] = sorted({rec.number for rec in self.instance.recommendations.all()})

    def save_recommendations(self, instance):
        instance.recommendations.set(recommendations_numbered(self.cleaned_data.get("recommendations")))
