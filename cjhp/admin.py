from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from cjhp.models import User
from countries.models import FocalPoint


class FocalPointInline(admin.TabularInline):
    model = FocalPoint
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Preferences"), {"fields": ["language"]}),
    ]
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_superuser", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "focal_points__country"]
    inlines = [FocalPointInline]


admin.site.site_header = _("CJHP Portal administration")
admin.site.site_title = _("CJHP Portal")
