from allauth.account import views as account_views
from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path, re_path

from cjhp import accounts, views
from cjhp.people import views as people_views
from countries import urls as countries_urls

handler403 = "cjhp.views.permission_denied"
handler404 = "cjhp.views.page_not_found"
handler500 = "cjhp.views.server_error"

# The admin signs in through the portal's own sign-in, second factor included.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("search/", views.search, name="search"),
    # Accounts: allauth's views with the portal's templates; the two-factor pages under accounts/2fa/.
    path("accounts/login/", accounts.LoginView.as_view(), name="account_login"),
    path("accounts/logout/", account_views.logout, name="account_logout"),
    path("accounts/inactive/", account_views.account_inactive, name="account_inactive"),
    path("accounts/reauthenticate/", account_views.reauthenticate, name="account_reauthenticate"),
    path("accounts/password/change/", account_views.password_change, name="account_change_password"),
    path("accounts/password/set/", account_views.password_set, name="account_set_password"),
    path("accounts/password/reset/", account_views.password_reset, name="account_reset_password"),
    path("accounts/password/reset/done/", account_views.password_reset_done, name="account_reset_password_done"),
    re_path(
        r"^accounts/password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        account_views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "accounts/password/reset/key/done/",
        account_views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    # An invitation's one-time link (signed out), and each person's own settings.
    path("accounts/invitation/<uidb64>/<token>/", people_views.invitation_accept, name="invitation_accept"),
    path("accounts/settings/", people_views.account_settings, name="account_settings"),
    path("accounts/settings/tokens/", people_views.account_token_create, name="account_token_create"),
    path("accounts/settings/tokens/<int:pk>/revoke/", people_views.account_token_revoke, name="account_token_revoke"),
    path("accounts/2fa/", include("allauth.mfa.urls")),
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
    # The read-only data API, for partners' spreadsheets and dashboards.
    path("api/v1/", include("cjhp.api.urls")),
    path("admin/", admin.site.urls),
]
