"""Logging in: every portal page is private, wrong passwords are refused vaguely, and repeated failures lock."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


def test_every_page_requires_login(client, md):
    for url in ["/", reverse("countries:list"), reverse("countries:detail", args=["MD"])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_login_page_is_public_and_logs_in(client, db):
    UserFactory(username="ana")
    assert client.get(reverse("account_login")).status_code == 200
    response = client.post(reverse("account_login"), {"username": "ana", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_wrong_password_says_so_without_saying_which_part(client, db):
    UserFactory(username="ana")
    response = client.post(reverse("account_login"), {"username": "ana", "password": "wrong"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Please enter a correct username and password" in content
    # The same message for a user name that does not exist: nothing tells which part was wrong.
    other = client.post(reverse("account_login"), {"username": "nobody", "password": "wrong"}).content.decode()
    assert "Please enter a correct username and password" in other


@pytest.mark.parametrize("attempts", [5])
def test_repeated_failures_lock_the_login_and_say_when_to_retry(client, db, settings, attempts):
    UserFactory(username="ana")
    for _ in range(attempts - 1):
        assert client.post(reverse("account_login"), {"username": "ana", "password": "wrong"}).status_code == 200
    response = client.post(reverse("account_login"), {"username": "ana", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "Please try again in 15 minutes" in response.content.decode()
    # Even the right password is refused while the lock holds.
    locked = client.post(reverse("account_login"), {"username": "ana", "password": PASSWORD})
    assert locked.status_code == 429


def test_logout_is_a_post_and_ends_the_session(login, staff):
    client = login(staff)
    assert client.post(reverse("account_logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302
