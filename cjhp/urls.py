from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cjhp import views
from cjhp.people import views as people_views
from countries import urls as countries_urls

handler403 = "cjhp.views.permission_denied"
handler404 = "cjhp.views.page_not_found"
handler500 = "cjhp.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("search/", views.search, name="search"),
    # Accounts: Django's own views with the portal's templates.
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password_reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # An invitation's one-time link (signed out), and each person's own settings.
    path("accounts/invitation/<uidb64>/<token>/", people_views.invitation_accept, name="invitation_accept"),
    path("accounts/settings/", people_views.account_settings, name="account_settings"),
    # The programme's data, one app per prefix.
    # A country's page and profile gather every app: drawn here, under the countries' own namespace.
    path(
        "countries/",
        include(
            (
                [
                    *countries_urls.urlpatterns,
                    path("<str:code>/", views.country_detail, name="detail"),
                    path("<str:code>/pdf/", views.country_pdf, name="report"),
                    path("<str:code>/invite/", people_views.invite_focal_point, name="invite"),
                ],
                countries_urls.app_name,
            )
        ),
    ),
    path("checklists/", include("checklists.urls")),
    path("projects/", include("projects.urls")),
    path("events/", include("events.urls")),
    # The people of every country: staff invite them, and end a focal point's service.
    path("people/", include("cjhp.people.urls")),
    path("admin/", admin.site.urls),
]
