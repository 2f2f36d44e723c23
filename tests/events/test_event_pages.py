"""Event pages, the calendar, staff editing, materials, and what focal points may and may not see."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from events.models import Event, EventMaterial
from projects.recommendations import recommendations_numbered
from tests.events.factories import AttendanceFactory, EventFactory, MaterialFactory, ParticipantFactory
from tests.projects.factories import ProjectFactory, make_template


def test_the_event_page_shows_materials_target_groups_participants_and_a_summary(login, staff, training):
    training.target_groups = ["prison-healthcare", "civil-society"]
    training.save()
    MaterialFactory(event=training, title="Programme of the training")
    content = login(staff).get(training.get_absolute_url()).content.decode()
    for text in [
        "25 May 2015 – 28 May 2015",
        "Chisinau, Republic of Moldova",
        "Prison healthcare staff",
        "Civil society",
        "Programme of the training",
        "Ștefan Țurcanu",
        "No Show",
        "3 attended of 4 registered.",
        "All certificates (PDF)",
    ]:
        assert text in content, text


def test_a_focal_point_sees_the_summary_but_no_names(login, fp_md, training):
    content = login(fp_md).get(training.get_absolute_url()).content.decode()
    assert "3 attended of 4 registered." in content
    assert "Ștefan Țurcanu" not in content and "stefan@example.md" not in content
    assert "Register a participant" not in content and "Edit event" not in content


def test_another_country_focal_point_can_neither_see_nor_change_the_event(login, fp_ge, training):
    client = login(fp_ge)
    assert client.get(training.get_absolute_url()).status_code == 404
    assert client.post(reverse("events:edit", args=[training.slug]), {"title": "Hacked"}).status_code == 404
    assert client.get(reverse("events:certificates", args=[training.slug])).status_code == 404
    assert client.get(reverse("events:calendar", args=[2015, 5])).context["events"] == []
    training.refresh_from_db()
    assert training.title.startswith("Training for Integrated Care")


def test_staff_create_an_event_with_a_month_only_date(login, staff, md):
    make_template()
    project = ProjectFactory(title="Rehab", countries=[md])
    response = login(staff).post(
        reverse("events:create"),
        {
            "title": "Rehabilitation conference",
            "kind": "conference",
            "starts_on": "2020-02",
            "city": "Tbilisi",
            "country": md.pk,
            "projects": [project.pk],
            "target_groups": ["policy-makers", "justice"],
            "recommendations": ["2"],
        },
    )
    event = Event.objects.get(title="Rehabilitation conference")
    assert response["Location"] == event.get_absolute_url()
    assert (event.starts_on, event.start_precision, event.period_label) == (date(2020, 2, 1), "month", "February 2020")
    assert event.target_groups == ["policy-makers", "justice"]
    assert list(event.recommendations.values_list("number", flat=True)) == [2]
    assert list(event.projects.all()) == [project]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"starts_on": "2015-05-28", "ends_on": "2015-05-25"}, "ends_on", "The end cannot come before the start."),
        ({"country": "", "online": ""}, "country", "Choose the country where the event takes place, or tick online."),
        ({"starts_on": ""}, "starts_on", "This field is required."),
    ],
)
def test_bad_event_input_is_refused_naming_the_field(login, staff, md, changes, field, message):
    data = {"title": "Bad", "kind": "training", "starts_on": "2015-05-25", "country": md.pk, **changes}
    response = login(staff).post(reverse("events:create"), data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not Event.objects.filter(title="Bad").exists()


def test_an_online_event_needs_no_country(login, staff):
    data = {"title": "Webinar", "kind": "e-learning", "starts_on": "2021-02-02", "online": "on"}
    assert login(staff).post(reverse("events:create"), data).status_code == 302
    assert Event.objects.get(title="Webinar").place == "Online"


def test_the_calendar_shows_the_month_with_links_to_the_months_around(login, fp_md, training):
    EventFactory(title="Undated", country=training.country, starts_on=date(2015, 5, 1), start_precision="month")
    response = login(fp_md).get(reverse("events:calendar", args=[2015, 5]))
    content = response.content.decode()
    assert "Events in May 2015" in content
    assert content.count(training.title) == 5  # four days in the grid, once in the list
    assert 'datetime="2015-05-25"' in content
    assert (
        reverse("events:calendar", args=[2015, 4]) in content and reverse("events:calendar", args=[2015, 6]) in content
    )
    assert [event.title for event in response.context["undated"]] == ["Undated"]
    january = login(fp_md).get(reverse("events:calendar", args=[2016, 1])).content.decode()
    assert reverse("events:calendar", args=[2015, 12]) in january


def test_an_impossible_month_is_not_found(login, staff):
    assert login(staff).get(reverse("events:calendar", args=[2015, 13])).status_code == 404


def test_uploaded_materials_are_served_only_to_who_may_see_the_event(
    login, staff, fp_md, fp_ge, training, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    response = login(staff).post(
        reverse("events:material_add", args=[training.slug]),
        {"title": "Slides", "kind": "presentation", "file": ContentFile(b"%PDF-1.4 slides", name="slides.pdf")},
    )
    assert response.status_code == 302
    material = EventMaterial.objects.get(title="Slides")
    assert material.file.name == "events/tc-training/slides.pdf"
    url = material.get_absolute_url()
    assert not url.startswith(settings.MEDIA_URL)
    download = login(fp_md).get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 slides"
    assert login(fp_ge).get(url).status_code == 404


def test_a_material_needs_a_file_or_a_link(login, staff, training):
    response = login(staff).post(
        reverse("events:material_add", args=[training.slug]), {"title": "Nothing", "kind": "other"}
    )
    assert "Give either a file or a link." in response.content.decode()


def test_list_detail_and_calendar_keep_their_query_counts_as_data_grows(
    login, staff, md, training, django_assert_max_num_queries
):
    make_template()
    client = login(staff)
    for _round in range(2):
        # session, user, groups, events with countries, the filter's countries, projects and recommendations
        with django_assert_max_num_queries(8):
            client.get(reverse("events:list"))
        # session, user, groups, event, projects, recommendations, materials, summary, counts, attendances
        with django_assert_max_num_queries(10):
            client.get(training.get_absolute_url())
        # session, user, groups, events of the month
        with django_assert_max_num_queries(4):
            client.get(reverse("events:calendar", args=[2015, 5]))
        for _ in range(5):
            event = EventFactory(country=md)
            event.projects.add(ProjectFactory(countries=[md]))
            training.projects.add(ProjectFactory(countries=[md]))
            MaterialFactory(event=training)
            AttendanceFactory(event=training, participant=ParticipantFactory(country=md))


def test_uploaded_html_or_svg_is_downloaded_never_shown_inline(login, staff, training, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    material = EventMaterial.objects.create(event=training, title="Drawing", kind="other")
    material.file.save("drawing.svg", ContentFile(b"<svg><script>alert(1)</script></svg>"))
    response = login(staff).get(material.get_absolute_url())
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_edit_form_shows_dates_as_precisely_as_they_are_known_and_saves_them_back(login, staff, md):
    make_template()
    event = EventFactory(
        title="Tbilisi conference",
        country=md,
        starts_on=date(2020, 2, 1),
        start_precision="month",
        target_groups=["policy-makers"],
    )
    event.recommendations.set(recommendations_numbered([3]))
    client = login(staff)
    form = client.get(reverse("events:edit", args=[event.slug])).context["form"]
    assert form["starts_on"].value() == "2020-02"
    assert form["target_groups"].value() == ["policy-makers"]
    assert form["recommendations"].value() == [3]
    data = {
        "title": "Tbilisi conference",
        "slug": event.slug,
        "kind": "conference",
        "starts_on": "2020-02-14",
        "country": md.pk,
        "target_groups": ["policy-makers"],
        "recommendations": ["3"],
    }
    assert client.post(reverse("events:edit", args=[event.slug]), data).status_code == 302
    event.refresh_from_db()
    assert (event.starts_on, event.start_precision) == (date(2020, 2, 14), "day")
    assert list(event.recommendations.values_list("number", flat=True)) == [3]


def test_each_registration_links_to_the_person_their_certificate_and_its_removal(login, staff, training):
    attendance = training.attendances.select_related("participant").filter(attended=True).first()
    text = login(staff).get(training.get_absolute_url()).content.decode()
    assert f'href="{attendance.participant.get_absolute_url()}"' in text
    assert f'action="{reverse("events:unregister", args=[training.slug, attendance.pk])}"' in text
    assert training.gives_certificates
    assert f'href="{reverse("events:certificate", args=[training.slug, attendance.participant_id])}"' in text


def test_a_new_event_is_created_and_an_edited_one_saved_in_place(login, staff):
    client = login(staff)
    new = client.get(reverse("events:create")).content.decode()
    assert "<h1>New event</h1>" in new
    assert f'<a href="{reverse("events:list")}">Cancel</a>' in new
    data = {"title": "Webinar", "kind": "e-learning", "starts_on": "2021-02-02", "online": "on"}
    created = client.post(reverse("events:create"), data, follow=True)
    assert "The event “Webinar” was created." in created.content.decode()
    event = Event.objects.get()
    assert event.slug == "webinar"
    edit = client.get(reverse("events:edit", args=[event.slug])).content.decode()
    assert "<h1>Edit Webinar</h1>" in edit
    assert f'<a href="{event.get_absolute_url()}">Cancel</a>' in edit
    # An emptied short name is made from the title again: the event's own does not count as taken.
    saved = client.post(reverse("events:edit", args=[event.slug]), {**data, "summary": "On care"}, follow=True)
    assert "The event “Webinar” was saved." in saved.content.decode()
    assert list(Event.objects.values_list("pk", "slug", "summary")) == [(event.pk, "webinar", "On care")]
