from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from cjhp.lib.admin_imports import BoundedImportMixin
from countries.models import Country, FocalPoint, Network
from countries.resources import CountryResource


class NetworkMembershipInline(admin.TabularInline):
    model = Network.countries.through
    extra = 0
    autocomplete_fields = ["network"]


@admin.register(Country)
class CountryAdmin(BoundedImportMixin, ImportExportModelAdmin):
    resource_classes = [CountryResource]
    list_display = ["name", "code", "is_member", "member_since", "left_in"]
    list_filter = ["is_member", "networks"]
    search_fields = ["name", "code"]
    inlines = [NetworkMembershipInline]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "since"]
    search_fields = ["name"]
    filter_horizontal = ["countries"]


@admin.register(FocalPoint)
class FocalPointAdmin(admin.ModelAdmin):
    list_display = ["user", "country", "since", "until"]
    list_filter = ["country"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email", "country__name"]
    autocomplete_fields = ["user", "country"]
    list_select_related = ["user", "country"]
