"""Every page of the permission matrix, as staff, as a focal point and signed out, in English and in French, at
1280 px and on a 390-px phone: axe-core finds no violation of WCAG 2.1 A or AA, and no page scrolls sideways on
the phone. The Nu Html Checker reads the same pages in tests/cjhp/test_html_checker.py.
"""

import pytest
from django.conf import settings

from tests.checkers import AXE, LANGUAGES, WCAG_21_AA, pages_for, signed_in_client
from tests.matrix import ANON, FP_SAME, STAFF
from tests.test_permission_matrix import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then(result => result.violations.map(
    v => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map(node => node.target.join(" ")).join(", ")}`))"""
# The innermost elements that stick out on the right, to name what stretches a page.
STICKING_OUT = """width => [...document.body.querySelectorAll("*")]
  .filter(e => e.getBoundingClientRect().right > width + 1 && e.children.length === 0)
  .slice(0, 3).map(e => `<${e.localName} class="${e.className}"> ${e.textContent.trim().slice(0, 40)}`)"""


@pytest.fixture(autouse=True)
def _checkers_installed():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs it (npm ci --prefix tests/checkers)")


def problems_on(page, url, width) -> list[str]:
    """What axe finds on the page as it is now, and, on a phone, a page wider than the screen."""
    page.set_viewport_size(width)
    # Two frames: the page's scripts see the new width (a ResizeObserver) before axe looks.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    found = page.evaluate(RUN_AXE, WCAG_21_AA)
    if width["width"] < 1280:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width["width"]:
            wide = ", ".join(page.evaluate(STICKING_OUT, width["width"]))
            found.append(f"scrolls sideways: {scroll_width} px wide, stretched by {wide}")
    return [f"{url} at {width['width']} px: {problem}" for problem in found]


@pytest.mark.parametrize("role", [STAFF, FP_SAME, ANON])
def test_every_page_passes_axe_and_fits_a_phone(live_server, browser, role):
    world = build_world()
    client = signed_in_client(world.users[role])
    axe = AXE.read_text()
    problems, checked = [], 0
    for language in LANGUAGES:
        context = browser.new_context(locale="en-GB")
        context.set_default_timeout(15_000)
        cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        if settings.SESSION_COOKIE_NAME in client.cookies:
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url})
        context.add_cookies(cookies)
        page = context.new_page()
        csp = []

        def watch(message, csp=csp):
            if "Content Security Policy" in message.text:
                csp.append(message.text)

        page.on("console", watch)
        for url in pages_for(world, role):
            with page.expect_response(lambda response: response.request.is_navigation_request()) as navigation:
                try:
                    page.goto(live_server.url + url)
                except Exception as error:  # A PDF, a spreadsheet or a CSV file is a download, not a page.
                    if "Download is starting" in str(error):
                        continue
                    raise
            if not navigation.value.headers.get("content-type", "").startswith("text/html"):
                continue
            assert page.evaluate("document.documentElement.lang") == language, url
            page.evaluate(axe)
            for width in WIDTHS:
                problems += problems_on(page, f"{url} ({language})", width)
            checked += 1
        context.close()
        assert csp == [], "a page broke the Content-Security-Policy"
    assert checked >= {STAFF: 140, FP_SAME: 50, ANON: 12}[role], f"only {checked} pages were checked"
    assert problems == [], "\n".join(problems)
