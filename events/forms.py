from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from countries.forms import CountryChoiceField
from countries.models import Country
from events.models import Attendance, Event, EventMaterial, Participant, TargetGroup
from projects.forms import PeriodFormMixin, SlugFromTitleMixin
from projects.models import Project
from projects.periods import PeriodField
from projects.recommendations import RecommendationNumberFilter, RecommendationNumbersField, RecommendationsFormMixin

# Paths under /events/ that an event's short name must not take.
RESERVED_SLUGS = {"new", "calendar", "participants"}


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Title"), required=False)
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *Event.Kind.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1971, max_value=2100)
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none(), required=False)
    recommendation = RecommendationNumberFilter()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.visible_to(user).only("pk", "name", "code")
        self.fields["country"].empty_label = _("All")
        self.fields["project"].queryset = Project.objects.visible_to(user).only("pk", "title")
        self.fields["project"].empty_label = _("All")

    def filter_qs(self, qs):
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        if data["q"]:
            qs = qs.filter(title__icontains=data["q"])
        if data["country"]:
            qs = qs.filter(country=data["country"])
        if data["kind"]:
            qs = qs.filter(kind=data["kind"])
        if data["year"]:
            qs = qs.filter(starts_on__year=data["year"])
        if data["project"]:
            qs = qs.filter(pk__in=Event.projects.through.objects.filter(project=data["project"]).values("event"))
        if data["recommendation"]:
            addressing = Event.recommendations.through.objects.filter(recommendation__number=data["recommendation"])
            qs = qs.filter(pk__in=addressing.values("event"))
        return qs


class EventForm(SlugFromTitleMixin, RecommendationsFormMixin, PeriodFormMixin, forms.ModelForm):
    reserved_slugs = RESERVED_SLUGS

    starts_on = PeriodField(label=_("Start"))
    ends_on = PeriodField(label=_("End"), required=False, help_text=_("Leave empty for a one-day event."))
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), required=False, choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple
    )
    recommendations = RecommendationNumbersField()

    class Meta:
        model = Event
        fields = ["title", "slug", "kind", "city", "country", "online", "venue", "projects", "summary", "source"]
        widgets = {"projects": forms.SelectMultiple(attrs={"size": 6})}
        field_classes = {"country": CountryChoiceField}

    field_order = [
        "title",
        "slug",
        "kind",
        "starts_on",
        "ends_on",
        "city",
        "country",
        "online",
        "venue",
        "projects",
        "target_groups",
        "recommendations",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Used in web addresses and file names; made from the title when left empty.")
        self.fields["projects"].queryset = Project.objects.only("pk", "title")
        self.fields["projects"].help_text = _("Hold Ctrl (⌘ on a Mac) to choose several.")
        if self.instance.pk:
            self.initial["target_groups"] = self.instance.target_groups
        self.init_period()
        self.init_recommendations()

    def clean(self):
        data = super().clean()
        self.instance.target_groups = data.get("target_groups") or []
        return data

    def save(self, commit=True):
        event = super().save(commit=commit)
        if commit:
            self.save_recommendations(event)
        return event


class MaterialForm(forms.ModelForm):
    class Meta:
        model = EventMaterial
        fields = ["title", "kind", "file", "url"]
        help_texts = {"file": _("Up to 20 MB."), "url": _("Or a link, instead of a file.")}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > settings.FILE_UPLOAD_MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


PARTICIPANT_FIELDS = ["name", "email", "organisation", "country", "professional_group", "gender"]
# Registration asks for the email first: it finds a person already on file.
REGISTRATION_FIELDS = ["email", "name", "organisation", "country", "professional_group", "gender"]


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = PARTICIPANT_FIELDS
        field_classes = {"country": CountryChoiceField}

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class RegistrationForm(forms.Form):
    """Registers a person for an event: the participant with this email when there is one, else a new one.

    Not a model form: an email already on file is not an error here, it names the person to register.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(
                Participant, fields=REGISTRATION_FIELDS, field_classes={"country": CountryChoiceField}
            )
        )
        self.fields["email"].help_text = _(
            "When a participant already has this email, they are registered as they are."
        )
        self.fields["role"] = forms.ChoiceField(
            label=_("Role"), choices=Attendance.Role.choices, initial=Attendance.Role.PARTICIPANT
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class AttendanceForm(forms.Form):
    """One tick box and one role per registered person: the whole list in one form."""

    def __init__(self, *args, attendances, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for attendance in attendances:
            attended = forms.BooleanField(
                label=_("%(name)s attended") % {"name": attendance.participant.display_name},
                required=False,
                initial=attendance.attended,
            )
            role = forms.ChoiceField(
                label=_("Role of %(name)s") % {"name": attendance.participant.display_name},
                choices=Attendance.Role.choices,
                initial=attendance.role,
            )
            self.fields[f"attended-{attendance.pk}"] = attended
            self.fields[f"role-{attendance.pk}"] = role
            self.rows.append(
                {
                    "attendance": attendance,
                    "attended": self[f"attended-{attendance.pk}"],
                    "role": self[f"role-{attendance.pk}"],
                }
            )

    def marks(self) -> dict[int, tuple[bool, str]]:
        return {
            row["attendance"].pk: (
                self.cleaned_data[f"attended-{row['attendance'].pk}"],
                self.cleaned_data[f"role-{row['attendance'].pk}"],
            )
            for row in self.rows
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Participant list"),
        help_text=_("A CSV (UTF-8) or Excel (.xlsx) file, up to 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        label=_("The duplicate record"),
        queryset=Participant.objects.none(),
        help_text=_("Its events move to this participant; then it is deleted. Empty details are filled in from it."),
    )

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        # An erased person has no details left to match on, nor to give: never offered as a duplicate.
        self.fields["duplicate"].queryset = (
            Participant.objects.exclude(pk=participant.pk).filter(erased_at__isnull=True).select_related("country")
        )
        self.fields["duplicate"].label_from_instance = lambda p: " · ".join(
            part for part in [p.name, p.email, p.organisation, p.country.code if p.country else ""] if part
        )


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that the name, email and organisation are removed for good."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )
