"""Gaps and responses: a round's questions most countries answered No, with the events and projects that address
their recommendation (matched by number, whatever the template version)."""

from django.urls import reverse

from checklists.models import Answer, Item
from tests.checklists.factories import AssessmentFactory, RoundFactory, make_template
from tests.events.factories import EventFactory
from tests.factories import CountryFactory
from tests.projects.factories import ProjectFactory


def test_the_questions_most_answered_no_come_first_with_what_addresses_them(md, ge, staff, login):
    template, newer = make_template(), make_template()
    round = RoundFactory(template=template, name="Follow-up")
    answers = {md: {"2.1-q1": "no", "1.1-q1": "no"}, ge: {"2.1-q1": "no", "1.1-q1": "yes"}, CountryFactory(): {}}
    for country, values in answers.items():
        assessment = AssessmentFactory(round=round, country=country)
        for key, value in values.items():
            item = Item.objects.get(section__recommendation__template=template, key=key)
            Answer.objects.create(assessment=assessment, item=item, value=value)
    # The event links recommendation 2 of the newer version: the same recommendation for people.
    event = EventFactory(title="Training on continuity of care", country=md)
    event.recommendations.add(newer.recommendations.get(number=2))
    project = ProjectFactory(title="Continuity project")
    project.recommendations.add(template.recommendations.get(number=2))

    response = login(staff).get(reverse("checklists:round_gaps", args=[round.slug]))

    page = response.content.decode()
    gaps = response.context["gaps"]
    assert [(g.tally.item.key, g.tally.no, g.tally.answered) for g in gaps] == [("2.1-q1", 2, 2), ("1.1-q1", 1, 2)]
    assert gaps[0].events == [event] and gaps[0].projects == [project]
    assert gaps[1].events == [] and gaps[1].projects == []
    assert page.index("Question 2.1-q1?") < page.index("Question 1.1-q1?")
    assert "Training on continuity of care" in page and "Continuity project" in page
    # Each event and project links to its own page.
    assert f'<a href="{event.get_absolute_url()}">' in page and f'<a href="{project.get_absolute_url()}">' in page
    assert "No event or project addresses this recommendation yet." in page
    assert "Georgia, Republic of Moldova" in page  # the countries that answered No


def test_the_round_page_links_to_its_gaps(md, staff, login):
    round = RoundFactory(template=make_template())

    page = login(staff).get(reverse("checklists:round", args=[round.slug])).content.decode()

    assert reverse("checklists:round_gaps", args=[round.slug]) in page


def test_the_gaps_page_query_count_does_not_grow(md, staff, login, django_assert_max_num_queries):
    template = make_template()
    round = RoundFactory(template=template)
    client, url = login(staff), reverse("checklists:round_gaps", args=[round.slug])

    def grow(n):
        for _ in range(n):
            assessment = AssessmentFactory(round=round, country=CountryFactory())
            for item in Item.objects.filter(section__recommendation__template=template, is_heading=False):
                Answer.objects.create(assessment=assessment, item=item, value="no")
            EventFactory().recommendations.add(template.recommendations.get(number=1))
            ProjectFactory().recommendations.add(template.recommendations.get(number=2))

    grow(1)
    # Session, user, groups; the round with its country count; answers; questions; the ids of the events by
    # recommendation, the events shown; projects by recommendation.
    with django_assert_max_num_queries(9) as small:
        client.get(url)
    grow(5)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_a_recommendation_with_many_events_shows_the_latest_eight_and_counts_the_rest(md, staff, login):
    from datetime import date

    template, newer = make_template(), make_template()
    round = RoundFactory(template=template)
    assessment = AssessmentFactory(round=round, country=md)
    for key in ("2.1-q1", "2.1-q2"):  # two questions of recommendation 2: the same events under each
        item = Item.objects.get(section__recommendation__template=template, key=key)
        Answer.objects.create(assessment=assessment, item=item, value="no")
    for number in range(11):
        event = EventFactory(title=f"Training {number:02}", country=md, starts_on=date(2020, 1, 1 + number))
        event.recommendations.add(template.recommendations.get(number=2))
    # Linked to recommendation 2 in both template versions: one event.
    event.recommendations.add(newer.recommendations.get(number=2))

    response = login(staff).get(reverse("checklists:round_gaps", args=[round.slug]))

    page = response.content.decode()
    gaps = response.context["gaps"]
    assert [gap.event_count for gap in gaps] == [11, 11]
    assert [e.title for e in gaps[0].events] == [f"Training {n:02}" for n in range(10, 2, -1)]  # latest first
    assert page.count("11 events") == 2 and page.count("and 3 more") == 2
    assert page.count("Training 10") == 2 and "Training 02" not in page
