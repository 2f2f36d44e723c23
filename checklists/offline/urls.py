from django.urls import path

from checklists.offline import views

urlpatterns = [
    # Working offline: the assessment as a workbook, and a filled workbook's preview and confirmation
    path("assessments/<int:pk>/workbook/", views.assessment_workbook, name="assessment_workbook"),
    path("assessments/<int:pk>/upload/", views.assessment_upload, name="assessment_upload"),
]
