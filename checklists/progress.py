"""Progress of an assessment: the answered share and the Yes share, per section, recommendation and overall.

Computed here only, from the questions (items that are not headings) and the answers' values, with a fixed
number of queries however many items, answers or countries there are.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from checklists.models import Answer, Item


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


def progress_by_assessment(assessments: Iterable) -> dict[int, Progress]:
    """Overall progress of many assessments in two queries: questions per template, answers per assessment."""
    assessments = list(assessments)
    template_ids = {assessment.round.template_id for assessment in assessments}
    totals = {
        row["section__recommendation__template"]: row["count"]
        for row in Item.objects.filter(section__recommendation__template__in=template_ids, is_heading=False)
        .values("section__recommendation__template")
        .annotate(count=Count("pk"))
    }
    counts = {
        row["assessment"]: row
        for row in Answer.objects.filter(assessment__in=[a.pk for a in assessments], item__is_heading=False)
        .values("assessment")
        .annotate(answered=Count("pk", filter=~Q(value="")), yes=Count("pk", filter=Q(value=Answer.Value.YES)))
    }
    result = {}
    for assessment in assessments:
        row = counts.get(assessment.pk, {})
        result[assessment.pk] = Progress(
            total=totals.get(assessment.round.template_id, 0),
            answered=row.get("answered", 0),
            yes=row.get("yes", 0),
        )
    return result
