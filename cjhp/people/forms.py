"""The people's forms: invitations, the end of a service, the People list's filters and a person's settings."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checklists.languages import CODES, country_languages, language_name, native_name
from cjhp.lib.forms import DateInput
from cjhp.lib.roles import is_programme_staff
from cjhp.models import AccessToken, User
from cjhp.people import listing
from countries.forms import CountryChoiceField
from countries.models import Country, FocalPoint

LANGUAGE_CHOICES = User._meta.get_field("language").choices


class InviteStaffForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    language = forms.ChoiceField(
        label=_("Language"), choices=LANGUAGE_CHOICES, initial="en", help_text=_("The language of their emails.")
    )


class InviteFocalPointForm(InviteStaffForm):
    since = forms.DateField(
        label=_("Serves from"), widget=DateInput(), initial=timezone.localdate, help_text=_("The first day of service.")
    )


class EndServiceForm(forms.Form):
    until = forms.DateField(
        label=_("Last day of service"),
        widget=DateInput(),
        initial=timezone.localdate,
        help_text=_("From the next day on, they see nothing of this country. Choose yesterday to end it now."),
    )


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or email"), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All")), *listing.PersonRole.choices])
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.none(), required=False)
    invitation = forms.ChoiceField(
        label=_("Invitation"), required=False, choices=[("", _("All")), *listing.InvitationStatus.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.only("pk", "name", "code")
        self.fields["country"].empty_label = _("All")

    def filter_qs(self, qs: QuerySet[User]) -> QuerySet[User]:
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        if data["q"]:
            words = data["q"].split()
            for word in words:
                qs = qs.filter(
                    Q(first_name__icontains=word)
                    | Q(last_name__icontains=word)
                    | Q(email__icontains=word)
                    | Q(username__icontains=word)
                )
        if data["role"]:
            qs = qs.filter(role=data["role"])
        if data["country"]:
            qs = listing.serving_in(qs, data["country"])
        if data["invitation"]:
            qs = listing.invitation_status(qs, data["invitation"])
        return qs


class AccessTokenForm(forms.ModelForm):
    """A new personal access token to the data API: a name, and the last day it works if it should end."""

    prefix = "token"  # its fields apart from the settings form's on the same page

    class Meta:
        model = AccessToken
        fields = ["name", "expires_on"]
        widgets = {"expires_on": DateInput()}

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        if expires_on and expires_on < timezone.localdate():
            raise forms.ValidationError(_("The token cannot expire in the past: choose today or a later day."))
        return expires_on


class SettingsForm(forms.ModelForm):
    """A person's own settings. Other settings join as fields of this form (or of the User model)."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language", "working_language", "informational_emails"]
        help_texts = {"language": _("The language of the portal's emails to you, and of its pages once you sign in.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["working_language"].choices = working_language_choices(self.instance)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another account already uses this email."))
        return email


def _language_choice(code: str) -> tuple[str, str]:
    # Its own name first, which its speakers look for; then the name in the interface language.
    return code, f"{native_name(code)} ({language_name(code)})"


def working_language_choices(user: User) -> list:
    """The checklist languages a person may read the questions in: their countries' first, for a focal point."""
    ours = []
    if not is_programme_staff(user):
        serving = FocalPoint.objects.active().filter(user=user).order_by("country__name")
        for code in serving.values_list("country__code", flat=True):
            ours += [language for language in country_languages(code) if language not in ours]
    others = [_language_choice(code) for code in CODES if code not in ours]
    choices = [("", _("Same as the pages (English or French)"))]
    if ours:
        choices += [
            (_("Your country's languages"), [_language_choice(code) for code in ours]),
            (_("Other languages"), others),
        ]
    else:
        choices += others
    return choices
