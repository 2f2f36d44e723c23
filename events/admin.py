from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from cjhp.lib.admin_imports import BoundedImportMixin
from events.models import Attendance, Event, EventMaterial, Participant
from events.resources import EventResource, ParticipantResource


class MaterialInline(admin.TabularInline):
    model = EventMaterial
    extra = 0


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["participant"]


@admin.register(Event)
class EventAdmin(BoundedImportMixin, ImportExportModelAdmin):
    resource_classes = [EventResource]
    list_display = ["title", "kind", "starts_on", "city", "country", "online"]
    list_filter = ["kind", "country", "online"]
    search_fields = ["title", "city", "venue", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["projects", "recommendations"]
    date_hierarchy = "starts_on"
    list_select_related = ["country"]
    inlines = [MaterialInline, AttendanceInline]


@admin.register(EventMaterial)
class EventMaterialAdmin(BoundedImportMixin, ImportExportModelAdmin):
    list_display = ["title", "event", "kind", "added_at"]
    list_filter = ["kind"]
    search_fields = ["title", "event__title"]
    list_select_related = ["event"]


@admin.register(Participant)
class ParticipantAdmin(BoundedImportMixin, ImportExportModelAdmin):
    resource_classes = [ParticipantResource]
    list_display = ["__str__", "email", "organisation", "country", "professional_group", "gender", "erased_at"]
    list_filter = ["professional_group", "gender", "country", "erasure_reason"]
    search_fields = ["name", "email", "organisation"]
    list_select_related = ["country"]
    # Erasing goes through the participant's page (events/privacy.py), which scrubs the log as well.
    readonly_fields = ["created_at", "erased_at", "erasure_reason", "erased_by"]


@admin.register(Attendance)
class AttendanceAdmin(BoundedImportMixin, ImportExportModelAdmin):
    list_display = ["participant", "event", "role", "attended", "certificate_issued_at"]
    list_filter = ["role", "attended", "event__kind"]
    search_fields = ["participant__name", "participant__email", "event__title"]
    autocomplete_fields = ["participant", "event"]
    list_select_related = ["participant", "event"]
