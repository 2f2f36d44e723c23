"""Comparing assessments: the round's recommendation × country matrix, the questions most answered No, and a
country's changes from round to round matched through stable keys across template versions."""

from datetime import date

from checklists.definition.services import template_new_version
from checklists.models import Answer, Item
from checklists.rounds.comparison import (
    answer_changes,
    previous_assessment,
    questions_answered_no,
    round_matrix,
    yes_share_over_rounds,
)
from tests.checklists.factories import AssessmentFactory, RoundFactory, answer_all, make_template, questions
from tests.factories import CountryFactory

YES, NO = Answer.Value.YES, Answer.Value.NO


def answer(assessment, key, value):
    item = Item.objects.get(section__recommendation__template=assessment.round.template, key=key)
    Answer.objects.update_or_create(assessment=assessment, item=item, defaults={"value": value})


def test_the_round_matrix_holds_each_countrys_yes_share_per_recommendation(db, md, ge, django_assert_num_queries):
    template = make_template(recommendations=2, questions=2)  # rec. 1: 4 questions, rec. 2: 2 questions
    assessment_round = RoundFactory(template=template)
    moldova = AssessmentFactory(round=assessment_round, country=md)
    georgia = AssessmentFactory(round=assessment_round, country=ge)
    answer_all(moldova, YES)
    answer(georgia, "1.1-q1", YES)
    answer(georgia, "1.1-q2", NO)
    # recommendations; assessments; questions per recommendation; answer counts
    with django_assert_num_queries(4):
        matrix = round_matrix(assessment_round)
    recommendation_1, recommendation_2 = matrix.recommendations
    assert [a.country.code for a in matrix.assessments] == ["GE", "MD"]
    assert (matrix.cell(moldova, recommendation_1).yes, matrix.cell(moldova, recommendation_1).total) == (4, 4)
    georgia_1 = matrix.cell(georgia, recommendation_1)
    assert (georgia_1.yes, georgia_1.answered, georgia_1.total) == (1, 2, 4)
    assert matrix.cell(georgia, recommendation_2).answered == 0
    assert matrix.cell(georgia, recommendation_2).total == 2


def test_questions_answered_no_by_most_countries_come_first(db, md, ge):
    ua = CountryFactory(code="UA", name="Ukraine")
    assessment_round = RoundFactory(template=make_template())
    assessments = [AssessmentFactory(round=assessment_round, country=c) for c in (md, ge, ua)]
    for assessment in assessments:
        answer(assessment, "1.1-q1", NO)
    answer(assessments[0], "2.1-q1", NO)
    answer(assessments[1], "2.1-q1", YES)
    tallies = questions_answered_no(assessment_round)
    assert [(t.item.key, t.no, t.answered) for t in tallies] == [("1.1-q1", 3, 3), ("2.1-q1", 1, 2)]
    assert tallies[0].countries_no == ["Georgia", "Republic of Moldova", "Ukraine"]


def test_changes_between_rounds_are_matched_by_key_across_template_versions(db, md, staff):
    first = make_template(recommendations=1, questions=2)
    second = template_new_version(template=first, version="v2", by=staff)
    # The new version rewords a question and adds another: the key keeps them comparable.
    Item.objects.filter(section__recommendation__template=second, key="1.1-q1").update(text="Reworded?")
    section = second.recommendations.get().sections.get()
    Item.objects.create(section=section, key="1.1-q9", text="A new question?", order=99)
    Item.objects.filter(section__recommendation__template=second, key="1.1-q2").delete()
    baseline = AssessmentFactory(round=RoundFactory(template=first, opens_on=date(2022, 1, 1)), country=md)
    follow_up = AssessmentFactory(round=RoundFactory(template=second, opens_on=date(2026, 1, 1)), country=md)
    answer(baseline, "1.1-q1", NO)
    answer(baseline, "1.1-q2", YES)
    answer(baseline, "1.1-qha", YES)
    answer(follow_up, "1.1-q1", YES)
    answer(follow_up, "1.1-qha", NO)
    answer(follow_up, "1.1-q9", NO)

    assert previous_assessment(follow_up) == baseline
    assert previous_assessment(baseline) is None
    changes = {change.key: (change.kind, change.text) for change in answer_changes(baseline, follow_up)}
    assert changes["1.1-q1"] == ("no_to_yes", "Reworded?")
    assert changes["1.1-qha"][0] == "yes_to_no"
    assert changes["1.1-q9"][0] == "new"
    assert changes["1.1-q2"][0] == "removed"
    assert changes["1.1-qhb"][0] == "same"


def test_a_countrys_yes_share_round_by_round(db, md):
    template = make_template(recommendations=2, questions=2)
    early = AssessmentFactory(round=RoundFactory(template=template, opens_on=date(2022, 1, 1)), country=md)
    late = AssessmentFactory(round=RoundFactory(template=template, opens_on=date(2026, 1, 1)), country=md)
    for item in questions(template)[:2]:
        Answer.objects.create(assessment=early, item=item, value=YES)
    answer_all(late, YES)
    rounds, shares = yes_share_over_rounds(md)
    assert rounds == [early.round, late.round]
    assert (shares[(early.round.pk, 1)].yes, shares[(early.round.pk, 1)].total) == (2, 4)
    assert shares[(late.round.pk, 2)].yes_percent == 100
    assert shares[(early.round.pk, 2)].yes == 0
