"""On a phone 390 px wide no page scrolls sideways, tables shown as cards keep their column labels, and the staff
home page puts what waits for staff (submissions to review, overdue items) before the countries' progress."""

import pytest

from checklists.assessments.services import assessment_submit
from checklists.models import Answer, Item, Recommendation
from tests.checklists.factories import answer_all
from tests.factories import PASSWORD
from tests.projects.factories import ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LONG = (
    "Ensure continuity of opioid agonist treatment between police custody, pre-trial detention, prison and the "
    "community health services after release"
)


@pytest.fixture
def long_texts(programme):
    """The texts that stretched the pages: a long project title and recommendation title in the filters' options,
    and a long question on the assessment page."""
    ProjectFactory(title=LONG, slug="long-project")
    Recommendation.objects.filter(template=programme.template, number=1).update(title_en=LONG)
    Item.objects.filter(section__recommendation__template=programme.template, key="1.1-q1").update(
        text_en=f"{LONG}? Does the prison service record, for every person released, which clinic continues it?"
    )
    answer_all(programme.ge_follow_up, Answer.Value.YES)
    assessment_submit(assessment=programme.ge_follow_up, by=None)
    return programme


def open_on_phone(page, url):
    page.goto(url)
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} is {width} px wide on a phone"


def labels(page, selector) -> list[str]:
    """What a phone shows before each cell of the card table: its column's label."""
    return page.eval_on_selector_all(
        selector, "cells => cells.map(cell => getComputedStyle(cell, '::before').content.replaceAll('\"', ''))"
    )


def test_pages_fit_a_phone_and_card_tables_keep_their_labels(live_server, log_in, long_texts):
    page = log_in("staff", PASSWORD)
    page.set_viewport_size(PHONE)

    open_on_phone(page, f"{live_server.url}/")
    # What needs action comes first: the submission waiting for review, then the open rounds' countries.
    tops = page.evaluate(
        """ids => ids.map(id => document.getElementById(id).getBoundingClientRect().top)""",
        ["review-heading", "open-rounds-heading", "heat-map-heading"],
    )
    assert tops[0] < tops[1] < tops[2]

    open_on_phone(page, f"{live_server.url}/events/")
    open_on_phone(page, f"{live_server.url}/projects/")

    open_on_phone(page, f"{live_server.url}/checklists/rounds/see-baseline-2022/")
    # Each country's card says what each number is: answered, Yes, then each recommendation's Yes share.
    first_row = labels(page, ".comparison tbody tr:first-child td")
    assert first_row == ["Status: ", "Answered: ", "Yes: ", "R1: ", "R2: "]

    page.context.clear_cookies()
    page = log_in("fp-md", PASSWORD)
    page.set_viewport_size(PHONE)
    open_on_phone(page, f"{live_server.url}{long_texts.md_follow_up.get_absolute_url()}")
    assert labels(page, "#progress-overview tbody tr:first-child td")[1:] == ["Answered: ", "Yes: "]
    # The long question wraps inside its box, below the box's top border, and the box stays inside its card.
    question = page.locator("#question-1\\.1-q1")
    box, legend = question.bounding_box(), question.locator("legend").bounding_box()
    card = page.locator(".checklist-section").first.bounding_box()
    assert legend["height"] > 40  # several lines
    assert legend["y"] > box["y"] + 1  # below the border, which no longer runs through its lines
    assert card["x"] <= box["x"] and box["x"] + box["width"] <= card["x"] + card["width"]
