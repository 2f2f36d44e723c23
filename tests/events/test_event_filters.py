"""The event list's filters return exactly the right events, and only events the user may see."""

from datetime import date

import pytest
from django.urls import reverse

from events.models import Event
from projects.recommendations import recommendations_numbered
from tests.events.factories import EventFactory
from tests.projects.factories import ProjectFactory, make_template


def titles(response) -> set[str]:
    return {event.title for event in response.context["events"]}


@pytest.fixture
def world(md, ge):
    make_template()
    tc = ProjectFactory(title="TC", countries=[md])
    rehab = ProjectFactory(title="Rehab", countries=[ge])
    EventFactory(title="Chisinau training", country=md, starts_on=date(2015, 5, 25)).projects.add(tc)
    ceremony = EventFactory(title="TC opening", kind=Event.Kind.CEREMONY, country=md, starts_on=date(2017, 11, 29))
    ceremony.projects.add(tc)
    ceremony.recommendations.set(recommendations_numbered([4]))
    conference = EventFactory(
        title="Tbilisi conference",
        kind=Event.Kind.CONFERENCE,
        country=ge,
        starts_on=date(2020, 2, 1),
        start_precision="month",
    )
    conference.projects.add(rehab)
    conference.recommendations.set(recommendations_numbered([1, 4]))
    EventFactory(title="Webinar", kind=Event.Kind.E_LEARNING, country=None, online=True, starts_on=date(2020, 6, 3))
    return {"md": md, "ge": ge, "tc": tc, "rehab": rehab}


@pytest.mark.parametrize(
    "query, expected",
    [
        ({}, {"Chisinau training", "TC opening", "Tbilisi conference", "Webinar"}),
        ({"country": "md"}, {"Chisinau training", "TC opening"}),
        ({"kind": "ceremony"}, {"TC opening"}),
        ({"year": "2020"}, {"Tbilisi conference", "Webinar"}),
        ({"project": "tc"}, {"Chisinau training", "TC opening"}),
        ({"recommendation": "4"}, {"TC opening", "Tbilisi conference"}),
        ({"recommendation": "1"}, {"Tbilisi conference"}),
        ({"country": "ge", "year": "2015"}, set()),
        ({"q": "opening"}, {"TC opening"}),
    ],
)
def test_each_filter_returns_exactly_the_matching_events(login, staff, world, query, expected):
    query = {key: world[value].pk if key in ("country", "project") else value for key, value in query.items()}
    assert titles(login(staff).get(reverse("events:list"), query)) == expected


def test_a_recommendation_filter_matches_by_number_across_template_versions(login, staff, world):
    # A new template version: the links made with the old one still count as recommendation 4.
    make_template(version="2025")
    response = login(staff).get(reverse("events:list"), {"recommendation": "4"})
    assert titles(response) == {"TC opening", "Tbilisi conference"}


def test_a_focal_point_sees_only_events_of_their_country_and_projects(login, fp_md, fp_ge, world):
    assert titles(login(fp_md).get(reverse("events:list"))) == {"Chisinau training", "TC opening"}
    assert titles(login(fp_ge).get(reverse("events:list"))) == {"Tbilisi conference"}
    response = login(fp_md).get(reverse("events:list"), {"project": world["rehab"].pk})
    assert not response.context["form"].is_valid()
    assert titles(response) == {"Chisinau training", "TC opening"}


def test_an_online_event_of_a_countrys_project_is_visible_to_that_countrys_focal_point(login, fp_md, world):
    webinar = Event.objects.get(title="Webinar")
    assert login(fp_md).get(webinar.get_absolute_url()).status_code == 404
    webinar.projects.add(world["tc"])
    assert login(fp_md).get(webinar.get_absolute_url()).status_code == 200
