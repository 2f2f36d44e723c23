from django.urls import path

from cjhp.people import views

app_name = "people"

urlpatterns = [
    path("", views.people_list, name="list"),
    path("invite/", views.invite_staff, name="invite"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("invitations/<int:pk>/resend/", views.resend_invitation, name="resend"),
    path("focal-points/<int:pk>/end/", views.end_service, name="end_service"),
    path("tokens/<int:pk>/revoke/", views.person_token_revoke, name="revoke_token"),
]
