"""A project's page shows everything about it; staff create and edit projects; focal points only read their own."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from events.models import Event
from projects.models import Area, Project, Result
from projects.recommendations import recommendations_numbered
from tests.events.factories import EventFactory
from tests.factories import CountryFactory
from tests.projects.factories import ActivityFactory, PartnerFactory, ProjectFactory, ResultFactory, make_template


@pytest.fixture
def tc(md):
    make_template()
    parent = ProjectFactory(title="Criminal Justice Responses", slug="cjr", kind=Project.Kind.REGIONAL, countries=[md])
    project = ProjectFactory(
        title="Therapeutic communities",
        slug="tc",
        countries=[md],
        parent=parent,
        framework="CoE/EU PCF",
        summary="Two TCs, in Rusca and Pruncul.",
    )
    project.partners.set([PartnerFactory(name="Phoenix Haga")])
    project.recommendations.set(recommendations_numbered([2]))
    ActivityFactory(project=project, title="Training of TC staff", area=Area.TRAINING)
    ActivityFactory(project=project, title="Baseline study", area=Area.KNOWLEDGE_GENERATION)
    ResultFactory(project=project, text="First prison-based therapeutic community")
    EventFactory(title="TC training", country=md).projects.add(project)
    return project


def test_the_project_page_shows_everything_about_the_project(login, staff, tc):
    content = login(staff).get(tc.get_absolute_url()).content.decode()
    for text in [
        "Therapeutic communities",
        "Republic of Moldova",
        "2015",
        "CoE/EU PCF",
        "Phoenix Haga",
        "Criminal Justice Responses",
        "Two TCs, in Rusca and Pruncul.",
        "Training of TC staff",
        "Baseline study",
        "First prison-based therapeutic community",
        "TC training",
        "2. Recommendation 2",
    ]:
        assert text in content, text
    # The nine areas stay in their three groups.
    assert content.index("Research") < content.index("Baseline study") < content.index("Practice")
    assert content.index("Practice") < content.index("Training of TC staff")


def test_the_parent_project_lists_its_sub_projects(login, staff, tc):
    content = login(staff).get(reverse("projects:detail", args=["cjr"])).content.decode()
    assert "Sub-projects" in content and "Therapeutic communities" in content


def test_a_focal_point_reads_their_country_project_without_edit_buttons(login, fp_md, tc):
    response = login(fp_md).get(tc.get_absolute_url())
    assert response.status_code == 200
    assert "Edit project" not in response.content.decode()
    assert login(fp_md).post(reverse("projects:edit", args=["tc"]), {"title": "Hacked"}).status_code == 403
    tc.refresh_from_db()
    assert tc.title == "Therapeutic communities"


def test_a_focal_point_is_linked_only_to_pages_they_can_open_from_a_regional_project(login, fp_md, ge, tc):
    """The regional project names Georgia, whose page Moldova's focal point cannot open: the page names it without
    a link. Every link on the page opens, the project's event in Georgia included (a focal point sees the events of
    their projects)."""
    regional = tc.parent
    regional.countries.add(ge)
    EventFactory(title="Tbilisi round table", country=ge).projects.add(regional)
    client = login(fp_md)
    content = client.get(regional.get_absolute_url()).content.decode()
    assert "Georgia" in content and ge.get_absolute_url() not in content
    assert f'href="{tc.countries.get().get_absolute_url()}"' in content and "Tbilisi round table" in content
    links = set(re.findall(r'<a [^>]*href="(/[^"#]*)"', content)) - {"/static/"}
    assert links and all(client.get(unescape(link)).status_code == 200 for link in links), links


def test_another_country_focal_point_gets_not_found(login, fp_ge, tc):
    assert login(fp_ge).get(tc.get_absolute_url()).status_code == 404
    assert login(fp_ge).post(reverse("projects:edit", args=["tc"]), {"title": "Hacked"}).status_code == 404


def test_staff_create_a_project_with_a_period_partners_and_recommendations(login, staff, md, tc):
    partner = PartnerFactory(name="Department of Penitentiary Institutions")
    response = login(staff).post(
        reverse("projects:create"),
        {
            "title": "Through-care after release",
            "kind": "country",
            "countries": [md.pk],
            "starts_on": "2024-03",
            "status": "ongoing",
            "partners": [partner.pk],
            "parent": tc.parent.pk,
            "recommendations": ["4", "6"],
        },
    )
    project = Project.objects.get(title="Through-care after release")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.slug == "through-care-after-release"
    assert (project.starts_on, project.start_precision, project.ends_on) == (date(2024, 3, 1), "month", None)
    assert project.period_label == "March 2024 –"
    assert sorted(project.recommendations.values_list("number", flat=True)) == [4, 6]
    assert list(project.partners.all()) == [partner]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"starts_on": "2017", "ends_on": "2015"}, "ends_on", "The end cannot come before the start."),
        ({"starts_on": "2015-13"}, "starts_on", "Enter a year (2015), a month (2020-02) or a day (2015-05-25)."),
        ({"countries": []}, "countries", "A country project has exactly one country."),
        ({"slug": "new"}, "slug", "This short name is reserved; choose another."),
    ],
)
def test_bad_project_input_is_refused_naming_the_field(login, staff, md, changes, field, message):
    data = {
        "title": "Bad",
        "kind": "country",
        "countries": [md.pk],
        "starts_on": "2015",
        "status": "ongoing",
        **changes,
    }
    response = login(staff).post(reverse("projects:create"), data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not Project.objects.filter(title="Bad").exists()


def test_an_end_in_the_same_year_as_a_dated_start_is_accepted(login, staff, md):
    data = {
        "title": "Short",
        "kind": "country",
        "countries": [md.pk],
        "starts_on": "2015-05-25",
        "ends_on": "2015",
        "status": "completed",
    }
    assert login(staff).post(reverse("projects:create"), data).status_code == 302


def test_staff_add_an_activity_and_a_result(login, staff, tc):
    client = login(staff)
    response = client.post(
        reverse("projects:activity_create", args=["tc"]),
        {
            "title": "Supervision visits",
            "area": Area.SUPERVISION,
            "starts_on": "2016-10",
            "recommendations": ["1"],
        },
    )
    assert response.status_code == 302
    activity = tc.activities.get(title="Supervision visits")
    assert activity.area_group == "Practice"
    assert list(activity.recommendations.values_list("number", flat=True)) == [1]
    client.post(reverse("projects:result_create", args=["tc"]), {"text": "Staff trained", "source": "report"})
    assert Result.objects.filter(project=tc, text="Staff trained").exists()


def test_list_and_detail_pages_keep_their_query_counts_as_data_grows(
    login, staff, md, tc, django_assert_max_num_queries
):
    client = login(staff)

    def grow():
        for _ in range(5):
            project = ProjectFactory(countries=[md, CountryFactory()], parent=tc)
            ActivityFactory(project=project)
            ActivityFactory(project=tc).recommendations.set(recommendations_numbered([1, 2]))
            ResultFactory(project=tc)
            EventFactory(country=md).projects.add(tc)
            tc.partners.add(PartnerFactory(country=md))

    for _round in range(2):
        # session, user, groups, projects with parents, their countries; the filter's countries and
        # recommendation choices (newest template, its recommendations)
        with django_assert_max_num_queries(8):
            client.get(reverse("projects:list"))
        # session, user, groups, project, countries, partners, parent, children, activities and their
        # recommendations, results, events, recommendations
        with django_assert_max_num_queries(13):
            client.get(tc.get_absolute_url())
        grow()
    assert Event.objects.count() == 11


def test_a_new_project_is_created_and_an_edited_one_saved_in_place(login, staff, md, tc):
    client = login(staff)
    own_option = f'<option value="{tc.pk}">Therapeutic communities</option>'
    new = client.get(reverse("projects:create")).content.decode()
    assert "<h1>New project</h1>" in new
    assert f'<a href="{reverse("projects:list")}">Cancel</a>' in new
    assert own_option in new
    edit = client.get(reverse("projects:edit", args=["tc"])).content.decode()
    assert "<h1>Edit Therapeutic communities</h1>" in edit
    assert f'<a href="{tc.get_absolute_url()}">Cancel</a>' in edit
    # A project cannot be its own parent.
    assert own_option not in edit
    data = {"kind": "country", "countries": [md.pk], "starts_on": "2015", "status": "ongoing", "slug": ""}
    saved = client.post(
        reverse("projects:edit", args=["tc"]), {**data, "title": "Therapeutic communities"}, follow=True
    )
    assert "The project “Therapeutic communities” was saved." in saved.content.decode()
    tc.refresh_from_db()
    # An emptied short name is made from the title again: the project's own does not count as taken.
    assert tc.slug == "therapeutic-communities"
    # A new project's short name is made from its title and must differ from every other project's.
    created = client.post(reverse("projects:create"), {**data, "title": "Therapeutic Communities"}, follow=True)
    assert "The project “Therapeutic Communities” was created." in created.content.decode()
    assert Project.objects.get(title="Therapeutic Communities").slug == "therapeutic-communities-2"
