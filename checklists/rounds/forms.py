from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from checklists.models import AssessmentRound, Template
from cjhp.lib.forms import DateInput
from countries.forms import CountryMultipleChoiceField
from countries.models import Country, Network

SEE_NETWORK = "South-East Europe network"
# Invited with the network's countries in the programme's rounds: the Eastern Partnership partners.
SEE_EXTRA_CODES = ["MD", "GE", "UA"]


class RoundForm(forms.ModelForm):
    countries = CountryMultipleChoiceField(
        label=_("Invited countries"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    invite_see = forms.BooleanField(
        label=_("Invite the South-East Europe network's countries, plus Moldova, Georgia and Ukraine"),
        required=False,
    )

    class Meta:
        model = AssessmentRound
        fields = ["name", "slug", "template", "opens_on", "deadline"]
        widgets = {"opens_on": DateInput(), "deadline": DateInput()}
        help_texts = {"slug": _("Used in file names; made from the name when left empty.")}
        error_messages = {
            "name": {"unique": _("A round with this name already exists: choose another name.")},
            "slug": {"unique": _("A round with this short name already exists: choose another one.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["template"].queryset = Template.objects.all()

    def clean(self):
        data = super().clean()
        if not data.get("slug") and data.get("name"):
            data["slug"] = slugify(data["name"])
            if not data["slug"]:
                self.add_error("slug", _("Enter a short name of letters, digits and hyphens."))
        opens_on, deadline = data.get("opens_on"), data.get("deadline")
        if opens_on and deadline and deadline < opens_on:
            self.add_error("deadline", _("The deadline cannot come before the opening date."))
        countries = set(data.get("countries") or [])
        if data.get("invite_see"):
            countries |= set(
                Country.objects.filter(networks__name=SEE_NETWORK) | Country.objects.filter(code__in=SEE_EXTRA_CODES)
            )
        if not countries:
            self.add_error("countries", _("Invite at least one country."))
        data["countries"] = sorted(countries, key=lambda country: country.name)
        return data

    def _post_clean(self):
        # The slug made in clean() must go through the unique check too.
        if "slug" in self.cleaned_data:
            self.instance.slug = self.cleaned_data["slug"]
        super()._post_clean()

    @staticmethod
    def see_network_exists() -> bool:
        return Network.objects.filter(name=SEE_NETWORK).exists()
