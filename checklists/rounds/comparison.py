"""Comparing assessments: countries side by side in a round, and a country from one round to another.

Shares follow checklists/assessments/progress.py (Yes answers as a share of all questions). Answers are matched across
rounds through the items' stable keys, so comparisons hold when the template version changed. Every function
here runs a fixed number of queries, however many countries, rounds and questions there are.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from checklists.assessments.progress import Progress, is_answered, is_question, progress_by_recommendation
from checklists.models import Answer, Assessment, AssessmentRound, Item, Recommendation
from countries.names import local_country_name


@dataclass
class RoundMatrix:
    """Recommendation × country Yes shares for one round."""

    round: AssessmentRound
    recommendations: list[Recommendation]
    assessments: list[Assessment]
    # (assessment id, recommendation number) -> Progress
    cells: dict[tuple[int, int], Progress] = field(default_factory=dict)

    def cell(self, assessment: Assessment, recommendation: Recommendation) -> Progress:
        return self.cells.get((assessment.pk, recommendation.number), Progress())

    def rows(self):
        """(recommendation, [(assessment, progress), ...]) for templates and tables."""
        for recommendation in self.recommendations:
            yield recommendation, [(a, self.cell(a, recommendation)) for a in self.assessments]


def round_matrix(round: AssessmentRound, *, assessments=None) -> RoundMatrix:
    """Four queries: recommendations, assessments with countries, questions per recommendation, answer counts.

    `assessments`: those of the round to show (an Assessment queryset, such as those a user may see); all of them
    by default."""
    recommendations = list(Recommendation.objects.filter(template=round.template_id).order_by("number"))
    assessments = round.assessments.all() if assessments is None else assessments.filter(round=round)
    assessments = list(assessments.select_related("country").order_by("country__name"))
    for assessment in assessments:
        assessment.round = round
    matrix = RoundMatrix(round=round, recommendations=recommendations, assessments=assessments)
    matrix.cells = progress_by_recommendation(assessments)
    return matrix


@dataclass
class QuestionTally:
    item: Item
    no: int
    yes: int
    answered: int
    countries_no: list[str]

    @property
    def no_share(self) -> float:
        return self.no / self.answered if self.answered else 0.0


def questions_answered_no(round: AssessmentRound, *, statuses=None, limit: int | None = None) -> list[QuestionTally]:
    """The round's questions ordered by how many countries answered No (most first); two queries."""
    answers = Answer.objects.filter(is_answered(), assessment__round=round)
    if statuses:
        answers = answers.filter(assessment__status__in=statuses)
    tallies: dict[int, dict] = defaultdict(lambda: {"no": 0, "yes": 0, "countries_no": []})
    rows = answers.values_list("item", "value", "assessment__country__code", "assessment__country__name")
    for item_id, value, code, name in rows.order_by("assessment__country__name"):
        tally = tallies[item_id]
        tally[value] += 1
        if value == Answer.Value.NO:
            tally["countries_no"].append(local_country_name(code, name))
    items = Item.objects.filter(pk__in=tallies).select_related("section__recommendation", "parent").in_bulk()
    result = [
        QuestionTally(items[pk], t["no"], t["yes"], t["no"] + t["yes"], t["countries_no"])
        for pk, t in tallies.items()
        if t["no"]
    ]
    result.sort(key=lambda tally: (-tally.no, tally.item.section.recommendation.number, tally.item.order))
    return result[:limit] if limit else result


@dataclass
class AnswerChange:
    key: str
    text: str
    recommendation_number: int
    before: str  # "yes", "no", "" (not answered) or None (the question did not exist)
    after: str | None

    @property
    def kind(self) -> str:
        """ "no_to_yes", "yes_to_no", "new", "removed", "answered", "unanswered" or "same"."""
        if self.before is None:
            return "new"
        if self.after is None:
            return "removed"
        if self.before == self.after:
            return "same"
        if (self.before, self.after) == (Answer.Value.NO, Answer.Value.YES):
            return "no_to_yes"
        if (self.before, self.after) == (Answer.Value.YES, Answer.Value.NO):
            return "yes_to_no"
        return "answered" if self.after else "unanswered"


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The same country's assessment in the latest earlier round (by opening date)."""
    return (
        Assessment.objects.filter(country=assessment.country_id, round__opens_on__lt=assessment.round.opens_on)
        .select_related("round")
        .order_by("-round__opens_on")
        .first()
    )


def _answers_by_key(*assessments: Assessment) -> list[dict[str, tuple[Item, str]]]:
    """For each assessment, its questions by key with its answer; two queries however many assessments."""
    template_ids = {assessment.round.template_id for assessment in assessments}
    items = list(
        Item.objects.filter(is_question(), section__recommendation__template__in=template_ids)
        .select_related("section__recommendation")
        .order_by("section__recommendation__number", "section__order", "order")
    )
    values = {
        (assessment_id, item_id): value
        for assessment_id, item_id, value in Answer.objects.filter(assessment__in=assessments).values_list(
            "assessment", "item", "value"
        )
    }
    return [
        {
            item.key: (item, values.get((assessment.pk, item.pk), ""))
            for item in items
            if item.section.recommendation.template_id == assessment.round.template_id
        }
        for assessment in assessments
    ]


def answer_changes(before: Assessment | None, after: Assessment) -> list[AnswerChange]:
    """Question by question, from one assessment of a country to a later one (two queries)."""
    if before:
        old, new = _answers_by_key(before, after)
    else:
        old, (new,) = {}, _answers_by_key(after)
    changes = []
    for key, (item, value) in new.items():
        previous = old.get(key)
        changes.append(
            AnswerChange(key, item.text, item.section.recommendation.number, previous[1] if previous else None, value)
        )
    for key, (item, value) in old.items():
        if key not in new:
            changes.append(AnswerChange(key, item.text, item.section.recommendation.number, value, None))
    return changes


def yes_share_over_rounds(
    country, assessments: list[Assessment] | None = None
) -> tuple[list[AssessmentRound], dict[tuple[int, int], Progress]]:
    """A country's rounds in order and its Yes share per (round id, recommendation number); three queries, two
    when given the country's `assessments` (with their round, oldest round first)."""
    if assessments is None:
        assessments = list(
            Assessment.objects.filter(country=country).select_related("round").order_by("round__opens_on")
        )
    round_of = {assessment.pk: assessment.round_id for assessment in assessments}
    cells = progress_by_recommendation(assessments)
    return [a.round for a in assessments], {(round_of[pk], number): cell for (pk, number), cell in cells.items()}
