from django.urls import path

from countries import report_views, views

app_name = "countries"

urlpatterns = [
    path("", views.country_list, name="list"),
    path("<str:code>/", views.country_detail, name="detail"),
    path("<str:code>/edit/", views.country_edit, name="edit"),
    path("<str:code>/pdf/", report_views.country_pdf, name="report"),
]
