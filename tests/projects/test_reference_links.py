"""The programme's known events and projects name the SEE recommendations they address, with the reason in the
reference data, so that a round's "Gaps and responses" shows them on the real data."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from checklists.models import Answer, Item, Recommendation
from checklists.reference import see_template
from countries.models import Country
from events.models import Event
from projects.models import Project
from projects.reference import programme_data
from tests.checklists.factories import AssessmentFactory, RoundFactory

LVIV = "Training of staff of Lviv Penitentiary Institution No. 19 on opioid agonist treatment"
TC_TRAINING = "Training for Integrated Care for Drug-using Inmates in Therapeutic Communities"
SEE_PROJECT = "Comprehensive drug treatment systems in prisons (South-East Europe)"


@pytest.fixture
def loaded(db):
    call_command("load_reference_data", verbosity=0)


def numbers(item) -> list[int]:
    return sorted(item.recommendations.values_list("number", flat=True))


def test_every_link_in_the_data_says_why(db):
    data = programme_data()
    linked = [row for kind in ("projects", "events") for row in data[kind] if row.get("recommendations")]
    assert len(linked) >= 10
    for row in linked:
        assert row["why"].strip(), row["title"]
        assert set(row["recommendations"]) <= {1, 2, 3, 4, 5, 6}, row["title"]


def test_the_events_and_projects_are_linked_to_the_see_templates_recommendations(loaded):
    template = see_template()
    assert numbers(Event.objects.get(title=LVIV)) == [1, 2]
    assert numbers(Event.objects.get(title=TC_TRAINING)) == [1, 6]
    assert numbers(Project.objects.get(title=SEE_PROJECT)) == [1, 2, 3, 4, 5, 6]
    assert numbers(Project.objects.get(title="Establishing Therapeutic Communities in Prisons")) == [6]
    assert set(Event.objects.get(title=LVIV).recommendations.values_list("template", flat=True)) == {template.pk}
    # An item the data links to nothing stays unlinked.
    assert numbers(Event.objects.get(title="Health Care Behind the Bars")) == []


def test_an_existing_install_gets_the_links_once_and_keeps_those_staff_chose(loaded):
    Event.recommendations.through.objects.all().delete()
    Project.recommendations.through.objects.all().delete()
    tc_training = Event.objects.get(title=TC_TRAINING)
    tc_training.recommendations.set([see_template().recommendations.get(number=3)])  # staff's choice

    call_command("load_reference_data", verbosity=0)

    assert numbers(Event.objects.get(title=LVIV)) == [1, 2]
    assert numbers(tc_training) == [3]
    links = Event.recommendations.through.objects.count(), Project.recommendations.through.objects.count()
    call_command("load_reference_data", verbosity=0)
    assert (Event.recommendations.through.objects.count(), Project.recommendations.through.objects.count()) == links


def test_the_round_gaps_page_shows_the_events_for_the_linked_recommendations(loaded, login, staff):

    round = RoundFactory(template=see_template(), name="SEE baseline")
    assessment = AssessmentFactory(round=round, country=Country.objects.get(code="RO"))
    for number in (2, 6):
        item = Item.objects.filter(
            section__recommendation__number=number, section__recommendation__template=round.template, is_heading=False
        ).first()
        Answer.objects.create(assessment=assessment, item=item, value=Answer.Value.NO)

    response = login(staff).get(reverse("checklists:round_gaps", args=[round.slug]))

    gaps = {gap.recommendation.number: gap for gap in response.context["gaps"]}
    assert LVIV in [event.title for event in gaps[2].events]
    assert "Opening of the first prison-based therapeutic community" in [event.title for event in gaps[6].events]
    assert SEE_PROJECT in [project.title for project in gaps[6].projects]
    page = response.content.decode()
    assert f'<a href="{Event.objects.get(title=LVIV).get_absolute_url()}">' in page
    assert Recommendation.objects.filter(template=round.template).count() == 6
