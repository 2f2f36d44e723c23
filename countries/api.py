"""The countries and networks of the data API (/api/v1/countries/, /api/v1/networks/)."""

from django.db.models import Prefetch
from rest_framework import serializers

from cjhp.lib.api import ReadOnlyViewSet
from countries.forms import CountryFilterForm
from countries.models import Country, Network


class CountrySerializer(serializers.ModelSerializer):
    local_name = serializers.CharField(read_only=True, help_text="The name in the request's language.")
    membership = serializers.ChoiceField(choices=Country.Membership.choices, read_only=True)
    networks = serializers.SerializerMethodField(help_text="The names of the networks the country belongs to.")

    class Meta:
        model = Country
        fields = ["code", "name", "local_name", "membership", "is_member", "member_since", "left_in", "networks"]

    def get_networks(self, country) -> list[str]:
        return [network.name for network in country.network_list]


class CountryViewSet(ReadOnlyViewSet):
    """Staff see every country; a focal point the countries they serve."""

    serializer_class = CountrySerializer
    filter_form_class = CountryFilterForm
    lookup_field = "code"
    filter_lookups = {"network": "name"}

    def get_queryset(self):
        networks = Prefetch("networks", queryset=Network.objects.only("name"), to_attr="network_list")
        return Country.objects.visible_to(self.request.user).prefetch_related(networks).order_by("name")

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()
        return super().get_object()


class NetworkSerializer(serializers.ModelSerializer):
    countries = serializers.SerializerMethodField(help_text="The codes of its countries the reader may see.")

    class Meta:
        model = Network
        fields = ["id", "name", "since", "source", "countries"]

    def get_countries(self, network) -> list[str]:
        return [country.code for country in network.country_list]


class NetworkViewSet(ReadOnlyViewSet):
    """Every network, with those of its countries the reader may see (a focal point: their own)."""

    serializer_class = NetworkSerializer

    def get_queryset(self):
        countries = Country.objects.visible_to(self.request.user).only("code").order_by("name")
        return Network.objects.prefetch_related(Prefetch("countries", queryset=countries, to_attr="country_list"))
