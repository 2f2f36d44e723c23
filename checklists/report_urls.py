from django.urls import path

from checklists import report_views

# PDF reports
urlpatterns = [
    path("rounds/<slug:slug>/pdf/", report_views.round_pdf, name="round_pdf"),
    path("assessments/<int:pk>/pdf/", report_views.assessment_pdf, name="assessment_pdf"),
]
