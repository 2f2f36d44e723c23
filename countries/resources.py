from import_export import fields, resources, widgets

from countries.models import Country


class CountryResource(resources.ModelResource):
    """Countries as a spreadsheet: one row per country, matched on the ISO code."""

    networks = fields.Field(attribute="networks", column_name="networks", readonly=True)

    class Meta:
        model = Country
        import_id_fields = ["code"]
        fields = ["code", "name", "is_member", "member_since", "left_in", "membership_note", "networks"]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def dehydrate_networks(self, country):
        return ", ".join(network.name for network in country.networks.all())

    def get_export_queryset(self, request=None):
        return super().get_export_queryset(request).prefetch_related("networks")

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related("networks")

    def before_import_row(self, row, **kwargs):
        if row.get("code"):
            row["code"] = str(row["code"]).strip().upper()


CountryResource.fields["is_member"].widget = widgets.BooleanWidget()
