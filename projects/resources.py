from import_export import fields, resources, widgets

from countries.models import Country
from projects.models import Activity, Partner, Project


class ProjectResource(resources.ModelResource):
    """Projects as a spreadsheet, matched on their short name; countries and partners by code and name."""

    countries = fields.Field(
        attribute="countries", column_name="countries", widget=widgets.ManyToManyWidget(Country, field="code")
    )
    partners = fields.Field(
        attribute="partners",
        column_name="partners",
        widget=widgets.ManyToManyWidget(Partner, field="name", separator="|"),
    )
    parent = fields.Field(attribute="parent", column_name="parent", widget=widgets.ForeignKeyWidget(Project, "slug"))

    class Meta:
        model = Project
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "kind",
            "countries",
            "starts_on",
            "start_precision",
            "ends_on",
            "end_precision",
            "status",
            "summary",
            "objectives",
            "framework",
            "partners",
            "parent",
            "source",
        ]
        export_order = fields
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True

    def get_export_queryset(self, request=None):
        return super().get_export_queryset(request).select_related("parent").prefetch_related("countries", "partners")


class PartnerResource(resources.ModelResource):
    country = fields.Field(attribute="country", column_name="country", widget=widgets.ForeignKeyWidget(Country, "code"))

    class Meta:
        model = Partner
        import_id_fields = ["name"]
        fields = ["name", "kind", "country"]
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True


class ActivityResource(resources.ModelResource):
    project = fields.Field(attribute="project", column_name="project", widget=widgets.ForeignKeyWidget(Project, "slug"))

    class Meta:
        model = Activity
        fields = [
            "id",
            "project",
            "title",
            "area",
            "starts_on",
            "start_precision",
            "ends_on",
            "end_precision",
            "description",
        ]
        export_order = fields
        clean_model_instances = True
        use_transactions = True


class ProjectListResource(resources.Resource):
    """The projects list as it shows: kind and status by their labels, countries by name and code, ISO dates."""

    title = fields.Field(attribute="title", column_name="title")
    slug = fields.Field(attribute="slug", column_name="short name")
    kind = fields.Field(column_name="kind")
    countries = fields.Field(column_name="countries")
    country_codes = fields.Field(column_name="country codes")
    period = fields.Field(column_name="period")
    starts_on = fields.Field(column_name="start")
    ends_on = fields.Field(column_name="end")
    status = fields.Field(column_name="status")
    framework = fields.Field(attribute="framework", column_name="funding framework")
    parent = fields.Field(column_name="part of")

    def dehydrate_kind(self, project):
        return project.get_kind_display()

    def dehydrate_countries(self, project):
        return ", ".join(country.name for country in project.countries.all())

    def dehydrate_country_codes(self, project):
        return ", ".join(country.code for country in project.countries.all())

    def dehydrate_period(self, project):
        return project.period_label

    def dehydrate_starts_on(self, project):
        return project.starts_on.isoformat() if project.starts_on else ""

    def dehydrate_ends_on(self, project):
        return project.ends_on.isoformat() if project.ends_on else ""

    def dehydrate_status(self, project):
        return project.get_status_display()

    def dehydrate_parent(self, project):
        return project.parent.title if project.parent else ""
