"""A country's page shows its projects, its events and its people in events, counted by group and gender."""

import re

from django.urls import reverse

from tests.events.factories import EventFactory
from tests.projects.factories import ProjectFactory, ResultFactory


def test_the_country_page_shows_projects_events_and_participants_by_group_and_gender(login, fp_md, training, ge):
    md = training.country
    ProjectFactory(title="Therapeutic communities", countries=[md])
    ProjectFactory(title="Georgian rehabilitation", countries=[ge])
    ResultFactory(project=None, country=md, text="First prison-based therapeutic community")
    EventFactory(title="Tbilisi conference", country=ge)
    content = login(fp_md).get(reverse("countries:detail", args=["MD"])).content.decode()
    assert "Therapeutic communities" in content and "First prison-based therapeutic community" in content
    assert training.title in content
    assert "Georgian rehabilitation" not in content and "Tbilisi conference" not in content
    table = re.search(r"<table class=\"table table--numbers\">.*?</table>", content, re.S).group(0)
    cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", table))
    # Ștefan (prison staff, male), Mihaela and Olena (healthcare, female); the no-show is not counted.
    assert "Prison healthcare staff 2 0 0 2" in cells
    assert "Other prison staff 0 1 0 1" in cells
    assert "Total 2 1 0 3" in cells
    assert "Prosecutors" not in cells
    assert "Ștefan Țurcanu" not in content  # counts, never names


def test_the_home_page_lists_coming_events_the_user_may_see(login, fp_md, md, ge):
    from datetime import timedelta

    from django.utils import timezone

    soon = timezone.localdate() + timedelta(days=10)
    EventFactory(title="Next training in Chisinau", country=md, starts_on=soon)
    EventFactory(title="Next conference in Tbilisi", country=ge, starts_on=soon)
    EventFactory(title="Past training", country=md)
    content = login(fp_md).get(reverse("home")).content.decode()
    assert "Coming events" in content and "Next training in Chisinau" in content
    assert "Next conference in Tbilisi" not in content and "Past training" not in content


def test_the_country_pages_events_and_projects_link_to_their_pages_with_their_labels(login, fp_md, training):
    md = training.country
    project = ProjectFactory(title="Therapeutic communities", countries=[md])
    content = login(fp_md).get(reverse("countries:detail", args=["MD"])).content.decode()
    assert f'<a href="{reverse("events:detail", kwargs={"slug": training.slug})}">{training.title}</a>' in content
    assert f'<a href="{reverse("projects:detail", kwargs={"slug": project.slug})}">{project.title}</a>' in content
    assert f" · {training.get_kind_display()}" in content
    assert f" · {project.get_kind_display()} · {project.get_status_display()}" in content
