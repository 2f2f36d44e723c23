"""A column's links, reversed once: the very addresses reverse() gives, row by row."""

import pytest
from django.urls import reverse

from cjhp.links import link_maker
from tests.events.factories import EventFactory


def test_number_links_are_reverses():
    make = link_maker("checklists:assessment")
    for pk in (1, 7, 42, 2_147_483_646, 123456789012):
        assert make(pk) == reverse("checklists:assessment", args=[pk])
    unregister = link_maker("events:unregister", "tc-training")
    assert unregister(5) == reverse("events:unregister", args=["tc-training", 5])


def test_slug_links_are_reverses():
    make = link_maker("events:detail", slug=True)
    for slug in ("tc-training", "a", "2020_round-2", "link-marker-0"):
        assert make(slug) == reverse("events:detail", args=[slug])
    country = link_maker("countries:detail", slug=True)
    for code in ("MD", "GE", "x y", "é&ü", "a?b#c"):
        assert country(code) == reverse("countries:detail", args=[code])


@pytest.mark.django_db
def test_the_events_list_links_each_event_to_its_page(login, staff, md):
    events = [EventFactory(title=f"Event {n}", country=md) for n in range(3)]
    text = login(staff).get(reverse("events:list")).content.decode()
    for event in events:
        assert f'<a href="{event.get_absolute_url()}">{event.title}</a>' in text
