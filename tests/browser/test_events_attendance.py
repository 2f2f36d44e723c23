"""Programme staff register people for a training, mark attendance, and find the certificates."""

import pytest
from playwright.sync_api import expect

from events.models import Attendance
from tests.events.factories import EventFactory
from tests.factories import PASSWORD, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_register_a_participant_mark_attendance_and_get_the_certificate(live_server, log_in, md):
    make_staff()
    event = EventFactory(title="TC training", slug="tc-training", country=md)
    page = log_in("staff", PASSWORD)
    page.goto(f"{live_server.url}/events/")
    page.get_by_role("link", name="TC training").click()
    page.get_by_role("link", name="Register a participant").click()
    page.get_by_label("Email").fill("stefan@example.md")
    page.get_by_label("Name").fill("Ștefan Țurcanu")
    page.get_by_label("Country").select_option(label="Republic of Moldova")
    page.get_by_label("Professional group").select_option(label="Other prison staff")
    page.get_by_role("button", name="Register", exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_text("Ștefan Țurcanu is registered for the event.")).to_be_visible()

    page.get_by_role("link", name="Mark attendance").click()
    page.get_by_label("Ștefan Țurcanu attended").check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Attendance saved (1 changed).")).to_be_visible()
    expect(page.get_by_text("1 attended of 1 registered.")).to_be_visible()
    assert Attendance.objects.get(event=event).attended
    expect(page.get_by_role("link", name="PDF Ștefan Țurcanu")).to_be_visible()
    expect(page.get_by_role("link", name="All certificates (PDF)")).to_be_visible()


def test_the_calendar_moves_from_month_to_month(live_server, log_in, md):
    make_staff()
    EventFactory(title="TC training", slug="tc-training", country=md)
    page = log_in("staff", PASSWORD)
    page.goto(f"{live_server.url}/events/calendar/2015/4/")
    expect(page.get_by_role("heading", name="Events in April 2015")).to_be_visible()
    page.get_by_role("link", name="May 2015 →").click()
    expect(page.get_by_role("heading", name="Events in May 2015")).to_be_visible()
    expect(page.get_by_role("link", name="TC training").first).to_be_visible()
