"""No page of the portal needs an inline script or style: Chromium, enforcing the Content-Security-Policy, logs
no violation on the main pages of staff and of a focal point (the page fixture fails on any)."""

import pytest
from playwright.sync_api import expect

from cjhp.lib.roles import ensure_roles
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit_all(page, base_url, paths):
    """Opens each page; each, and every file it loads (stylesheets, scripts), answers without error."""
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    for path in paths:
        response = page.goto(f"{base_url}{path}")
        assert response.status == 200, f"{path}: {response.status}"
        assert "Content-Security-Policy" in {name.title() for name in response.headers}, path
    assert failed == []


def test_staff_pages_and_the_admin_need_no_inline_script_or_style(live_server, log_in, programme, csp_violations):
    # Programme staff flagged as staff users, so that the admin's own pages open (not only its sign-in).
    ensure_roles()
    programme.staff.is_staff = True
    programme.staff.save()
    page = log_in("staff", PASSWORD)
    p = programme
    visit_all(
        page,
        live_server.url,
        [
            "/",
            "/countries/",
            "/countries/MD/",
            "/countries/MD/edit/",
            "/checklists/assessments/",
            p.md_follow_up.get_absolute_url(),
            p.md_baseline.get_absolute_url(),
            f"/checklists/assessments/{p.md_baseline.pk}/review/",
            "/checklists/rounds/",
            f"/checklists/rounds/{p.baseline.slug}/",
            f"/checklists/rounds/{p.baseline.slug}/gaps/",
            "/checklists/rounds/new/",
            "/checklists/templates/",
            f"/checklists/templates/{p.template.pk}/",
            "/checklists/actions/",
            "/projects/",
            f"/projects/{p.md_project.slug}/",
            "/projects/new/",
            "/events/",
            "/events/calendar/2015/5/",
            f"/events/{p.md_training.slug}/",
            f"/events/{p.md_training.slug}/attendance/",
            f"/events/{p.md_training.slug}/import/",
            "/events/participants/",
            "/search/?q=moldova",
            "/accounts/password/change/",
            "/accounts/2fa/",
            "/accounts/2fa/webauthn/",
            "/admin/",
            "/admin/countries/country/",
            "/admin/countries/country/import/",
            f"/admin/countries/country/{p.md_baseline.country.pk}/change/",
        ],
    )
    assert csp_violations == []


def test_a_focal_points_pages_need_no_inline_script_or_style(live_server, log_in, programme, csp_violations):
    page = log_in("fp-md", PASSWORD)
    p = programme
    visit_all(
        page,
        live_server.url,
        [
            "/",
            "/countries/",
            "/countries/MD/",
            p.md_follow_up.get_absolute_url(),
            p.md_baseline.get_absolute_url(),
            "/checklists/assessments/",
            "/checklists/actions/",
            f"/checklists/assessments/{p.md_follow_up.pk}/upload/",
            f"/checklists/assessments/{p.md_baseline.pk}/actions/new/",
            "/projects/",
            f"/projects/{p.md_project.slug}/",
            "/events/",
            f"/events/{p.md_training.slug}/",
        ],
    )
    # The pages' own script ran: the assessment page's sections save in place.
    page.goto(f"{live_server.url}{p.md_follow_up.get_absolute_url()}")
    page.locator('[id="question-1.1-q2"]').get_by_label("Yes").check()
    page.get_by_role("button", name="Save section 1.1").click()
    expect(page.locator(".checklist-section").get_by_text("Section 1.1 was saved.")).to_be_visible()
    assert csp_violations == []


def test_an_injected_inline_script_is_refused_and_reported(live_server, log_in, programme, csp_violations):
    """The watch above can fail: Chromium refuses an inline script and says so on the console."""
    page = log_in("fp-md", PASSWORD)
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'document.title = \"x\"';"
        " document.body.append(s); }"
    )
    page.wait_for_timeout(100)
    assert page.title() != "x"
    assert len(csp_violations) == 1 and "Executing inline script violates" in csp_violations[0]
    csp_violations.clear()
