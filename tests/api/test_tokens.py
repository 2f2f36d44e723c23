"""Personal access tokens: made on the settings page and shown once, stored only as a hash, revoked by their
owner or by staff; a revoked or expired token, a bad one, none at all or an inactive owner's get 401 in JSON."""

import hashlib
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cjhp.api.tokens import token_create
from cjhp.models import AccessToken
from tests.api.conftest import token_client

COUNTRIES = "/api/v1/countries/"


def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(login, fp_md):
    client = login(fp_md)
    response = client.post(reverse("account_token_create"), {"token-name": "Ministry dashboard"})

    assert response.status_code == 200
    secret = response.context["new_token"].secret
    assert secret.startswith("cjhp_") and len(secret) > 40
    page = response.content.decode()
    assert secret in page and "it will not be shown again" in page
    token = AccessToken.objects.get(user=fp_md)
    assert token.name == "Ministry dashboard"
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.digest, token.prefix, token.name} and secret.startswith(token.prefix)
    # The settings page afterwards lists the token by its name and prefix, never the secret again.
    again = client.get(reverse("account_settings")).content.decode()
    assert "Ministry dashboard" in again and token.prefix in again and secret not in again
    assert token_client(fp_md, secret=secret).get(COUNTRIES).status_code == 200


def test_the_secret_works_and_its_use_is_recorded(api, fp_md):
    new = token_create(user=fp_md, name="Sheet")
    response = api(fp_md, secret=new.secret).get(COUNTRIES)

    assert response.status_code == 200
    assert [country["code"] for country in response.json()["results"]] == ["MD"]
    new.token.refresh_from_db()
    assert new.token.last_used_at is not None


def test_a_token_cannot_expire_in_the_past(login, fp_md):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = login(fp_md).post(reverse("account_token_create"), {"token-name": "Old", "token-expires_on": yesterday})

    assert response.status_code == 400
    assert "cannot expire in the past" in response.content.decode()
    assert not AccessToken.objects.exists()


def test_an_expired_token_gets_401_saying_so(fp_md):
    new = token_create(user=fp_md, name="Sheet", expires_on=timezone.localdate())
    assert token_client(fp_md, secret=new.secret).get(COUNTRIES).status_code == 200  # its last day still works

    AccessToken.objects.filter(pk=new.token.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    response = token_client(fp_md, secret=new.secret).get(COUNTRIES)

    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_its_owner_revokes_a_token_and_it_stops_working(login, fp_md):
    new = token_create(user=fp_md, name="Sheet")

    response = login(fp_md).post(reverse("account_token_revoke", args=[new.token.pk]))

    assert response.status_code == 302
    new.token.refresh_from_db()
    assert new.token.revoked_at is not None and new.token.revoked_by == fp_md
    response = token_client(fp_md, secret=new.secret).get(COUNTRIES)
    assert response.status_code == 401
    assert response.json() == {"detail": "This token was revoked. Make a new one on your settings page."}


def test_a_focal_point_cannot_revoke_someone_elses_token(login, fp_md, fp_ge):
    token = token_create(user=fp_ge, name="Georgia's").token

    assert login(fp_md).post(reverse("account_token_revoke", args=[token.pk])).status_code == 404
    assert login(fp_md).post(reverse("people:revoke_token", args=[token.pk])).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_staff_revoke_anyones_token_on_the_persons_page(login, staff, fp_md):
    new = token_create(user=fp_md, name="Laptop")
    client = login(staff)
    page = client.get(reverse("people:detail", args=[fp_md.pk])).content.decode()
    assert "Laptop" in page and reverse("people:revoke_token", args=[new.token.pk]) in page

    response = client.post(reverse("people:revoke_token", args=[new.token.pk]), follow=True)

    assert "was revoked" in response.content.decode()
    new.token.refresh_from_db()
    assert new.token.revoked_by == staff
    assert token_client(fp_md, secret=new.secret).get(COUNTRIES).status_code == 401


def test_without_a_token_or_with_a_wrong_one_the_answer_is_401_json_not_the_sign_in_page(db):
    response = Client().get(COUNTRIES)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {"detail": "Authentication credentials were not provided."}

    for header in ("Bearer cjhp_not-a-token", "Bearer someone-elses-secret", "Bearer two words"):
        response = Client(headers={"Authorization": header}).get(COUNTRIES)
        assert response.status_code == 401, header
        assert response.json()["detail"]


def test_an_inactive_persons_token_does_not_work(fp_md):
    secret = token_create(user=fp_md, name="Sheet").secret
    fp_md.is_active = False
    fp_md.save()

    response = token_client(fp_md, secret=secret).get(COUNTRIES)

    assert response.status_code == 401
    assert response.json() == {"detail": "The account of this token is inactive."}


def test_staff_without_a_second_factor_cannot_use_a_token(db, settings):
    from tests.factories import make_staff

    settings.TWO_FACTOR_REQUIRED = True
    user = make_staff("staff-no-2fa", second_factor=False)

    response = token_client(user).get(COUNTRIES)

    assert response.status_code == 401
    assert "second factor" in response.json()["detail"]


def test_a_signed_in_browser_reads_the_api_with_its_session(login, fp_md):
    response = login(fp_md).get(COUNTRIES)
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_the_messages_speak_the_readers_language(fp_md):
    secret = token_create(user=fp_md, name="Sheet").secret
    AccessToken.objects.update(revoked_at=timezone.now())

    response = Client(headers={"Authorization": f"Bearer {secret}", "Accept-Language": "fr"}).get(COUNTRIES)

    assert response.json()["detail"].startswith("Ce jeton a été révoqué")


def test_an_administrator_revokes_tokens_in_the_admin_where_no_secret_is_shown(login, admin_user, fp_md):
    new = token_create(user=fp_md, name="Old laptop")
    client = login(admin_user)
    page = client.get(reverse("admin:cjhp_accesstoken_changelist")).content.decode()
    assert "Old laptop" in page and new.token.digest not in page and new.secret not in page

    response = client.post(
        reverse("admin:cjhp_accesstoken_changelist"), {"action": "revoke", "_selected_action": [new.token.pk]}
    )

    assert response.status_code == 302
    new.token.refresh_from_db()
    assert new.token.revoked_by == admin_user
    assert token_client(fp_md, secret=new.secret).get(COUNTRIES).status_code == 401
