"""How the pages use their width: at 1280 px a chart beside its table leaves the table room for every column
(the home page's events per year, Total included), and the event page's chart and table share its panel; on a
phone, a table box that scrolls sideways can be reached with the keyboard and is named after its table."""

from datetime import date

import pytest

from events.models import Event
from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOX = "b => ({left: b.getBoundingClientRect().left, right: b.getBoundingClientRect().right,"
BOX += " top: b.getBoundingClientRect().top, bottom: b.getBoundingClientRect().bottom})"


def box_of(locator) -> dict:
    return locator.evaluate(BOX)


def test_the_home_page_events_table_shows_every_kind_and_the_total_at_1280(live_server, log_in, programme):
    kinds = [Event.Kind.CONFERENCE, Event.Kind.ROUND_TABLE, Event.Kind.EXPERT_MEETING, Event.Kind.CEREMONY]
    for year, kind in enumerate(kinds, start=2013):
        EventFactory(kind=kind, starts_on=date(year, 5, 1), country=programme.md_training.country)
    page = log_in("staff", PASSWORD)
    page.goto(f"{live_server.url}/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Events per year by kind"))
    wrap = panel.locator(".table-wrap")
    total = wrap.get_by_role("columnheader", name="Total")
    assert box_of(total)["right"] <= box_of(wrap)["right"] + 1, "the Total column is cut off"
    assert wrap.evaluate("b => b.scrollWidth <= b.clientWidth"), "the table scrolls inside its box at 1280 px"


def test_the_event_page_chart_and_table_share_the_panel(live_server, log_in, programme):
    event = programme.md_training
    AttendanceFactory(event=event, participant=ParticipantFactory(name="Ion Bălan", country=event.country))
    page = log_in("staff", PASSWORD)
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    panel = page.locator("#attendance-summary")
    chart, table = box_of(panel.locator(".chart")), box_of(panel.locator("table"))
    # Side by side: the chart on the left, the table beside it up to the panel's edge.
    assert chart["right"] <= table["left"] and chart["top"] < table["bottom"]
    inner_right = panel.evaluate("p => p.getBoundingClientRect().right - parseFloat(getComputedStyle(p).paddingRight)")
    assert abs(table["right"] - inner_right) <= 2


def test_a_table_box_that_scrolls_on_a_phone_is_reached_by_the_keyboard_and_named(live_server, log_in, programme):
    page = log_in("staff", PASSWORD)
    page.goto(f"{live_server.url}{programme.md_training.get_absolute_url()}")
    wrap = page.locator("#attendance-summary .table-wrap")
    # At 1280 px the table fits: its box is no tab stop.
    assert wrap.get_attribute("tabindex") is None and wrap.get_attribute("role") is None
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("() => document.querySelector('#attendance-summary .table-wrap').tabIndex === 0")
    assert wrap.evaluate("b => b.scrollWidth > b.clientWidth")
    assert wrap.get_attribute("role") == "region"
    assert wrap.get_attribute("aria-label") == "Attendees by professional group and gender"
    wrap.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('#attendance-summary .table-wrap').scrollLeft > 0")
