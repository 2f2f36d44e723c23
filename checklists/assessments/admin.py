"""Admin for rounds, assessments, answers (with their history), transitions and action items.

Answers, section comments, their history and the review timeline are the record of who did what: staff read them
here and correct them through the portal's own review flow. Only superusers may change an answer or section
comments here, and nobody may rewrite their history or the timeline.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from checklists.models import (
    ActionItem,
    Answer,
    Assessment,
    AssessmentRound,
    QuestionComment,
    SectionResponse,
    Transition,
)


class SuperuserWrites:
    """Staff read these records; only a superuser adds, changes or deletes one."""

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class NobodyWrites:
    """Records made by the review's own steps, which check them: shown, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyHistoryAdmin(SuperuserWrites, SimpleHistoryAdmin):
    """The history lists each version; none can be reverted, not even by a superuser."""

    def has_change_history_permission(self, request, obj=None):
        return False

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history saves a posted version whoever may only view it.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class AssessmentInline(admin.TabularInline):
    model = Assessment
    extra = 0
    fields = ["country", "status", "submitted_at", "approved_at"]
    readonly_fields = ["submitted_at", "approved_at"]
    show_change_link = True


@admin.register(AssessmentRound)
class AssessmentRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "template", "opens_on", "deadline"]
    list_filter = ["template", "opens_on"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["template"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [AssessmentInline]


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    fields = ["at", "action", "from_status", "to_status", "by", "message"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # Transitions are made by the review's own steps, which check them.
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["country", "round", "status", "submitted_at", "approved_at", "updated_at"]
    list_filter = ["status", "round"]
    search_fields = ["country__name", "country__code", "round__name"]
    list_select_related = ["country", "round"]
    readonly_fields = ["status", "submitted_at", "approved_at"]
    inlines = [TransitionInline]

    def get_queryset(self, request):
        return Assessment.objects.visible_to(request.user).select_related("country", "round")


@admin.register(Answer)
class AnswerAdmin(ReadOnlyHistoryAdmin):
    list_display = ["assessment", "item", "value", "answered_by", "answered_at"]
    list_filter = ["value", "assessment__round", "assessment__country"]
    search_fields = ["item__key", "item__text", "note", "assessment__country__name"]
    list_select_related = ["assessment__country", "assessment__round", "item", "answered_by"]
    raw_id_fields = ["assessment", "item", "answered_by"]


@admin.register(SectionResponse)
class SectionResponseAdmin(ReadOnlyHistoryAdmin):
    list_display = ["assessment", "section", "version", "updated_by", "updated_at"]
    list_filter = ["assessment__round"]
    search_fields = ["assessment__country__name", "section__number", "comments"]
    list_select_related = ["assessment__country", "assessment__round", "section", "updated_by"]
    raw_id_fields = ["assessment", "section", "updated_by"]


@admin.register(Transition)
class TransitionAdmin(NobodyWrites, admin.ModelAdmin):
    list_display = ["assessment", "action", "from_status", "to_status", "by", "at"]
    list_filter = ["action", "assessment__round"]
    search_fields = ["assessment__country__name", "message"]
    list_select_related = ["assessment__country", "assessment__round", "by"]
    raw_id_fields = ["assessment", "by"]


@admin.register(QuestionComment)
class QuestionCommentAdmin(NobodyWrites, admin.ModelAdmin):
    list_display = ["transition", "item", "message"]
    list_filter = ["transition__assessment__round"]
    search_fields = ["item__key", "message"]
    list_select_related = ["transition__assessment__country", "transition__assessment__round", "item"]
    raw_id_fields = ["transition", "item"]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["description", "assessment", "recommendation", "responsible", "due_date", "status"]
    list_filter = ["status", "assessment__round", "assessment__country"]
    search_fields = ["description", "responsible", "assessment__country__name"]
    list_select_related = ["assessment__country", "assessment__round", "recommendation"]
    raw_id_fields = ["assessment", "recommendation", "item", "assignee", "created_by"]
