from django.urls import path

from countries import views

app_name = "countries"

urlpatterns = [
    path("", views.country_list, name="list"),
    path("<str:code>/", views.country_detail, name="detail"),
    path("<str:code>/edit/", views.country_edit, name="edit"),
]
