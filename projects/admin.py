from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from cjhp.lib.admin_imports import BoundedImportMixin
from projects.models import Activity, Partner, Project, Result
from projects.resources import ActivityResource, PartnerResource, ProjectResource


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["title", "area", "starts_on", "start_precision"]


class ResultInline(admin.TabularInline):
    model = Result
    extra = 0
    fields = ["text", "source"]


@admin.register(Project)
class ProjectAdmin(BoundedImportMixin, ImportExportModelAdmin):
    resource_classes = [ProjectResource]
    list_display = ["title", "kind", "status", "starts_on", "ends_on", "parent"]
    list_filter = ["kind", "status", "countries"]
    search_fields = ["title", "summary", "framework"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["countries", "partners", "recommendations"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    inlines = [ActivityInline, ResultInline]


@admin.register(Partner)
class PartnerAdmin(BoundedImportMixin, ImportExportModelAdmin):
    resource_classes = [PartnerResource]
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]
    list_select_related = ["country"]


@admin.register(Activity)
class ActivityAdmin(BoundedImportMixin, ImportExportModelAdmin):
    resource_classes = [ActivityResource]
    list_display = ["title", "project", "area", "starts_on"]
    list_filter = ["area", "project"]
    search_fields = ["title", "description", "project__title"]
    list_select_related = ["project"]
    filter_horizontal = ["recommendations"]


@admin.register(Result)
class ResultAdmin(BoundedImportMixin, ImportExportModelAdmin):
    list_display = ["__str__", "project", "country", "network", "source"]
    list_filter = ["country", "network"]
    search_fields = ["text", "source", "project__title"]
    list_select_related = ["project", "country", "network"]
