"""What the checklists' PDF reports show: one country's assessment, and all countries of a round side by side.

Each function loads its report with a fixed number of queries, however many questions and countries there are,
and returns the template context; checklists/reports/views.py turns it into a PDF.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from checklists.assessments.progress import Progress, assessment_progress, is_question
from checklists.languages import REFERENCE, content_language, working_language
from checklists.models import ActionItem, Answer, Assessment, AssessmentRound, Item, Section
from checklists.rounds.comparison import AnswerChange, previous_assessment, questions_answered_no, round_matrix
from cjhp.lib.charts import HeatMap
from cjhp.lib.roles import is_programme_staff

# A draft or returned assessment is still the country's work in progress: every page says DRAFT.
DRAFT_STATUSES = (Assessment.Status.DRAFT, Assessment.Status.RETURNED)
# Changes counted in the report's summary; the first three also get a line each (a draft's "not answered yet"
# would otherwise list most of the checklist).
CHANGE_KINDS = ["no_to_yes", "yes_to_no", "new", "answered", "unanswered", "removed"]
LISTED_KINDS = {"no_to_yes", "yes_to_no", "new"}
QUESTIONS_ANSWERED_NO = 15


@dataclass
class ReportRow:
    item: Item
    answer: Answer | None
    is_sub_question: bool = False


@dataclass
class ReportSection:
    section: Section
    rows: list[ReportRow]
    progress: Progress
    comments: str


@dataclass
class ReportRecommendation:
    recommendation: object
    progress: Progress
    sections: list[ReportSection] = field(default_factory=list)


def assessment_filename(assessment: Assessment) -> str:
    return f"cjhp-assessment-{assessment.country.code}-{assessment.round.slug}.pdf"


def report_language(assessment: Assessment, user) -> str:
    """The language the questions are printed in, above the English: a focal point's working language; for staff
    the language the country answered in, else the interface language."""
    if is_programme_staff(user):
        return assessment.language or content_language()
    return working_language(user)


def assessment_report(assessment: Assessment, language: str = REFERENCE) -> dict:
    """Every recommendation, section, question, answer and comment, the change since the previous round, open
    action items and the review timeline. Queries: recommendations, sections, items; answers; section
    responses; the previous assessment, its questions and answers; open action items; the timeline."""
    recommendations = list(
        assessment.round.template.recommendations.order_by("number").prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("order", "number")),
            Prefetch("sections__items", queryset=Item.objects.order_by("order")),
        )
    )
    answers = {answer.item_id: answer for answer in assessment.answers.all()}
    comments = dict(assessment.section_responses.values_list("section_id", "comments"))
    questions = []
    for rec in recommendations:
        for section in rec.sections.all():
            section.recommendation = rec
            questions += [item for item in section.items.all() if item.is_question]
    progress = assessment_progress(questions, {item_id: answer.value for item_id, answer in answers.items()})
    blocks = []
    for rec in recommendations:
        block = ReportRecommendation(rec, progress.by_recommendation.get(rec.pk, Progress()))
        for section in rec.sections.all():
            rows = [ReportRow(item, answers.get(item.pk), item.parent_id is not None) for item in section.items.all()]
            block.sections.append(
                ReportSection(
                    section, rows, progress.by_section.get(section.pk, Progress()), comments.get(section.pk, "")
                )
            )
        blocks.append(block)
    previous = previous_assessment(assessment)
    changes = _changes_since(previous, questions, answers) if previous else []
    open_actions = (
        ActionItem.objects.filter(
            assessment=assessment, status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS]
        )
        .select_related("recommendation", "item")
        .order_by("due_date", "pk")
    )
    return {
        "assessment": assessment,
        "is_draft": assessment.status in DRAFT_STATUSES,
        "blocks": blocks,
        "progress": progress.overall,
        "previous": previous,
        "changes": [change for change in changes if change.kind in LISTED_KINDS],
        "unchanged": sum(1 for change in changes if change.kind == "same"),
        "change_counts": _change_counts(changes),
        "open_action_items": list(open_actions),
        "timeline": list(assessment.transitions.select_related("by")),
        "language": language,
        "also": REFERENCE if language != REFERENCE else "",
    }


def _changes_since(previous: Assessment, questions: list[Item], answers: dict) -> list[AnswerChange]:
    """As comparison.answer_changes, reusing the questions and answers already loaded (two queries)."""
    old = {item.key: (item, value) for item, value in answer_values(previous)}
    changes = []
    for item in questions:
        answer = answers.get(item.pk)
        before = old.pop(item.key, None)
        changes.append(
            AnswerChange(
                item.key,
                item.text,
                item.section.recommendation.number,
                before[1] if before else None,
                answer.value if answer else "",
            )
        )
    for key, (item, value) in old.items():
        changes.append(AnswerChange(key, item.text, item.section.recommendation.number, value, None))
    return changes


def answer_values(assessment: Assessment) -> list[tuple[Item, str]]:
    """The assessment's questions in order, each with its answer's value ("" when not answered)."""
    items = (
        Item.objects.filter(is_question(), section__recommendation__template=assessment.round.template_id)
        .select_related("section__recommendation")
        .order_by("section__recommendation__number", "section__order", "order")
    )
    values = dict(Answer.objects.filter(assessment=assessment).values_list("item", "value"))
    return [(item, values.get(item.pk, "")) for item in items]


def _change_counts(changes) -> list[tuple[str, int]]:
    labels = change_labels()
    counts = {kind: 0 for kind in CHANGE_KINDS}
    for change in changes:
        if change.kind in counts:
            counts[change.kind] += 1
    return [(labels[kind], count) for kind, count in counts.items() if count]


def change_labels() -> dict[str, str]:
    return {
        "no_to_yes": _("No → Yes"),
        "yes_to_no": _("Yes → No"),
        "new": _("New question"),
        "answered": _("Answered now"),
        "unanswered": _("No longer answered"),
        "removed": _("Question removed"),
    }


def round_filename(assessment_round: AssessmentRound) -> str:
    return f"cjhp-round-{assessment_round.slug}.pdf"


@dataclass
class CountryRow:
    assessment: Assessment
    progress: Progress  # overall: answered and Yes shares
    cells: list[Progress]  # one per recommendation
    recommendations: list = field(default_factory=list)  # the cells' recommendations, in the same order

    @property
    def recommendation_cells(self) -> list[tuple]:
        """(recommendation, its cell): for tables that name each cell's recommendation (a phone's cards)."""
        return list(zip(self.recommendations, self.cells, strict=True))


def round_comparison(assessment_round: AssessmentRound) -> dict:
    """The round's heat map and table, and the questions most countries answered No (two more queries)."""
    return {
        **round_heat_map(assessment_round),
        "answered_no": questions_answered_no(assessment_round, limit=QUESTIONS_ANSWERED_NO),
    }


def round_heat_map(assessment_round: AssessmentRound) -> dict:
    """Countries × recommendations Yes shares (heat map and table) with each country's status and progress: the
    four queries of round_matrix."""
    matrix = round_matrix(assessment_round)
    rows = []
    for assessment in matrix.assessments:
        cells = [matrix.cell(assessment, rec) for rec in matrix.recommendations]
        rows.append(CountryRow(assessment, sum(cells, Progress()), cells, matrix.recommendations))
    heat_map = HeatMap(
        title=_("Yes share per recommendation and country: %(round)s") % {"round": assessment_round.name},
        rows=[row.assessment.country.local_name for row in rows],
        columns=[f"{rec.number}. {rec.title}" for rec in matrix.recommendations],
        values={
            # Nothing answered yet: no share (a blank cell), not 0%.
            (row_index, col): (cell.yes / cell.total if cell.total and cell.answered else None)
            for row_index, row in enumerate(rows)
            for col, cell in enumerate(row.cells)
        },
    )
    return {
        "round": assessment_round,
        "recommendations": matrix.recommendations,
        "country_rows": rows,
        "heat_map": heat_map.svg() if rows and matrix.recommendations else "",
    }
