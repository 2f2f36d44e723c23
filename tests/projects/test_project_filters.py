"""The project list's filters return exactly the right projects, and only projects the user may see."""

from datetime import date

import pytest
from django.urls import reverse

from projects.models import Area, Project
from projects.periods import Precision
from projects.recommendations import recommendations_numbered
from tests.projects.factories import ActivityFactory, ProjectFactory, make_template


def titles(response) -> set[str]:
    return {project.title for project in response.context["projects"]}


@pytest.fixture
def projects(md, ge):
    make_template()
    tc = ProjectFactory(
        title="TC Moldova",
        countries=[md],
        starts_on=date(2015, 1, 1),
        ends_on=date(2017, 1, 1),
        end_precision=Precision.YEAR,
        status=Project.Status.COMPLETED,
    )
    ActivityFactory(project=tc, area=Area.TRAINING)
    regional = ProjectFactory(
        title="Regional",
        kind=Project.Kind.REGIONAL,
        countries=[md, ge],
        starts_on=date(2012, 1, 1),
        ends_on=date(2013, 1, 1),
        end_precision=Precision.YEAR,
        status=Project.Status.COMPLETED,
    )
    ActivityFactory(project=regional, area=Area.KNOWLEDGE_GENERATION)
    rehab = ProjectFactory(title="Rehab Georgia", countries=[ge], starts_on=date(2020, 1, 1))
    rehab.recommendations.set(recommendations_numbered([3]))
    planned = ProjectFactory(
        title="Planned Georgia",
        countries=[ge],
        starts_on=date(2027, 3, 1),
        start_precision=Precision.MONTH,
        status=Project.Status.PLANNED,
    )
    ActivityFactory(project=planned, area=Area.PILOTING).recommendations.set(recommendations_numbered([5]))
    return {"md": md, "ge": ge}


@pytest.mark.parametrize(
    "query, expected",
    [
        ({}, {"TC Moldova", "Regional", "Rehab Georgia", "Planned Georgia"}),
        ({"country": "MD"}, {"TC Moldova", "Regional"}),
        ({"kind": "regional"}, {"Regional"}),
        ({"status": "completed"}, {"TC Moldova", "Regional"}),
        ({"status": "planned"}, {"Planned Georgia"}),
        ({"area": Area.TRAINING}, {"TC Moldova"}),
        ({"area": Area.KNOWLEDGE_GENERATION}, {"Regional"}),
        ({"recommendation": "3"}, {"Rehab Georgia"}),
        ({"recommendation": "5"}, {"Planned Georgia"}),  # named by one of its activities
        ({"year_from": "2016", "year_to": "2016"}, {"TC Moldova"}),
        ({"year_from": "2013", "year_to": "2015"}, {"TC Moldova", "Regional"}),
        ({"year_from": "2021"}, {"Rehab Georgia", "Planned Georgia"}),  # open-ended projects still run
        ({"year_to": "2012"}, {"Regional"}),
        ({"country": "GE", "status": "ongoing"}, {"Rehab Georgia"}),
        ({"q": "moldova"}, {"TC Moldova"}),
    ],
)
def test_each_filter_returns_exactly_the_matching_projects(login, staff, projects, query, expected):
    if "country" in query:
        query = {**query, "country": projects[query["country"].lower()].pk}
    response = login(staff).get(reverse("projects:list"), query)
    assert titles(response) == expected


def test_a_year_range_that_ends_before_it_starts_is_refused(login, staff, projects):
    response = login(staff).get(reverse("projects:list"), {"year_from": "2017", "year_to": "2015"})
    assert "The last year cannot come before the first." in response.content.decode()


def test_a_focal_point_sees_their_countries_projects_only(login, fp_md, projects):
    response = login(fp_md).get(reverse("projects:list"))
    assert titles(response) == {"TC Moldova", "Regional"}
    # Another country's filter value is not even offered.
    response = login(fp_md).get(reverse("projects:list"), {"country": projects["ge"].pk})
    assert titles(response) == {"TC Moldova", "Regional"}
    assert not response.context["form"].is_valid()
