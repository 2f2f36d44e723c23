from import_export import fields, resources, widgets

from cjhp.lib.exports import ListExport, iso, labels
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


class ProjectListResource(ListExport):
    """The projects list as it shows: kind and status by their labels, countries by name and code, ISO dates.
    Rows come from the view's projects (with their parent, and their countries prefetched)."""

    headers = (
        "title",
        "short name",
        "kind",
        "countries",
        "country codes",
        "period",
        "start",
        "end",
        "status",
        "funding framework",
        "part of",
    )

    def rows(self, projects):
        kinds, statuses = labels(Project.Kind), labels(Project.Status)
        for project in projects:
            countries = project.countries.all()
            yield (
                project.title,
                project.slug,
                kinds.get(project.kind, project.kind),
                ", ".join(country.name for country in countries),
                ", ".join(country.code for country in countries),
                project.period_label,
                iso(project.starts_on),
                iso(project.ends_on),
                statuses.get(project.status, project.status),
                project.framework,
                project.parent.title if project.parent else "",
            )
