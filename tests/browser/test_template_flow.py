"""In headless Chromium: staff turn a frozen template into an editable new version, reorder and edit it.

These pages use plain forms and no JavaScript.
"""

import pytest

from checklists.models import Item, Template
from tests.checklists.factories import make_round, make_template
from tests.factories import PASSWORD, make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_staff_make_a_new_version_of_a_frozen_template_and_reorder_it(live_server, log_in, page):
    make_staff(username="staff")
    template = make_template(version="2021 working draft")
    make_round(template, name="SEE baseline 2022")
    log_in("staff", PASSWORD)

    page.get_by_role("link", name="Templates").click()
    page.get_by_role("link", name="2021 working draft").click()
    assert page.get_by_text("This version is used by an assessment round, so it can no longer change.").is_visible()
    assert page.get_by_role("link", name="Edit 1.1-q1").count() == 0

    page.get_by_role("link", name="Create a new version").first.click()
    page.get_by_label("Name of the new version").fill("2023 draft")
    page.get_by_role("button", name="Create the new version").click()
    assert page.get_by_text("Version “2023 draft” was created: you can now edit it.").is_visible()

    page.get_by_role("button", name="Move down 1.1-q1").click()
    page.get_by_role("link", name="Edit 1.1-q2").click()
    page.get_by_label("Text:", exact=True).fill("Is the adequacy of training coverage assessed?")
    page.get_by_role("button", name="Save").click()

    new = Template.objects.get(version="2023 draft")
    keys = Item.objects.filter(section__recommendation__template=new, section__number="1.1").order_by("order")
    assert list(keys.values_list("key", flat=True)) == ["1.1-q2", "1.1-q1", "1.1-qh", "1.1-qha", "1.1-qhb"]
    assert keys.get(key="1.1-q2").text == "Is the adequacy of training coverage assessed?"
    original = Item.objects.get(section__recommendation__template=template, key="1.1-q2")
    assert original.text == "Question 1.1-q2?" and original.order == 2
