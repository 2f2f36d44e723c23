"""Staff invite a new focal point of Moldova; the email's link lets them choose a password; they fill a section;
staff end their service; they can no longer open Moldova's pages. In headless Chromium, against the live server."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from checklists.models import Answer, Assessment, AssessmentRound, Item, Template
from cjhp.models import AccessRecord
from countries.models import Country, FocalPoint
from tests.factories import PASSWORD, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Chisinau-prison-health-26"


@pytest.fixture
def moldova_assessment():
    call_command("load_reference_data", verbosity=0)
    assessment_round = AssessmentRound.objects.create(
        name="SEE follow-up 2026",
        slug="see-follow-up-2026",
        template=Template.objects.get(),
        opens_on=date(2026, 1, 1),
        deadline=date(2026, 12, 31),
    )
    make_staff("staff")
    return Assessment.objects.create(round=assessment_round, country=Country.objects.get(code="MD"))


def test_staff_invite_a_focal_point_who_fills_a_section_until_their_service_ends(
    live_server, page, log_in, moldova_assessment
):
    assessment = moldova_assessment
    started = date.today() - timedelta(days=30)

    # Staff invite the new focal point from Moldova's page.
    page = log_in("staff", PASSWORD)
    page.goto(f"{live_server.url}/countries/MD/")
    page.get_by_role("link", name="Invite a focal point").click()
    page.get_by_label("Name").fill("Elena Ciobanu")
    page.get_by_label("Email").fill("elena.ciobanu@example.md")
    page.get_by_label("Language").select_option("en")
    page.get_by_label("Serves from").fill(started.isoformat())
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Elena Ciobanu was invited to Republic of Moldova as focal point")).to_be_visible()
    expect(page.locator("#focal-points")).to_contain_text("invitation pending")

    # The email's link lets them choose a password, and signs them in.
    [message] = mail.outbox
    assert message.to == ["elena.ciobanu@example.md"]
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)
    page.context.clear_cookies()
    page.goto(live_server.url + link[link.index("/accounts/") :])
    page.get_by_label("New password:", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save my password and sign in").click()
    expect(page.get_by_text("your password is saved and you are signed in")).to_be_visible()

    # They land on their country's open assessments and fill section 1.1.
    expect(page.get_by_role("heading", name="Your assessments")).to_be_visible()
    page.get_by_role("link", name="SEE follow-up 2026 · Republic of Moldova").click()
    keys = list(
        Item.objects.filter(section__number="1.1", is_heading=False).order_by("order").values_list("key", flat=True)
    )
    for key in keys:
        page.locator(f'[id="question-{key}"]').get_by_label("Yes").check()
    page.get_by_role("button", name="Save section 1.1").click()
    expect(page.locator(".checklist-section").get_by_text("Section 1.1 was saved.")).to_be_visible()
    assert Answer.objects.filter(assessment=assessment, value=Answer.Value.YES).count() == len(keys)

    # Staff end their service, as of yesterday, from the person's page.
    page.context.clear_cookies()
    page = log_in("staff", PASSWORD)
    page.get_by_role("link", name="People").click()
    page.get_by_role("link", name="Elena Ciobanu").click()
    expect(page.locator("#invitations")).to_contain_text("accepted")
    page.get_by_role("link", name="End service in Republic of Moldova…").click()
    page.get_by_label("Last day of service").fill((date.today() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="End the service").click()
    expect(page.get_by_text("The service of Elena Ciobanu in Republic of Moldova ends on")).to_be_visible()
    expect(page.locator("#history li")).to_have_count(3)  # invited, accepted, service ended
    assert list(AccessRecord.objects.order_by("pk").values_list("kind", flat=True)) == [
        "invited",
        "accepted",
        "service_ended",
    ]

    # They can still sign in, but see nothing of Moldova any more.
    page.context.clear_cookies()
    page = log_in("elena.ciobanu@example.md", NEW_PASSWORD)
    expect(page.get_by_text("You no longer serve any country")).to_be_visible()
    for path in ("/countries/MD/", assessment.get_absolute_url(), "/checklists/assessments/"):
        response = page.goto(f"{live_server.url}{path}")
        if path.endswith("/assessments/"):
            expect(page.locator("main")).not_to_contain_text("Republic of Moldova")
        else:
            assert response.status == 404, path
    assert not FocalPoint.objects.active().filter(user__email="elena.ciobanu@example.md").exists()
