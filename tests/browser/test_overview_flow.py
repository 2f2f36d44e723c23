"""Staff choose the heat map's round on the dashboard and search from the header; a country page compares two
chosen rounds."""

from datetime import date

import pytest

from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template
from tests.factories import PASSWORD, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_choose_the_heat_maps_round_and_search_from_the_header(live_server, log_in, md):
    make_staff(username="staff-b")
    template = make_template()
    old = RoundFactory(template=template, name="Baseline", opens_on=date(2020, 1, 1), deadline=date(2020, 6, 1))
    new = RoundFactory(template=template, name="Follow-up", opens_on=date(2024, 1, 1), deadline=date(2024, 6, 1))
    answer_all(AssessmentFactory(round=old, country=md), "no")
    answer_all(AssessmentFactory(round=new, country=md), "yes")
    page = log_in("staff-b", PASSWORD)

    heat_map = page.locator("#heat-map")
    assert "Yes answers in Follow-up" in heat_map.inner_text()
    heat_map.get_by_label("Round").select_option(label="Baseline")
    heat_map.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "Yes answers in Baseline" in page.locator("#heat-map").inner_text()
    assert "0%" in page.locator("#heat-map table").inner_text()

    page.get_by_role("searchbox", name="Search countries, projects, events and participants").fill("moldova")
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_load_state()
    assert "1 result for “moldova”." in page.inner_text("main")
    page.get_by_role("link", name="Republic of Moldova").first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Republic of Moldova")
    # The country page compares the two rounds: every answer went from No to Yes.
    changes = page.locator("[data-change=no_to_yes]")
    assert "(6)" in changes.inner_text()
