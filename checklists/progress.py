"""Progress of an assessment: the answered share and the Yes share, per section, recommendation and overall.

Computed here only, from the questions (items that are not headings) and the answers' values, with a fixed
number of queries however many items, answers or countries there are.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from checklists.models import Answer, Assessment, Item


@dataclass
class Progress:
    total: int = 0
    answered: int = 0
    yes: int = 0

    @property
    def answered_percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0

    @property
    def yes_percent(self) -> int:
        """Questions answered Yes, as a share of all questions."""
        return round(100 * self.yes / self.total) if self.total else 0

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.answered == self.total

    def count(self, value: str) -> None:
        self.total += 1
        if value:
            self.answered += 1
        if value == Answer.Value.YES:
            self.yes += 1


@dataclass
class AssessmentProgress:
    overall: Progress = field(default_factory=Progress)
    by_recommendation: dict[int, Progress] = field(default_factory=dict)
    by_section: dict[int, Progress] = field(default_factory=dict)


def assessment_progress(questions: Iterable[Item], values: dict[int, str]) -> AssessmentProgress:
    """From the questions (with `section.recommendation_id` loaded) and the answers' values by item id."""
    progress = AssessmentProgress()
    for item in questions:
        value = values.get(item.pk, "")
        progress.overall.count(value)
        progress.by_recommendation.setdefault(item.section.recommendation_id, Progress()).count(value)
        progress.by_section.setdefault(item.section_id, Progress()).count(value)
    return progress


def with_progress(assessments):
    """An Assessment queryset annotated with `progress_total`, `progress_answered` and `progress_yes` (the same
    subqueries as progress_by_assessment): the assessments and their progress in one query. See progress_of."""
    questions, answered, yes = _progress_subqueries()
    return assessments.annotate(progress_total=questions, progress_answered=answered, progress_yes=yes)


def progress_of(assessment) -> Progress:
    """The overall progress of an assessment read through with_progress."""
    return Progress(total=assessment.progress_total, answered=assessment.progress_answered, yes=assessment.progress_yes)


def _progress_subqueries():
    questions = (
        Item.objects.filter(section__recommendation__template=OuterRef("round__template"), is_heading=False)
        .order_by()
        .values("section__recommendation__template")
        .annotate(n=Count("pk"))
        .values("n")
    )
    answers = Answer.objects.filter(assessment=OuterRef("pk"), item__is_heading=False).order_by().values("assessment")
    answered = answers.annotate(n=Count("pk", filter=~Q(value=""))).values("n")
    yes = answers.annotate(n=Count("pk", filter=Q(value=Answer.Value.YES))).values("n")
    return Coalesce(Subquery(questions), 0), Coalesce(Subquery(answered), 0), Coalesce(Subquery(yes), 0)


def progress_by_assessment(assessments: Iterable) -> dict[int, Progress]:
    """Overall progress of many assessments in one query: for each, its template's questions and its answers,
    counted by subqueries."""
    assessments = list(assessments)
    if not assessments:
        return {}
    questions, answered, yes = _progress_subqueries()
    rows = (
        Assessment.objects.filter(pk__in=[a.pk for a in assessments])
        .annotate(total=questions, answered=answered, yes=yes)
        .values_list("pk", "total", "answered", "yes")
    )
    return {pk: Progress(total=total, answered=answered, yes=yes) for pk, total, answered, yes in rows}
