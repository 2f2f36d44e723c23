from django.urls import path

from countries import views

app_name = "countries"

# A country's page and its profile gather every app's information about the country: they are the portal's own
# pages (cjhp/views.py), added to these addresses by cjhp/urls.py.
urlpatterns = [
    path("", views.country_list, name="list"),
    path("<str:code>/edit/", views.country_edit, name="edit"),
]
