from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countries.forms import CountryChoiceField, CountryMultipleChoiceField
from countries.models import Country
from projects.models import AREA_CHOICES, Activity, Partner, Project, Result
from projects.periods import PeriodField
from projects.recommendations import RecommendationNumberFilter, RecommendationNumbersField, RecommendationsFormMixin
from projects.slugs import unique_slug

# Paths under /projects/ that a project's short name must not take.
RESERVED_SLUGS = {"new", "partners"}


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Title"), required=False)
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *Project.Kind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Project.Status.choices])
    area = forms.ChoiceField(label=_("Area of work"), required=False, choices=[("", _("All")), *AREA_CHOICES])
    recommendation = RecommendationNumberFilter()
    year_from = forms.IntegerField(label=_("Running from"), required=False, min_value=1971, max_value=2100)
    year_to = forms.IntegerField(label=_("to"), required=False, min_value=1971, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.visible_to(user)
        self.fields["country"].empty_label = _("All")
        self.fields["year_from"].widget.attrs["placeholder"] = "2015"
        self.fields["year_to"].widget.attrs["placeholder"] = "2017"

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_to"] < data["year_from"]:
            self.add_error("year_to", _("The last year cannot come before the first."))
        return data

    def filter_qs(self, qs):
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        if data["q"]:
            qs = qs.filter(title__icontains=data["q"])
        if data["country"]:
            qs = qs.filter(pk__in=Project.countries.through.objects.filter(country=data["country"]).values("project"))
        if data["kind"]:
            qs = qs.filter(kind=data["kind"])
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["area"]:
            qs = qs.filter(pk__in=Activity.objects.filter(area=data["area"]).values("project"))
        if data["recommendation"]:
            qs = qs.filter(
                Q(
                    pk__in=Project.recommendations.through.objects.filter(
                        recommendation__number=data["recommendation"]
                    ).values("project")
                )
                | Q(pk__in=Activity.objects.filter(recommendations__number=data["recommendation"]).values("project"))
            )
        # A project runs in a year when it started by the end of that year and had not ended before it began.
        if data["year_to"]:
            qs = qs.filter(starts_on__year__lte=data["year_to"])
        if data["year_from"]:
            qs = qs.filter(Q(ends_on__isnull=True) | Q(ends_on__year__gte=data["year_from"]))
        return qs


class SlugFromTitleMixin:
    """Model forms with an optional `slug`: made from the title when left empty, never one of the app's paths."""

    reserved_slugs: set[str] = set()

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in self.reserved_slugs:
            raise forms.ValidationError(_("This short name is reserved; choose another."))
        return slug

    def clean(self):
        data = super().clean()
        if not data.get("slug") and data.get("title"):
            model = self._meta.model
            data["slug"] = unique_slug(model, data["title"], instance=self.instance, reserved=self.reserved_slugs)
            self.instance.slug = data["slug"]
        return data


class PeriodFormMixin:
    """Model forms whose model has a start and an end known to a year, month or day (see projects.periods)."""

    def init_period(self):
        if self.instance.pk:
            self.initial.setdefault("starts_on", self.instance.start)
            self.initial.setdefault("ends_on", self.instance.end)

    def clean(self):
        data = super().clean()
        # The model checks the end against the start, and names the field when it comes first.
        self.instance.set_period(data.get("starts_on") or self.instance.start, data.get("ends_on"))
        return data


class ProjectForm(SlugFromTitleMixin, RecommendationsFormMixin, PeriodFormMixin, forms.ModelForm):
    reserved_slugs = RESERVED_SLUGS

    starts_on = PeriodField(label=_("Start"))
    ends_on = PeriodField(label=_("End"), required=False)
    recommendations = RecommendationNumbersField()

    class Meta:
        model = Project
        fields = [
            "title",
            "slug",
            "kind",
            "countries",
            "status",
            "summary",
            "objectives",
            "framework",
            "partners",
            "parent",
            "source",
        ]
        widgets = {"countries": forms.SelectMultiple(attrs={"size": 8}), "partners": forms.CheckboxSelectMultiple}
        field_classes = {"countries": CountryMultipleChoiceField}

    field_order = ["title", "slug", "kind", "countries", "starts_on", "ends_on", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Used in web addresses; made from the title when left empty.")
        if self.instance.pk:
            self.fields["parent"].queryset = Project.objects.exclude(pk=self.instance.pk)
        self.fields["ends_on"].help_text = _("Leave empty while the project goes on.")
        self.fields["countries"].help_text = _("Hold Ctrl (⌘ on a Mac) to choose several.")
        self.init_period()
        self.init_recommendations()

    def clean(self):
        data = super().clean()
        countries = data.get("countries")
        if data.get("kind") == Project.Kind.COUNTRY and countries is not None and len(countries) != 1:
            self.add_error("countries", _("A country project has exactly one country."))
        return data

    def save(self, commit=True):
        project = super().save(commit=commit)
        if commit:
            self.save_recommendations(project)
        return project


class ActivityForm(RecommendationsFormMixin, PeriodFormMixin, forms.ModelForm):
    starts_on = PeriodField(label=_("Date"))
    ends_on = PeriodField(label=_("Until"), required=False, help_text=_("For work that spans a period."))
    recommendations = RecommendationNumbersField()

    class Meta:
        model = Activity
        fields = ["title", "area", "description"]

    field_order = ["title", "area", "starts_on", "ends_on", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_period()
        self.init_recommendations()

    def save(self, commit=True):
        activity = super().save(commit=commit)
        if commit:
            self.save_recommendations(activity)
        return activity


class ResultForm(forms.ModelForm):
    class Meta:
        model = Result
        fields = ["text", "source"]


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "country"]
        field_classes = {"country": CountryChoiceField}
