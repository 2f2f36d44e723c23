from django.urls import path

from checklists.reports import views

# PDF reports
urlpatterns = [
    path("rounds/<slug:slug>/pdf/", views.round_pdf, name="round_pdf"),
    path("assessments/<int:pk>/pdf/", views.assessment_pdf, name="assessment_pdf"),
]
