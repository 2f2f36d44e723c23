"""A staff member without a second factor signs in, is sent to set up an authenticator app, reads its secret from
the page, enters a code, sees their recovery codes and reaches the dashboard; then adds a security key (Chromium's
virtual authenticator) and signs in with it."""

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_staff, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def set_up_authenticator_app(page, live_server) -> str:
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    expect(page.get_by_role("status")).to_contain_text("Programme staff and administrators sign in with a second")
    # allauth asks for the password again before adding a second factor.
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/totp/activate/")
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/recovery-codes/")
    codes = page.get_by_label("Unused codes").input_value().split()
    assert len(codes) == 10
    return secret


def test_staff_set_up_an_authenticator_app_before_anything_else(live_server, page, log_in):
    staff = make_staff("ana", second_factor=False)
    log_in("ana", PASSWORD)
    set_up_authenticator_app(page, live_server)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/")
    assert Authenticator.objects.filter(user=staff, type="totp").exists()


def test_staff_add_a_security_key_and_sign_in_with_it(live_server, page, log_in):
    make_staff("ana")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    log_in("ana", PASSWORD)
    page.goto(f"{live_server.url}/accounts/2fa/webauthn/add/")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Add Security Key")).to_be_visible()
    page.get_by_role("button", name="Add").click()
    # Added: allauth moves on to the recovery codes, made with the first security key.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/(recovery-codes|webauthn)/$"))
    assert Authenticator.objects.filter(user__username="ana", type="webauthn").exists()
    # Signing in again: the password, then the security key instead of a code.
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    page.get_by_label("Username or email address").fill("ana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Use a security key").click()
    expect(page).to_have_url(f"{live_server.url}/")
