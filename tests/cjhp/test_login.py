"""Signing in: every portal page is private, one form takes a user name or an email address, wrong passwords are
refused vaguely, and repeated failures lock."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

MISMATCH = "The username and/or password you specified are not correct."


def test_every_page_requires_login(client, md):
    for url in ["/", reverse("countries:list"), reverse("countries:detail", args=["MD"])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_login_page_is_public_and_logs_in(client, db):
    UserFactory(username="ana")
    page = client.get(reverse("account_login")).content.decode()
    assert "Username or email address" in page and "Forgotten your password?" in page
    response = client.post(reverse("account_login"), {"login": "ana", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_the_email_address_signs_in_too(client, db):
    UserFactory(username="ana", email="ana@example.org")
    response = client.post(reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD})
    assert response["Location"] == reverse("home")


def test_login_returns_to_the_page_asked_for(client, md):
    UserFactory(username="ana")
    url = reverse("countries:list")
    response = client.post(f"{reverse('account_login')}?next={url}", {"login": "ana", "password": PASSWORD})
    assert response["Location"] == url


def test_wrong_password_says_so_without_saying_which_part(client, db):
    UserFactory(username="ana")
    response = client.post(reverse("account_login"), {"login": "ana", "password": "wrong"})
    assert response.status_code == 200
    assert MISMATCH in response.content.decode()
    # The same message for a user name that does not exist: nothing tells which part was wrong.
    other = client.post(reverse("account_login"), {"login": "nobody", "password": "wrong"}).content.decode()
    assert MISMATCH in other
    assert client.get(reverse("home")).status_code == 302


def test_nobody_signs_up(client, db):
    from allauth.account.adapter import get_adapter

    assert get_adapter().is_open_for_signup(None) is False
    assert "sign up" not in client.get(reverse("account_login")).content.decode().lower()


@pytest.mark.parametrize("attempts", [5])
def test_repeated_failures_lock_the_login_and_say_when_to_retry(client, db, attempts):
    UserFactory(username="ana")
    for _ in range(attempts - 1):
        assert client.post(reverse("account_login"), {"login": "ana", "password": "wrong"}).status_code == 200
    response = client.post(reverse("account_login"), {"login": "ana", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "Please try again in 15 minutes" in response.content.decode()
    # Even the right password is refused while the lock holds, and the page itself says so.
    locked = client.post(reverse("account_login"), {"login": "ana", "password": PASSWORD})
    assert locked.status_code == 429
    assert client.get(reverse("home")).status_code == 302


def test_logout_is_a_post_and_ends_the_session(login, staff):
    client = login(staff)
    assert client.post(reverse("account_logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_a_reset_asked_for_an_unknown_address_sends_nothing_and_says_what_it_says_for_any(client, db, mailoutbox):
    UserFactory(username="ana", email="ana@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302 and response["Location"] == reverse("account_reset_password_done")
    assert mailoutbox == []


def test_a_forgotten_password_is_reset_through_the_emailed_link(client, db, mailoutbox):
    import re

    UserFactory(username="ana", email="ana@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "ana@example.org"})
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["ana@example.org"]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # allauth moves the key into the session, then shows the form
    response = client.post(form_url, {"password1": "a-new-long-password-9", "password2": "a-new-long-password-9"})
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    assert client.post(reverse("account_login"), {"login": "ana", "password": "a-new-long-password-9"})[
        "Location"
    ] == reverse("home")
