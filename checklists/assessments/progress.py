"""Progress of an assessment: how many of its questions are answered, and how many say Yes.

The rule, written here only: a question is an item of the assessment's template that is not a heading (its
sub-items are the questions); it is answered when its answer holds a value (Yes or No). `Progress.count`
applies it to answers already loaded, `is_question` and `answer_counts` make the database apply it, with a
fixed number of queries however many items, answers or countries there are; tests/checklists/test_progress.py
holds the two to the same figures.
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
        """One more question, whose answer holds `value` ("" when it has none)."""
        self.total += 1
        self.answered += value != ""
        self.yes += value == Answer.Value.YES

    def __add__(self, other: "Progress") -> "Progress":
        return Progress(self.total + other.total, self.answered + other.answered, self.yes + other.yes)


def is_question(prefix: str = "") -> Q:
    """The items that are questions; `prefix`: the path to the items ("item__" from an answer)."""
    return Q(**{f"{prefix}is_heading": False})


def is_answered(prefix: str = "") -> Q:
    """The answers to a question that hold a value; `prefix`: the path to the answers ("answers__" from an
    assessment)."""
    return is_question(f"{prefix}item__") & ~Q(**{f"{prefix}value": ""})


def answer_counts(prefix: str = "", **among) -> dict[str, Count]:
    """`answered` and `yes`: how many answers (at `prefix`, as for is_answered; only those matching the lookups
    `among`) are answered, and answered Yes."""
    answered = is_answered(prefix) & Q(**among)
    return {
        "answered": Count(f"{prefix}pk", filter=answered),
        "yes": Count(f"{prefix}pk", filter=answered & Q(**{f"{prefix}value": Answer.Value.YES})),
    }


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
    """An Assessment queryset annotated with `progress_total`, `progress_answered` and `progress_yes`, counted by
    subqueries: the assessments and their progress in one query. See progress_of."""
    questions = (
        Item.objects.filter(is_question(), section__recommendation__template=OuterRef("round__template"))
        .order_by()
        .values("section__recommendation__template")
        .annotate(n=Count("pk"))
    )
    answers = (
        Answer.objects.filter(assessment=OuterRef("pk")).order_by().values("assessment").annotate(**answer_counts())
    )
    return assessments.annotate(
        progress_total=Coalesce(Subquery(questions.values("n")), 0),
        progress_answered=Coalesce(Subquery(answers.values("answered")), 0),
        progress_yes=Coalesce(Subquery(answers.values("yes")), 0),
    )


PROGRESS_FIELDS = ("progress_total", "progress_answered", "progress_yes")


def progress_of(assessment) -> Progress:
    """The overall progress of an assessment read through with_progress."""
    return Progress(*(getattr(assessment, name) for name in PROGRESS_FIELDS))


def progress_by_assessment(assessments: Iterable) -> dict[int, Progress]:
    """Overall progress of many assessments in one query (none when there are none)."""
    rows = with_progress(Assessment.objects.filter(pk__in=[a.pk for a in assessments]).order_by())
    return {pk: Progress(*counts) for pk, *counts in rows.values_list("pk", *PROGRESS_FIELDS)}


def progress_by_recommendation(assessments: list[Assessment]) -> dict[tuple[int, int], Progress]:
    """Each assessment's progress per recommendation, by (assessment id, recommendation number): two queries,
    the questions of the assessments' templates (`assessment.round` loaded) and the answers, counted by the
    database."""
    by_template: dict[int, list[int]] = {}
    for assessment in assessments:
        by_template.setdefault(assessment.round.template_id, []).append(assessment.pk)
    cells = {}
    for template_id, number, total in (
        Item.objects.filter(is_question(), section__recommendation__template__in=by_template)
        # Counted per recommendation, not per row of the items' default ordering.
        .order_by()
        .values_list("section__recommendation__template", "section__recommendation__number")
        .annotate(Count("pk"))
    ):
        cells.update({(pk, number): Progress(total=total) for pk in by_template[template_id]})
    for pk, number, answered, yes in (
        Answer.objects.filter(assessment__in=[a.pk for a in assessments])
        .values_list("assessment", "item__section__recommendation__number")
        .annotate(**answer_counts())
    ):
        cell = cells.setdefault((pk, number), Progress())
        cell.answered, cell.yes = answered, yes
    return cells
