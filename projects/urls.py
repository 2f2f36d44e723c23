from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_edit, name="create"),
    path("partners/new/", views.partner_create, name="partner_create"),
    path("<slug:slug>/", views.project_detail, name="detail"),
    path("<slug:slug>/edit/", views.project_edit, name="edit"),
    # A project's activities and results.
    path("<slug:slug>/activities/new/", views.activity_edit, name="activity_create"),
    path("<slug:slug>/activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<slug:slug>/results/new/", views.result_edit, name="result_create"),
    path("<slug:slug>/results/<int:pk>/edit/", views.result_edit, name="result_edit"),
]
