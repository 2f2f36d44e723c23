"""A focal point answers section 1.1 and submits; staff return it with a comment on one question; the focal point
fixes that answer and resubmits; staff approve. In headless Chromium, against the live server."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from checklists.models import Answer, Assessment, AssessmentRound, Item, Template
from countries.models import Country
from tests.factories import PASSWORD, make_focal_point, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def moldova_assessment():
    call_command("load_reference_data", verbosity=0)
    template = Template.objects.get()
    md = Country.objects.get(code="MD")
    assessment_round = AssessmentRound.objects.create(
        name="SEE follow-up 2026",
        slug="see-follow-up-2026",
        template=template,
        opens_on=date(2026, 1, 1),
        deadline=date(2026, 12, 31),
    )
    assessment = Assessment.objects.create(round=assessment_round, country=md)
    # Every section but 1.1 was answered earlier.
    for item in Item.objects.filter(section__recommendation__template=template, is_heading=False).exclude(
        section__number="1.1"
    ):
        Answer.objects.create(assessment=assessment, item=item, value=Answer.Value.YES)
    make_focal_point("fp-md", md)
    make_staff("staff")
    return assessment


def question(page, key):
    return page.locator(f'[id="question-{key}"]')


def switch_user(page, log_in, username):
    page.context.clear_cookies()
    return log_in(username, PASSWORD)


def test_a_focal_point_submits_staff_return_the_focal_point_fixes_and_staff_approve(
    live_server, page, log_in, moldova_assessment
):
    assessment = moldova_assessment
    keys = list(
        Item.objects.filter(section__number="1.1", is_heading=False).order_by("order").values_list("key", flat=True)
    )
    total = Item.objects.filter(is_heading=False).count()

    # The focal point finds the assessment on their home page.
    page = log_in("fp-md", PASSWORD)
    expect(page.get_by_role("heading", name="Your assessments")).to_be_visible()
    page.get_by_role("link", name="SEE follow-up 2026 · Republic of Moldova").click()
    overview = page.locator("#progress-overview")
    done_before = total - len(keys)
    expect(overview).to_contain_text(f"{done_before} of {total} questions answered")

    # Submitting too early lists the unanswered questions of 1.1, each a link to it.
    page.get_by_role("button", name="Submit for review").click()
    unanswered = page.locator("#unanswered")
    expect(unanswered).to_contain_text(f"{len(keys)} questions are still unanswered")
    unanswered.get_by_role("link", name=keys[0]).click()
    assert page.url.endswith(f"#question-{keys[0]}")

    # They answer section 1.1; the section saves without a reload and the progress moves.
    for key in keys:
        question(page, key).get_by_label("Yes").check()
    question(page, keys[0]).get_by_text("Note and evidence").click()
    question(page, keys[0]).get_by_label("Note").fill("Annual training plan of the prison service.")
    page.get_by_role("button", name="Save section 1.1").click()
    expect(page.locator(".checklist-section").get_by_text("Section 1.1 was saved.")).to_be_visible()
    expect(overview).to_contain_text(f"{total} of {total} questions answered (100%)")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("The assessment was submitted")).to_be_visible()
    expect(page.locator(".page-heading .status")).to_have_text("Submitted")
    expect(page.get_by_role("button", name="Save section 1.1")).to_have_count(0)

    # Staff return it, with a comment on one question.
    page = switch_user(page, log_in, "staff")
    expect(page.get_by_role("heading", name="Assessments waiting for review")).to_be_visible()
    page.get_by_role("link", name=re.compile("Republic of Moldova · SEE follow-up 2026")).click()
    page.get_by_role("link", name="Return with comments…").click()
    page.get_by_label("What should the country fix?").fill("Please check the training of judges.")
    flagged = keys[-1]
    comment = page.locator(".question", has_text=flagged).first
    comment.get_by_text("Comment on this question").click()
    comment.get_by_label(f"Comment on {flagged}").fill("Judges were not trained in 2025, were they?")
    page.get_by_role("button", name="Return to the country").click()
    expect(page.locator(".page-heading .status")).to_have_text("Returned")

    # The focal point sees exactly what to fix, changes that answer and resubmits.
    page = switch_user(page, log_in, "fp-md")
    expect(page.get_by_text("Please check the training of judges.")).to_be_visible()
    page.get_by_role("link", name="SEE follow-up 2026 · Republic of Moldova").click()
    expect(question(page, flagged)).to_have_class(re.compile("question--flagged"))
    expect(question(page, flagged)).to_contain_text("Judges were not trained in 2025, were they?")
    question(page, flagged).get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save section 1.1").click()
    expect(page.locator(".checklist-section").get_by_text("Section 1.1 was saved.")).to_be_visible()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".page-heading .status")).to_have_text("Submitted")

    # Staff approve it; the timeline shows every step.
    page = switch_user(page, log_in, "staff")
    page.goto(f"{live_server.url}{assessment.get_absolute_url()}")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("The assessment was approved.")).to_be_visible()
    expect(page.locator(".page-heading .status")).to_have_text("Approved")
    expect(page.locator("#timeline li")).to_have_count(5)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.APPROVED
    assert Answer.objects.get(assessment=assessment, item__key=flagged).value == Answer.Value.NO
    assert Answer.history.filter(assessment_id=assessment.pk, item__key=flagged).count() == 2


def test_a_network_error_keeps_the_input_and_says_so(live_server, page, log_in, moldova_assessment):
    page = log_in("fp-md", PASSWORD)
    page.goto(f"{live_server.url}{moldova_assessment.get_absolute_url()}")
    section = page.locator(".checklist-section", has_text="1.1")
    question(page, "1.1-q1").get_by_label("No", exact=True).check()
    page.route("**/sections/**", lambda route: route.abort())
    page.get_by_role("button", name="Save section 1.1").click()
    expect(section.locator("[data-section-status]")).to_contain_text("Your answers are still in the form")
    expect(question(page, "1.1-q1").get_by_label("No", exact=True)).to_be_checked()
    assert not Answer.objects.filter(assessment=moldova_assessment, item__key="1.1-q1").exists()
    # Once the network is back, the same input saves.
    page.unroute("**/sections/**")
    page.get_by_role("button", name="Save section 1.1").click()
    expect(page.locator(".checklist-section").get_by_text("Section 1.1 was saved.")).to_be_visible()
    assert Answer.objects.get(assessment=moldova_assessment, item__key="1.1-q1").value == Answer.Value.NO


def test_a_stale_section_is_refused_in_place_and_keeps_the_input(
    live_server, browser, page, log_in, moldova_assessment
):
    url = f"{live_server.url}{moldova_assessment.get_absolute_url()}"
    first = log_in("fp-md", PASSWORD)
    first.goto(url)
    # A colleague (the same account in another browser) has the same page open.
    other_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    other_context.add_cookies(first.context.cookies())
    second = other_context.new_page()
    second.goto(url)

    question(first, "1.1-q1").get_by_label("Yes").check()
    first.get_by_role("button", name="Save section 1.1").click()
    expect(first.locator(".checklist-section").get_by_text("Section 1.1 was saved.")).to_be_visible()

    question(second, "1.1-q1").get_by_label("No", exact=True).check()
    question(second, "1.1-q2").get_by_label("Yes").check()
    second.get_by_role("button", name="Save section 1.1").click()
    expect(second.get_by_text("Someone else saved this section after you opened it")).to_be_visible()
    expect(second.locator(".conflict")).to_contain_text("1.1-q1: answer “Not answered yet” → “Yes”")
    expect(question(second, "1.1-q1").get_by_label("No", exact=True)).to_be_checked()
    expect(question(second, "1.1-q2").get_by_label("Yes")).to_be_checked()
    assert Answer.objects.get(assessment=moldova_assessment, item__key="1.1-q1").value == Answer.Value.YES
    assert not Answer.objects.filter(assessment=moldova_assessment, item__key="1.1-q2").exists()
    other_context.close()


def test_an_action_item_can_be_started_from_a_no_ticked_on_the_screen(live_server, page, log_in, moldova_assessment):
    page = log_in("fp-md", PASSWORD)
    page.goto(f"{live_server.url}{moldova_assessment.get_absolute_url()}")
    q1 = question(page, "1.1-q1")
    action = q1.get_by_role("link", name="Add an action item for this No")
    expect(action).to_be_hidden()
    q1.get_by_label("No", exact=True).check()
    expect(action).to_be_visible()
    q1.get_by_label("Yes").check()
    expect(action).to_be_hidden()
    q1.get_by_label("No", exact=True).check()
    # Followed before the section was saved: the section is saved first, then the action item form opens.
    action.click()
    expect(page.get_by_role("heading", name="New action item")).to_be_visible()
    item = Item.objects.get(section__recommendation__template=moldova_assessment.round.template, key="1.1-q1")
    assert Answer.objects.get(assessment=moldova_assessment, item=item).value == Answer.Value.NO
    expect(page.get_by_label("Question")).to_have_value(str(item.pk))
    expect(page.get_by_label("Recommendation")).to_have_value(str(item.section.recommendation_id))


def test_after_a_section_is_saved_the_focus_stays_and_the_page_announces_it(
    live_server, page, log_in, moldova_assessment
):
    page = log_in("fp-md", PASSWORD)
    page.goto(f"{live_server.url}{moldova_assessment.get_absolute_url()}")
    # The page's live region, marked so that a replacement would show.
    page.evaluate("document.getElementById('section-announcer').dataset.original = 'yes'")
    question(page, "1.1-q1").get_by_label("Yes").check()
    # Saved from the keyboard: the focus on the button, then Enter.
    page.get_by_role("button", name="Save section 1.1").focus()
    page.keyboard.press("Enter")
    announcer = page.locator("#section-announcer")
    expect(announcer).to_have_text("Section 1.1 was saved.")
    expect(announcer).to_have_attribute("data-original", "yes")
    expect(announcer).to_have_attribute("role", "status")
    expect(page.get_by_role("button", name="Save section 1.1")).to_be_focused()
    assert Answer.objects.get(assessment=moldova_assessment, item__key="1.1-q1").value == Answer.Value.YES

    # Saved again with Enter in the evidence link: the focus comes back to that field, the words are said again.
    q2 = question(page, "1.1-q2")
    q2.get_by_text("Note and evidence").click()
    link = q2.get_by_label("Evidence link")
    link.fill("https://example.org/register")
    page.evaluate("document.getElementById('section-announcer').textContent = ''")
    link.press("Enter")
    expect(announcer).to_have_text("Section 1.1 was saved.")
    expect(question(page, "1.1-q2").get_by_label("Evidence link")).to_be_focused()
    assert Answer.objects.get(assessment=moldova_assessment, item__key="1.1-q2").evidence_link == (
        "https://example.org/register"
    )
