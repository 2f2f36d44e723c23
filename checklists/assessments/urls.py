from django.urls import path

from checklists.assessments import action_views, review_views, views

urlpatterns = [
    # Assessments: the checklist, saved per section, and its evidence files
    path("assessments/", views.assessment_list, name="assessments"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path(
        "assessments/<int:pk>/sections/<int:section_pk>/",
        views.assessment_section_save,
        name="assessment_section",
    ),
    path(
        "assessments/<int:pk>/evidence/<int:answer_pk>/",
        views.assessment_evidence,
        name="assessment_evidence",
    ),
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
