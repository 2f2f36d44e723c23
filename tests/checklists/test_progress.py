"""An assessment's progress follows one rule, counted from loaded answers (the assessment page and its PDF, the
country page) or by the database (the dashboard, the round page, the lists, exports and reminders): the same
figures either way."""

from checklists import overview
from checklists.assessments.progress import (
    Progress,
    assessment_progress,
    progress_by_assessment,
    progress_by_recommendation,
)
from checklists.models import Answer, Assessment, Item
from tests.checklists.factories import AssessmentFactory, RoundFactory, make_template

YES, NO = Answer.Value.YES, Answer.Value.NO


def test_loaded_answers_and_the_database_give_the_same_progress(db, md, ge):
    # Recommendation 1: two questions and a heading with two sub-questions; recommendation 2: two questions.
    assessment_round = RoundFactory(template=make_template())
    moldova = AssessmentFactory(round=assessment_round, country=md)
    AssessmentFactory(round=assessment_round, country=ge)
    # A Yes, a No, an answer cleared to "not answered yet", a Yes in recommendation 2 and two questions never
    # answered; and a Yes on the heading, which is not a question.
    items = Item.objects.filter(section__recommendation__template=assessment_round.template)
    for key, value in {"1.1-q1": YES, "1.1-q2": NO, "1.1-qha": "", "2.1-q1": YES}.items():
        Answer.objects.create(assessment=moldova, item=items.get(key=key), value=value)
    Answer.objects.create(assessment=moldova, item=items.get(is_heading=True), value=YES)
    items = list(items.select_related("section__recommendation"))
    assessments = list(Assessment.objects.filter(round=assessment_round).select_related("round__template"))

    overall, cells = {}, {}
    for assessment in assessments:
        values = dict(assessment.answers.values_list("item", "value"))
        progress = assessment_progress([item for item in items if item.is_question], values)
        overall[assessment.pk] = progress.overall
        for item in items:
            recommendation = item.section.recommendation
            cells[(assessment.pk, recommendation.number)] = progress.by_recommendation[recommendation.pk]

    assert overall[moldova.pk] == Progress(total=6, answered=3, yes=2)
    assert cells[(moldova.pk, 2)] == Progress(total=2, answered=1, yes=1)
    assert progress_by_assessment(assessments) == overall
    assert progress_by_recommendation(assessments) == cells
    assert overview.load_country_answers(assessments).progress() == overall
    dashboard = overview.staff_dashboard()
    assert {row.assessment.pk: row.progress for row in dashboard.open_rounds[0].rows} == overall
    assert dashboard.heat_map.matrix.cells == cells
