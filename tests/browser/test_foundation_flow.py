"""A focal point logs in through the real login form and reaches their country, and only theirs."""

import pytest

from tests.factories import PASSWORD, make_focal_point

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focal_point_logs_in_and_opens_their_country(live_server, log_in, md, ge):
    make_focal_point("fp-md", md)
    page = log_in("fp-md", PASSWORD)
    assert page.get_by_role("heading", name="Your country").is_visible()
    page.get_by_role("link", name="Republic of Moldova").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Republic of Moldova")

    page.goto(f"{live_server.url}/countries/GE/")
    assert page.get_by_role("heading", name="Page not found").is_visible()
