"""Each list endpoint runs as many queries with more data: its rows' relations are fetched together, never one
query per row."""

import pytest

from checklists.models import ActionItem
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template
from tests.events.factories import AttendanceFactory, EventFactory
from tests.factories import CountryFactory, NetworkFactory
from tests.projects.factories import PartnerFactory, ProjectFactory, ResultFactory


def grow(n: int, country) -> None:
    """n more of everything, in `country` (so its focal point sees them too)."""
    template = make_template()
    network = NetworkFactory()
    network.countries.add(country, CountryFactory())
    for _ in range(n):
        project = ProjectFactory(countries=[country, CountryFactory()])
        project.partners.add(PartnerFactory(country=country))
        ResultFactory(project=project)
        event = EventFactory(country=country)
        event.projects.add(project)
        AttendanceFactory(event=event)
        round = RoundFactory(template=template)
        assessment = AssessmentFactory(round=round, country=country)
        answer_all(assessment)
        ActionItem.objects.create(
            assessment=assessment,
            recommendation=template.recommendations.first(),
            description="Train",
            responsible="Ministry",
            due_date="2026-01-01",
        )


# Each list's queries after the token's (the token with its owner, the owner's groups): the count of rows and the
# rows, then one query per relation fetched with them.
LISTS = {
    "/api/v1/countries/": 2 + 1,  # networks
    "/api/v1/networks/": 2 + 1,  # countries
    "/api/v1/projects/": 2 + 4,  # countries, partners with their countries, results, recommendations
    "/api/v1/events/": 2 + 3,  # projects, recommendations, attendees
    "/api/v1/templates/": 2 + 4,  # languages, recommendations, sections, items with their headings
    "/api/v1/rounds/": 2 + 1,  # assessments with their countries
    "/api/v1/assessments/": 2 + 3,  # answers with their items; questions and answers counted per recommendation
    "/api/v1/action-items/": 2,
}
TOKEN = 2  # the token with its owner; the owner's groups (is the owner programme staff?)


@pytest.mark.parametrize("role", ["staff", "fp_md"])
@pytest.mark.parametrize("url", sorted(LISTS))
def test_a_lists_query_count_does_not_grow_with_the_data(api, md, role, url, request, django_assert_num_queries):
    user = request.getfixturevalue(role)
    client = api(user)
    extra = 1 if role == "staff" else 0  # staff must have a second factor: is there one?
    grow(1, md)
    client.get(url)  # records the token's use: once a minute at most
    with django_assert_num_queries(TOKEN + extra + LISTS[url]):
        assert client.get(url).status_code == 200
    grow(4, md)
    with django_assert_num_queries(TOKEN + extra + LISTS[url]):
        response = client.get(url)
    assert response.json()["count"] >= 1


def test_the_heat_map_and_the_participants_keep_their_query_counts(api, staff, md, django_assert_num_queries):
    client = api(staff)
    grow(1, md)
    event = EventFactory(country=md, slug="grown")
    round = RoundFactory(template=make_template(), slug="grown")
    client.get("/api/v1/countries/")
    for n in (1, 5):
        for _ in range(n):
            AttendanceFactory(event=event)
            answer_all(AssessmentFactory(round=round, country=CountryFactory()))
        # token, groups, second factor; the event or round, then its own relations (as the list fetches them)
        with django_assert_num_queries(3 + 1 + 3 + 1):  # the event's projects, recommendations, attendees; people
            assert client.get("/api/v1/events/grown/participants/").status_code == 200
        # the round with its assessments; recommendations, assessments with countries, questions, answer counts
        with django_assert_num_queries(3 + 2 + 4):
            assert client.get("/api/v1/rounds/grown/heat-map/").status_code == 200
