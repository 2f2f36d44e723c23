"""The API's documentation page (Swagger UI from the portal's own static files) and its browsable pages render
under the portal's Content-Security-Policy, with no violation; the settings page makes a token shown once."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_documentation_renders_with_no_csp_violation(live_server, log_in, programme, csp_violations):
    page = log_in("fp-md", PASSWORD)
    outside = []
    page.on("request", lambda request: request.url.startswith(live_server.url) or outside.append(request.url))

    response = page.goto(f"{live_server.url}/api/v1/docs/")

    assert response.status == 200
    # Swagger UI drew the schema's operations: its scripts ran, from the portal's own files.
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.get_by_text("/api/v1/assessments/", exact=True).first).to_be_visible()
    assert outside == [] and csp_violations == []


def test_the_browsable_api_renders_with_no_csp_violation(live_server, log_in, programme, csp_violations):
    page = log_in("fp-md", PASSWORD)

    response = page.goto(f"{live_server.url}/api/v1/countries/")

    assert response.status == 200 and "text/html" in response.headers["content-type"]
    expect(page.get_by_text('"code": "MD"')).to_be_visible()
    assert csp_violations == []


def test_a_token_is_made_on_the_settings_page_and_shown_once(live_server, log_in, programme, csp_violations):
    page = log_in("fp-md", PASSWORD)
    page.goto(f"{live_server.url}/accounts/settings/")
    page.locator("#id_token-name").fill("Ministry dashboard")
    page.get_by_role("button", name="Create a token").click()

    secret = page.get_by_label("Your new token").input_value()
    assert secret.startswith("cjhp_")
    page.goto(f"{live_server.url}/accounts/settings/")
    expect(page.get_by_role("cell", name="Ministry dashboard", exact=True)).to_be_visible()
    assert secret not in page.content()
    assert csp_violations == []
