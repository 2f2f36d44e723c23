"""Two-factor sign-in: staff and administrators sign in with a password and an authenticator code (or a recovery
code, once); focal points may add a second factor but are never made to; a staff user without one is sent to set
it up; wrong codes count towards the same lock as wrong passwords."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import checks
from django.urls import reverse

from cjhp.checks import check_two_factor_required
from tests.factories import PASSWORD, UserFactory, add_totp, make_staff, totp_code

SETUP_MESSAGE = "Programme staff and administrators sign in with a second factor."


def sign_in(client, username, password=PASSWORD, **query):
    url = reverse("account_login")
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return client.post(url, {"login": username, "password": password})


def test_staff_sign_in_with_a_password_then_an_authenticator_code(client, db):
    staff = make_staff("ana", second_factor=False)
    secret = add_totp(staff)
    response = sign_in(client, "ana")
    assert response["Location"] == reverse("mfa_authenticate")
    # Half-way through, nothing of the portal opens yet.
    assert client.get(reverse("home"))["Location"].startswith(reverse("account_login"))
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Please enter an authenticator code" in page
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_code_is_refused(client, db):
    staff = make_staff("ana", second_factor=False)
    add_totp(staff)
    sign_in(client, "ana")
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_a_recovery_code_signs_in_once(client, db):
    staff = make_staff("ana", second_factor=False)
    add_totp(staff)
    code = RecoveryCodes.activate(staff).get_unused_codes()[0]
    sign_in(client, "ana")
    assert client.post(reverse("mfa_authenticate"), {"code": code})["Location"] == reverse("home")
    client.post(reverse("account_logout"))
    sign_in(client, "ana")
    again = client.post(reverse("mfa_authenticate"), {"code": code})
    assert again.status_code == 200 and "Incorrect code." in again.content.decode()
    assert len(RecoveryCodes(Authenticator.objects.get(user=staff, type="recovery_codes")).get_unused_codes()) == 9


def test_a_focal_point_without_a_second_factor_signs_in_with_a_password_only(client, fp_md):
    assert sign_in(client, "fp-md")["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_a_focal_point_who_added_a_second_factor_is_asked_for_it(client, fp_md):
    secret = add_totp(fp_md)
    assert sign_in(client, "fp-md")["Location"] == reverse("mfa_authenticate")
    assert client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})["Location"] == reverse("home")


def test_the_admin_signs_in_through_the_same_form_and_second_factor(client, db):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True, second_factor=False)
    secret = add_totp(admin)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('account_login')}?next=%2Fadmin%2F"
    assert "Username or email address" in response.content.decode()
    assert sign_in(client, "root", next=reverse("admin:index"))["Location"].startswith(reverse("mfa_authenticate"))
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admins_own_login_page_sends_to_the_portals(client, db):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_every_signed_in_user_is_offered_two_factor_sign_in(login, fp_md):
    content = login(fp_md).get(reverse("home")).content.decode()
    assert f'href="{reverse("mfa_index")}"' in content
    assert "Two-factor sign-in" in content


def test_staff_without_a_second_factor_are_sent_to_set_one_up(login, md):
    client = login(make_staff("ana", second_factor=False))
    for url in [reverse("home"), reverse("countries:list"), reverse("admin:index"), reverse("account_change_password")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp"), url
    # The page they land on says why; the set-up pages, the language switch and signing out stay open.
    assert SETUP_MESSAGE in client.get(reverse("home"), follow=True).content.decode()
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.post(reverse("set_language"), {"language": "fr", "next": "/"}).status_code == 302
    assert client.post(reverse("account_logout")).status_code == 302


def test_an_administrator_without_a_second_factor_is_sent_to_set_one_up(login, db):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True, second_factor=False)
    assert login(admin).get(reverse("home"))["Location"] == reverse("mfa_activate_totp")


def test_a_security_key_is_a_second_factor_too(client, db):
    staff = make_staff("ana", second_factor=False)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.WEBAUTHN, data={"name": "Key"})
    # Signed in without a record of the second factor: the portal looks the authenticators up.
    client.force_login(staff)
    assert client.get(reverse("home")).status_code == 200


def test_staff_cannot_remove_their_only_authenticator_app(client, db):
    staff = make_staff("ana", second_factor=False)
    secret = add_totp(staff)
    sign_in(client, "ana")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert "Programme staff and administrators keep at least one" in response.content.decode()
    assert staff.authenticator_set.filter(type="totp").exists()


def test_a_focal_point_may_remove_theirs(client, fp_md):
    secret = add_totp(fp_md)
    sign_in(client, "fp-md")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.post(reverse("mfa_deactivate_totp"))["Location"] == reverse("mfa_index")
    assert not fp_md.authenticator_set.exists()


def test_recovery_codes_alone_are_not_a_second_factor(login, db):
    staff = make_staff("ana", second_factor=False)
    RecoveryCodes.activate(staff)
    assert login(staff).get(reverse("home"))["Location"] == reverse("mfa_activate_totp")


def test_focal_points_are_never_sent_to_set_one_up(login, fp_md):
    assert login(fp_md).get(reverse("home")).status_code == 200


def test_the_requirement_can_be_turned_off_for_the_demo(login, settings, db):
    settings.TWO_FACTOR_REQUIRED = False
    assert login(make_staff("ana", second_factor=False)).get(reverse("home")).status_code == 200


def test_staff_set_up_an_authenticator_app_and_see_their_recovery_codes(client, db):
    staff = make_staff("ana", second_factor=False)
    assert sign_in(client, "ana")["Location"] == reverse("home")
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before adding a second factor.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    assert secret in page.content.decode()
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes = client.get(reverse("mfa_view_recovery_codes"))
    assert codes.context["unused_codes"][0] in codes.content.decode()
    assert client.get(reverse("home")).status_code == 200
    assert set(staff.authenticator_set.values_list("type", flat=True)) == {"totp", "recovery_codes"}


def test_the_set_up_page_speaks_french(login, db):
    client = login(make_staff("ana", second_factor=False))
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    content = client.get(reverse("mfa_index"), follow=False).content.decode()
    assert "Authentification à deux facteurs" in content
    client.get(reverse("home"))
    french = client.get(reverse("mfa_index")).content.decode()
    assert "équipe du programme et les administrateurs se connectent avec un second facteur" in french


@pytest.mark.parametrize("wrong_passwords", [4])
def test_a_wrong_code_counts_towards_the_lock_like_a_wrong_password(client, db, wrong_passwords):
    add_totp(make_staff("ana", second_factor=False))
    for _ in range(wrong_passwords):
        assert sign_in(client, "ana", "wrong").status_code == 200
    # The fifth failure is a wrong authenticator code after the right password.
    assert sign_in(client, "ana")["Location"] == reverse("mfa_authenticate")
    locked = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # Locked: neither the password nor the right code opens the portal now.
    assert sign_in(client, "ana").status_code == 429
    assert client.get(reverse("home")).status_code == 302


def test_the_right_code_is_refused_while_the_user_name_is_locked(client, db, settings):
    settings.AXES_FAILURE_LIMIT = 1
    staff = make_staff("ana", second_factor=False)
    secret = add_totp(staff)
    sign_in(client, "ana")
    assert client.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code == 429
    assert client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}).status_code == 429
    assert client.get(reverse("home")).status_code == 302


def test_production_refuses_to_start_without_the_requirement(settings):
    settings.DEBUG, settings.TWO_FACTOR_REQUIRED = False, False
    assert [error.id for error in check_two_factor_required()] == ["cjhp.E001"]
    settings.DEBUG = True
    assert check_two_factor_required() == []
    settings.DEBUG, settings.TWO_FACTOR_REQUIRED = False, True
    assert check_two_factor_required() == []


def test_the_check_runs_with_djangos_checks(db, settings):
    settings.DEBUG, settings.TWO_FACTOR_REQUIRED = False, False
    assert "cjhp.E001" in [message.id for message in checks.run_checks()]


def test_once_signed_in_the_pages_speak_the_persons_own_language(client, db):
    # The sign-in page in English (the browser's choice); the person's own language is French.
    staff = make_staff("ana", second_factor=False, language="fr")
    secret = add_totp(staff)
    sign_in(client, "ana")
    assert "Please enter an authenticator code" in client.get(reverse("mfa_authenticate")).content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.cookies["django_language"].value == "fr"
    home = client.get(reverse("home")).content.decode()
    assert '<html lang="fr"' in home and "Bienvenue" in home


def test_a_focal_point_signing_in_with_a_password_gets_their_language_too(client, fp_md):
    fp_md.language = "fr"
    fp_md.save()
    response = sign_in(client, fp_md.username)
    assert response["Location"] == reverse("home") and response.cookies["django_language"].value == "fr"
    assert "Vos évaluations" in client.get(reverse("home")).content.decode()
