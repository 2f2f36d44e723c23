from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from countries.models import Country, Network
from countries.names import name_sort_key


class ByLocalName(forms.models.ModelChoiceIterator):
    """Countries named in the reader's language and listed as they read them ("Allemagne" among the A)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for country in sorted(self.queryset, key=lambda country: name_sort_key(country.local_name)):
            yield self.choice(country)


class CountryChoiceField(forms.ModelChoiceField):
    iterator = ByLocalName


class CountryMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ByLocalName


class CountryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False)
    membership = forms.ChoiceField(
        label=_("Membership"), required=False, choices=[("", _("All"))] + list(Country.Membership.choices)
    )
    network = forms.ModelChoiceField(
        label=_("Network"), required=False, queryset=Network.objects.all(), empty_label=_("All")
    )

    def filter_qs(self, qs):
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(name__icontains=data["q"]) | Q(code__iexact=data["q"]))
        match data["membership"]:
            case Country.Membership.MEMBER:
                qs = qs.filter(is_member=True)
            case Country.Membership.FORMER:
                qs = qs.filter(is_member=False, left_in__isnull=False)
            case Country.Membership.PARTNER:
                qs = qs.filter(is_member=False, left_in__isnull=True)
        if data["network"]:
            qs = qs.filter(networks=data["network"])
        return qs


class CountryForm(forms.ModelForm):
    class Meta:
        model = Country
        fields = ["name", "code", "is_member", "member_since", "left_in", "membership_note"]
        widgets = {"membership_note": forms.Textarea(attrs={"rows": 3})}
