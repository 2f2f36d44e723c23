"""Lists are paginated (count, next, previous) and filtered as their pages are, by the pages' own filter forms;
a value the form refuses is a 400 naming the field."""

from datetime import date

from events.models import Event
from tests.events.factories import EventFactory
from tests.projects.factories import ProjectFactory


def test_a_list_comes_in_pages_with_count_next_and_previous(api, staff, md):
    for day in range(1, 8):
        EventFactory(country=md, starts_on=date(2020, 1, day))
    client = api(staff)

    first = client.get("/api/v1/events/", {"page_size": 3}).json()
    assert first["count"] == 7 and len(first["results"]) == 3 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 3 and second["previous"] and second["next"]
    last = client.get(second["next"]).json()
    assert len(last["results"]) == 1 and last["next"] is None
    seen = [e["slug"] for page in (first, second, last) for e in page["results"]]
    assert sorted(seen) == sorted(Event.objects.values_list("slug", flat=True))
    assert client.get("/api/v1/events/", {"page": 99}).status_code == 404


def test_events_are_filtered_by_country_kind_and_year_as_on_the_events_page(api, staff, md, ge):
    EventFactory(slug="md-2019-training", country=md, kind="training", starts_on=date(2019, 3, 1))
    EventFactory(slug="md-2019-conference", country=md, kind="conference", starts_on=date(2019, 4, 1))
    EventFactory(slug="md-2021-training", country=md, kind="training", starts_on=date(2021, 3, 1))
    EventFactory(slug="ge-2019-training", country=ge, kind="training", starts_on=date(2019, 3, 1))
    client = api(staff)

    def slugs(**query):
        return sorted(e["slug"] for e in client.get("/api/v1/events/", query).json()["results"])

    assert slugs(country="MD", kind="training", year=2019) == ["md-2019-training"]
    assert slugs(country="MD", year=2019) == ["md-2019-conference", "md-2019-training"]
    assert slugs(kind="training", year=2019) == ["ge-2019-training", "md-2019-training"]


def test_a_refused_filter_is_a_400_naming_the_field(api, staff, fp_md, ge):
    response = api(staff).get("/api/v1/events/", {"year": "last"})
    assert response.status_code == 400
    assert list(response.json()) == ["year"]
    # A focal point cannot filter by a country they do not see: the form does not offer it.
    response = api(fp_md).get("/api/v1/events/", {"country": "GE"})
    assert response.status_code == 400 and "country" in response.json()


def test_projects_are_filtered_by_status_and_country(api, staff, md, ge):
    ProjectFactory(slug="done-md", status="completed", countries=[md])
    ProjectFactory(slug="ongoing-md", status="ongoing", countries=[md])
    ProjectFactory(slug="done-ge", status="completed", countries=[ge])

    results = api(staff).get("/api/v1/projects/", {"status": "completed", "country": "MD"}).json()["results"]

    assert [p["slug"] for p in results] == ["done-md"]


def test_assessments_are_filtered_by_round_and_status(api, programme, staff):
    client = api(staff)

    results = client.get("/api/v1/assessments/", {"round": "baseline", "status": "submitted"}).json()["results"]

    assert [a["country"] for a in results] == ["GE"]
    assert client.get("/api/v1/assessments/", {"round": "no-such-round"}).status_code == 400
    results = client.get("/api/v1/assessments/", {"country": "MD"}).json()["results"]
    assert [(a["country"], a["status"]) for a in results] == [("MD", "draft")]


def test_action_items_are_filtered_by_country_and_overdue(api, programme, staff):
    client = api(staff)

    results = client.get("/api/v1/action-items/", {"country": "GE", "overdue": "true"}).json()["results"]

    assert [(a["country"], a["round"], a["recommendation"], a["is_overdue"]) for a in results] == [
        ("GE", "baseline", 1, True)
    ]
    assert client.get("/api/v1/action-items/", {"status": "done"}).json()["count"] == 0


def test_countries_are_filtered_by_membership(api, staff, md, ge):
    results = api(staff).get("/api/v1/countries/", {"membership": "member"}).json()["results"]
    assert [c["code"] for c in results] == ["GE"]
