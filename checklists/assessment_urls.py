from django.urls import path

from checklists import action_views, assessment_views, offline_views, review_views, round_views

urlpatterns = [
    # Rounds (staff)
    path("rounds/", round_views.round_list, name="rounds"),
    path("rounds/new/", round_views.round_create, name="round_create"),
    path("rounds/<slug:slug>/", round_views.round_detail, name="round"),
    path("rounds/<slug:slug>/gaps/", round_views.round_gaps, name="round_gaps"),
    # Assessments: the checklist, saved per section, and its evidence files
    path("assessments/", assessment_views.assessment_list, name="assessments"),
    path("assessments/<int:pk>/", assessment_views.assessment_detail, name="assessment"),
    path(
        "assessments/<int:pk>/sections/<int:section_pk>/",
        assessment_views.assessment_section_save,
        name="assessment_section",
    ),
    path(
        "assessments/<int:pk>/evidence/<int:answer_pk>/",
        assessment_views.assessment_evidence,
        name="assessment_evidence",
    ),
    # Working offline: the assessment as a workbook, and a filled workbook's preview and confirmation
    path("assessments/<int:pk>/workbook/", offline_views.assessment_workbook, name="assessment_workbook"),
    path("assessments/<int:pk>/upload/", offline_views.assessment_upload, name="assessment_upload"),
    # Review
    path("assessments/<int:pk>/submit/", review_views.assessment_submit_view, name="assessment_submit"),
    path("assessments/<int:pk>/review/", review_views.assessment_review, name="assessment_review"),
    path("assessments/<int:pk>/approve/", review_views.assessment_approve_view, name="assessment_approve"),
    path("assessments/<int:pk>/reopen/", review_views.assessment_reopen_view, name="assessment_reopen"),
    # Action items
    path("actions/", action_views.action_item_list, name="action_items"),
    path("assessments/<int:pk>/actions/new/", action_views.action_item_create, name="action_item_create"),
    path("assessments/<int:pk>/actions/<int:action_pk>/", action_views.action_item_edit, name="action_item"),
]
