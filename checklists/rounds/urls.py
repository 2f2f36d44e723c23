from django.urls import path

from checklists.rounds import views

urlpatterns = [
    # Rounds (staff)
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<slug:slug>/", views.round_detail, name="round"),
    path("rounds/<slug:slug>/gaps/", views.round_gaps, name="round_gaps"),
]
