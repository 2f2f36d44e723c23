"""Headless Chromium from Debian's package, driven by Playwright's Python API against Django's live server.

Never a downloaded browser: /usr/bin/chromium (apt-get install chromium). Screenshots of failed tests go to
test-artifacts/screenshots/. Every page a test opens is watched: a Content-Security-Policy violation that
Chromium logs fails the test.
"""

import os
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from checklists.assessments.services import assessment_approve, assessment_submit
from checklists.models import Answer, Item
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template
from tests.events.factories import AttendanceFactory, EventFactory, ParticipantFactory
from tests.factories import make_focal_point, make_staff, totp_code, totp_secret_of
from tests.projects.factories import ProjectFactory

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install chromium to run the browser tests")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; ORM calls in the same test need this.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def csp_violations() -> list[str]:
    """What Chromium's console said about the Content-Security-Policy, page by page (should stay empty)."""
    return []


@pytest.fixture
def page(browser, request, csp_violations):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()

    def watch(message):
        if "Content Security Policy" in message.text:
            csp_violations.append(f"{page.url}: {message.text}")

    page.on("console", watch)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{request.node.name}.png", full_page=True)
    context.close()
    assert csp_violations == [], "a page broke the Content-Security-Policy"


@pytest.fixture
def log_in(live_server, page):
    """Logs in through the real login form, as a person would: the password, then, for those who have an
    authenticator app (staff and administrators), the code it shows now."""
    used_codes = set()

    def log_in_as(username: str, password: str):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username or email address").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
        if page.url.startswith(f"{live_server.url}/accounts/2fa/authenticate/"):
            secret = totp_secret_of(username)
            # A code signs in once: a second sign-in within the same 30 seconds waits for the next code.
            while (username, code := totp_code(secret)) in used_codes:
                time.sleep(1)
            used_codes.add((username, code))
            page.get_by_label("Code").fill(code)
            page.get_by_role("button", name="Sign In").click()
            page.wait_for_load_state()
        return page

    return log_in_as


@pytest.fixture
def programme(md, ge):
    """A small programme for the flows: staff and the focal points of Moldova and Georgia; a baseline round both
    countries handed in (approved) and an open follow-up; a project and a training in each country, Moldova's
    with one attendee."""
    staff = make_staff("staff")
    template = make_template(recommendations=2, questions=2)
    baseline = RoundFactory(
        template=template,
        name="SEE baseline 2022",
        slug="see-baseline-2022",
        opens_on=date(2022, 3, 1),
        deadline=date(2022, 9, 30),
    )
    follow_up = RoundFactory(template=template, name="SEE follow-up 2026", slug="see-follow-up-2026")
    handed_in = {}
    # Moldova: No to 1.1-q1 only; Georgia: No to all of recommendation 2 and to 1.1-qha.
    for country, no_keys in ((md, {"1.1-q1"}), (ge, {"2.1-q1", "2.1-q2", "1.1-qha"})):
        assessment = AssessmentFactory(round=baseline, country=country)
        answer_all(assessment, Answer.Value.YES)
        Answer.objects.filter(assessment=assessment, item__key__in=no_keys).update(value=Answer.Value.NO)
        assessment_submit(assessment=assessment, by=None)
        assessment_approve(assessment=assessment, by=staff)
        handed_in[country.code] = assessment
    md_follow_up = AssessmentFactory(round=follow_up, country=md)
    Answer.objects.create(
        assessment=md_follow_up,
        item=Item.objects.get(section__recommendation__template=template, key="1.1-q1"),
        value=Answer.Value.YES,
    )
    ge_follow_up = AssessmentFactory(round=follow_up, country=ge)
    training = EventFactory(title="TC training", slug="tc-training", country=md)
    AttendanceFactory(event=training, participant=ParticipantFactory(name="Ștefan Țurcanu", country=md))
    return SimpleNamespace(
        staff=staff,
        fp_md=make_focal_point("fp-md", md),
        fp_ge=make_focal_point("fp-ge", ge),
        template=template,
        baseline=baseline,
        follow_up=follow_up,
        md_baseline=handed_in["MD"],
        ge_baseline=handed_in["GE"],
        md_follow_up=md_follow_up,
        ge_follow_up=ge_follow_up,
        md_project=ProjectFactory(title="Prison health in Moldova", slug="prison-health-md", countries=[md]),
        ge_project=ProjectFactory(title="Prison health in Georgia", slug="prison-health-ge", countries=[ge]),
        md_training=training,
        ge_workshop=EventFactory(title="Tbilisi workshop", slug="tbilisi-workshop", country=ge),
    )
