"""Everything the assessment page shows, loaded with a fixed number of queries.

Queries: recommendations, their sections, their items; the assessment's answers and section responses; the
latest return's question comments; the timeline; the action items; and, for staff, the answers' history.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from checklists.access import may_answer
from checklists.forms import SectionForm
from checklists.history import answer_changes
from checklists.models import ActionItem, Answer, Assessment, Item, QuestionComment, Section, Transition
from checklists.progress import Progress, assessment_progress
from cjhp.roles import is_programme_staff


@dataclass
class Row:
    item: Item
    answer: Answer | None
    review_comment: str = ""
    fields: dict = field(default_factory=dict)
    review_field: object = None  # staff's comment box on the return form
    changed_meanwhile: bool = False  # saved by someone else since this person's form was loaded


@dataclass
class SectionView:
    section: Section
    rows: list[Row]
    progress: Progress
    comments: str
    version: int
    form: SectionForm | None = None
    conflict: object = None  # a SectionConflict, after a refused save
    saved: bool = False
    error: str = ""  # why a save was refused, shown in the section

    @property
    def questions(self) -> list[Item]:
        return [row.item for row in self.rows if not row.item.is_heading]


@dataclass
class Checklist:
    assessment: Assessment
    recommendations: list
    sections: dict[int, SectionView]
    progress: object
    can_answer: bool
    return_transition: Transition | None = None

    @property
    def blocks(self) -> list[tuple]:
        """(recommendation, its progress, its section views), in the template's order."""
        return [
            (
                rec,
                self.progress.by_recommendation.get(rec.pk, Progress()),
                [self.sections[s.pk] for s in rec.sections.all()],
            )
            for rec in self.recommendations
        ]

    def rebind(self, section_id: int, form: SectionForm, **flags) -> SectionView:
        view = self.sections[section_id]
        view.form = form
        for row in view.rows:
            row.fields = form.fields_for(row.item) if not row.item.is_heading else {}
        for name, value in flags.items():
            setattr(view, name, value)
        if view.conflict:
            changed = {change.item.pk for change in view.conflict.changes if change.item}
            for row in view.rows:
                row.changed_meanwhile = row.item.pk in changed
        return view


def load_checklist(assessment: Assessment, user) -> Checklist:
    items = Item.objects.order_by("order")
    recommendations = list(
        assessment.round.template.recommendations.order_by("number").prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("order", "number")),
            Prefetch("sections__items", queryset=items),
        )
    )
    answers = {answer.item_id: answer for answer in assessment.answers.all()}
    responses = {response.section_id: response for response in assessment.section_responses.all()}
    return_transition = None
    review_comments = {}
    if assessment.status == Assessment.Status.RETURNED:
        return_transition = (
            assessment.transitions.filter(action=Transition.Action.RETURN)
            .select_related("by")
            .prefetch_related(Prefetch("question_comments", queryset=QuestionComment.objects.select_related("item")))
            .order_by("-at", "-pk")
            .first()
        )
        if return_transition:
            review_comments = {c.item_id: c.message for c in return_transition.question_comments.all()}
    questions = [
        item
        for rec in recommendations
        for section in rec.sections.all()
        for item in section.items.all()
        if not item.is_heading
    ]
    for rec in recommendations:
        for section in rec.sections.all():
            section.recommendation = rec
    progress = assessment_progress(questions, {item_id: answer.value for item_id, answer in answers.items()})
    can_answer = assessment.is_editable and may_answer(user, assessment)
    sections = {}
    for rec in recommendations:
        for section in rec.sections.all():
            response = responses.get(section.pk)
            rows = [Row(item, answers.get(item.pk), review_comments.get(item.pk, "")) for item in section.items.all()]
            view = SectionView(
                section=section,
                rows=rows,
                progress=progress.by_section.get(section.pk, Progress()),
                comments=response.comments if response else "",
                version=response.version if response else 0,
            )
            sections[section.pk] = view
            if can_answer:
                form = SectionForm(
                    section=section,
                    questions=view.questions,
                    answers=answers,
                    comments=view.comments,
                    version=view.version,
                )
                for row in rows:
                    row.fields = form.fields_for(row.item) if not row.item.is_heading else {}
                view.form = form
    return Checklist(assessment, recommendations, sections, progress, can_answer, return_transition)


def page_context(assessment: Assessment, user, checklist: Checklist | None = None) -> dict:
    checklist = checklist or load_checklist(assessment, user)
    staff = is_programme_staff(user)
    action_items = list(
        ActionItem.objects.filter(assessment=assessment).select_related("recommendation", "item", "created_by")
    )
    return {
        "assessment": assessment,
        "checklist": checklist,
        "is_staff": staff,
        "timeline": list(assessment.transitions.select_related("by")),
        "open_action_items": [action for action in action_items if action.is_open],
        "closed_action_items": [action for action in action_items if not action.is_open],
        "history": answer_changes(assessment) if staff else None,
    }
