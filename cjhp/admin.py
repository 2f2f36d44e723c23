from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from cjhp.api import tokens
from cjhp.models import AccessRecord, AccessToken, Invitation, Notification, SentReminder, User
from countries.models import FocalPoint


class FocalPointInline(admin.TabularInline):
    model = FocalPoint
    extra = 0
    autocomplete_fields = ["country"]


class ReadOnlyInline(admin.TabularInline):
    """What the People pages wrote (cjhp/people/services.py): shown to administrators, never edited here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class InvitationInline(ReadOnlyInline):
    model = Invitation
    fk_name = "user"
    fields = ["email", "role", "country", "language", "invited_by", "sent_at", "resent_at", "accepted_at"]
    readonly_fields = fields


class AccessRecordInline(ReadOnlyInline):
    model = AccessRecord
    fk_name = "user"
    fields = ["at", "kind", "role", "country", "on", "by"]
    readonly_fields = fields


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Preferences"), {"fields": ["language", "informational_emails"]}),
    ]
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_superuser", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "focal_points__country"]
    inlines = [FocalPointInline, InvitationInline, AccessRecordInline]


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    """What send_reminders sent: read it to answer "did they get the reminder?"; deleting a row lets it resend."""

    list_display = ["sent_on", "kind", "recipient", "created_at"]
    list_filter = ["kind", "sent_on"]
    search_fields = ["recipient__username", "recipient__email", "recipient__last_name"]
    date_hierarchy = "sent_on"
    list_select_related = ["recipient"]

    # A record of what went out: read or delete (deleting lets the next run send it again), never edit.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The email notifications: what went out, and what waits to be sent again (with the last error)."""

    list_display = ["created_at", "kind", "recipient", "sent_at", "attempts"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient__username", "recipient__email", "recipient__last_name"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    readonly_fields = ["recipient", "kind", "round", "transition", "action_item", "created_at", "sent_at"]
    fields = [*readonly_fields, "attempts", "last_error"]

    # Written by the portal only. Setting attempts back to 0 lets the daily command try a given-up one again.
    def has_add_permission(self, request):
        return False


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):
    """Personal API access tokens: their owners make them on their settings page; here they are read and revoked
    (the secret itself is never stored, only its hash)."""

    list_display = ["name", "prefix", "user", "created_at", "expires_on", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "expires_on"]
    search_fields = ["name", "prefix", "user__username", "user__email"]
    list_select_related = ["user"]
    readonly_fields = [field.name for field in AccessToken._meta.fields if field.name != "digest"]
    exclude = ["digest"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        revoked = sum(tokens.token_revoke(token=token, by=request.user) for token in queryset)
        self.message_user(request, _("%(count)d tokens revoked.") % {"count": revoked})


admin.site.site_header = _("CJHP Portal administration")
admin.site.site_title = _("CJHP Portal")
