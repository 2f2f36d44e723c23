"""The country page shows each recommendation's Yes share round by round, and what changed between two rounds,
matched by the questions' keys even when the checklist version changed."""

from datetime import date

import pytest
from django.urls import reverse

from checklists import overview
from checklists.assessments.progress import progress_by_assessment
from checklists.models import Answer, Assessment, Item, Recommendation
from checklists.rounds.comparison import answer_changes, yes_share_over_rounds
from tests.checklists.factories import AssessmentFactory, RoundFactory, make_template, questions


def _answer(assessment, values: dict):
    items = {item.key: item for item in questions(assessment.round.template)}
    for key, value in values.items():
        Answer.objects.create(assessment=assessment, item=items[key], value=value)


@pytest.fixture
def three_rounds(md, ge):
    """2020 and 2022 on version 1; 2024 on version 2, which drops 2.1-q2 and adds 2.1-q9."""
    v1, v2 = make_template(), make_template()
    Item.objects.filter(section__recommendation__template=v2, key="2.1-q2").delete()
    section = v2.recommendations.get(number=2).sections.get()
    Item.objects.create(section=section, key="2.1-q9", text="Is naloxone given at release?", order=9)
    rounds = [
        RoundFactory(template=v1, name="Round 2020", opens_on=date(2020, 1, 1), deadline=date(2020, 6, 1)),
        RoundFactory(template=v1, name="Round 2022", opens_on=date(2022, 1, 1), deadline=date(2022, 6, 1)),
        RoundFactory(template=v2, name="Round 2024", opens_on=date(2024, 1, 1), deadline=date(2024, 6, 1)),
    ]
    first, second, third = (AssessmentFactory(round=r, country=md) for r in rounds)
    _answer(first, {"1.1-q1": "no", "1.1-q2": "no", "2.1-q1": "yes", "2.1-q2": "yes"})
    _answer(second, {"1.1-q1": "yes", "1.1-q2": "no", "2.1-q1": "yes", "2.1-q2": "no"})
    _answer(third, {"1.1-q1": "yes", "1.1-q2": "yes", "2.1-q1": "no", "2.1-q9": "yes"})
    # Georgia answers everything No in the latest round: never shown on Moldova's page.
    _answer(AssessmentFactory(round=rounds[2], country=ge), {"1.1-q1": "no", "1.1-q2": "no"})
    return rounds


def _changes(response) -> dict:
    [panel] = [p for p in response.context["panels"] if p.template.endswith("country_over_time.html")]
    return {kind: [c.key for c in changes] for kind, _label, changes in panel.context["changes"]["groups"]}


def test_the_last_two_rounds_are_compared_across_template_versions(three_rounds, md, staff, login):
    response = login(staff).get(md.get_absolute_url())

    changes = _changes(response)
    assert changes["no_to_yes"] == ["1.1-q2"]
    assert changes["yes_to_no"] == ["2.1-q1"]
    assert changes["new"] == ["2.1-q9"]
    assert changes["removed"] == ["2.1-q2"]
    page = response.content.decode()
    assert "From Round 2022 to Round 2024" in page
    assert "Is naloxone given at release?" in page
    # The turns come first: Yes → No, then No → Yes, then new and removed questions.
    assert page.index("Yes → No") < page.index("No → Yes") < page.index("New questions")


def test_two_chosen_rounds_are_compared_whatever_their_order(three_rounds, md, staff, login):
    response = login(staff).get(md.get_absolute_url(), {"before": three_rounds[2].slug, "after": three_rounds[0].slug})

    assert response.status_code == 200
    [panel] = [p for p in response.context["panels"] if p.template.endswith("country_over_time.html")]
    assert (panel.context["before"].round, panel.context["after"].round) == (three_rounds[0], three_rounds[2])
    changes = _changes(response)
    assert sorted(changes["no_to_yes"]) == ["1.1-q1", "1.1-q2"]
    assert changes["yes_to_no"] == ["2.1-q1"]


def test_the_same_round_twice_is_refused_and_the_last_two_are_shown(three_rounds, md, staff, login):
    slug = three_rounds[1].slug
    response = login(staff).get(md.get_absolute_url(), {"before": slug, "after": slug})

    assert "Choose two different rounds." in response.content.decode()
    [panel] = [p for p in response.context["panels"] if p.template.endswith("country_over_time.html")]
    assert panel.context["after"].round == three_rounds[2]


def test_the_yes_share_per_recommendation_is_shown_round_by_round(three_rounds, md, fp_md, login):
    response = login(fp_md).get(md.get_absolute_url())

    [panel] = [p for p in response.context["panels"] if p.template.endswith("country_over_time.html")]
    over_time = panel.context["over_time"]
    assert [r.name for r in over_time.rounds] == ["Round 2020", "Round 2022", "Round 2024"]
    shares = {number: [(c.yes, c.total) for c in cells] for number, _title, cells in over_time.table_rows()}
    # Recommendation 1 has 4 questions, recommendation 2 has 2 (in both versions).
    assert shares == {1: [(0, 4), (1, 4), (2, 4)], 2: [(2, 2), (1, 2), (1, 2)]}
    page = response.content.decode()
    assert "<polyline" in page  # the line chart
    assert '<td class="num">25%</td>' in page and '<td class="num">50%</td>' in page


def test_a_country_with_one_round_has_nothing_to_compare(md, staff, login):
    _answer(AssessmentFactory(round=RoundFactory(template=make_template()), country=md), {"1.1-q1": "yes"})

    page = login(staff).get(reverse("countries:detail", args=["MD"])).content.decode()

    assert "nothing to compare yet" in page


def test_the_country_pages_one_query_counts_as_the_separate_functions_do(three_rounds, md):
    """The country page loads the questions joined to the answers once (overview.load_country_answers); what it
    counts from them is what progress_by_assessment, yes_share_over_rounds and answer_changes count."""
    # A title changed in the newer version: the page names the recommendation as the newest version does.
    Recommendation.objects.filter(template=three_rounds[2].template, number=2).update(title="Release, renamed")
    assessments = list(Assessment.objects.filter(country=md).select_related("round").order_by("round__opens_on"))
    loaded = overview.load_country_answers(assessments)
    assert loaded.progress() == progress_by_assessment(assessments)
    got = loaded.over_time()
    assert (got.rounds, got.shares) == yes_share_over_rounds(md, assessments)
    assert got.numbers == [1, 2]
    assert got.titles == {1: "Recommendation 1", 2: "Release, renamed"}
    for before, after in [(assessments[0], assessments[1]), (assessments[1], assessments[2]), (None, assessments[2])]:
        assert loaded.changes(before, after) == answer_changes(before, after)
    assert overview.grouped_changes(assessments[0], assessments[2], loaded) == overview.grouped_changes(
        assessments[0], assessments[2]
    )
