"""Everything the assessment page shows, loaded with a fixed number of queries.

Queries: recommendations; sections with this assessment's comments and version; items with its answers; the
timeline with the returns' question comments; the action items; and, for staff, the answers' history.
"""

from dataclasses import dataclass, field

from django.db.models import F, FilteredRelation, OuterRef, Q, Subquery

from checklists.access import may_answer
from checklists.assessments.forms import SectionForm
from checklists.assessments.history import Change, answer_changes, answer_records, changes_since
from checklists.assessments.progress import Progress, assessment_progress
from checklists.languages import REFERENCE, content_language, working_language
from checklists.models import (
    ActionItem,
    Answer,
    Assessment,
    Item,
    QuestionComment,
    Recommendation,
    Section,
    SectionResponse,
    Transition,
)
from cjhp.lib.roles import is_programme_staff


@dataclass
class Row:
    item: Item
    answer: Answer | None
    review_comment: str = ""
    review_field: object = None  # staff's comment box on the return form
    changed_meanwhile: bool = False  # saved by someone else since this person's form was loaded
    form: SectionForm | None = None  # the section's form: the answer's inputs, or what was posted

    @property
    def inputs(self) -> dict:
        """The question's inputs for templates/checklists/includes/question_inputs.html."""
        return self.form.question_inputs(self.item, self.answer)


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
    return_comments: list[QuestionComment] = field(default_factory=list)  # the return's, each with its item
    timeline: list[Transition] = field(default_factory=list)
    # The return the country is answering (returned) or has answered (submitted again), its comments with their
    # items; None in every other case.
    latest_return: Transition | None = None
    language: str = REFERENCE  # the questions are shown in this language
    also: str = ""  # and in this one beside them, if any
    offer: str = ""  # a language staff may ask to see beside them: the one the country answered in
    also_asked: bool = False  # staff asked for `also` (?also=ro): the page offers to go back to one language

    @property
    def blocks(self) -> list[tuple]:
        """(recommendation, its progress, its section views), in the template's order."""
        by_recommendation = {rec.pk: [] for rec in self.recommendations}
        for view in self.sections.values():
            by_recommendation[view.section.recommendation_id].append(view)
        return [
            (rec, self.progress.by_recommendation.get(rec.pk, Progress()), by_recommendation[rec.pk])
            for rec in self.recommendations
        ]

    def rebind(self, section_id: int, form: SectionForm | None = None, **flags) -> SectionView:
        """The section re-shown after a save: with the posted form when given, and the save's outcome."""
        view = self.sections[section_id]
        if form is not None:
            view.form = form
            for row in view.rows:
                row.form = form
        for name, value in flags.items():
            setattr(view, name, value)
        if view.conflict:
            changed = {change.item.pk for change in view.conflict.changes if change.item}
            for row in view.rows:
                row.changed_meanwhile = row.item.pk in changed
        return view


def items_with_answers(assessment: Assessment) -> list[Item]:
    """The template's items in their order, each with this assessment's answer (or None) as `my_answer`: one
    query, the answer joined to its item."""
    names = [field.attname for field in Answer._meta.concrete_fields]
    items = (
        Item.objects.filter(section__recommendation__template=assessment.round.template_id)
        .annotate(mine=FilteredRelation("answers", condition=Q(answers__assessment=assessment.pk)))
        .annotate(**{f"answer_{name}": F(f"mine__{name}") for name in names})
        .order_by("order")
    )
    db = items.db
    result = list(items)
    for item in result:
        values = [getattr(item, f"answer_{name}") for name in names]
        for name in names:
            delattr(item, f"answer_{name}")
        if values[0] is None:
            item.my_answer = None
        else:
            item.my_answer = Answer.from_db(db, names, values)
            item.my_answer.item = item
    return result


def _transitions(assessment: Assessment) -> list[Transition]:
    """The assessment's steps in their order, each with its question comments (the items not loaded) as
    `comments`: one query, the comments joined to their step."""
    rows = (
        assessment.transitions.select_related("by")
        .annotate(comment=FilteredRelation("question_comments"))
        .annotate(
            comment_id=F("comment__id"), comment_item_id=F("comment__item_id"), comment_message=F("comment__message")
        )
        .order_by("at", "pk")
    )
    steps = {}
    for row in rows:
        step = steps.setdefault(row.pk, row)
        if step is row:
            step.comments = []
        if row.comment_id is not None:
            step.comments.append(
                QuestionComment(
                    id=row.comment_id, transition=step, item_id=row.comment_item_id, message=row.comment_message
                )
            )
    return list(steps.values())


def _latest_return(assessment: Assessment, timeline: list[Transition]) -> Transition | None:
    """The return a returned assessment is in, or that a submitted one was submitted again after; not one that an
    approval has since closed."""
    if assessment.status not in (Assessment.Status.RETURNED, Assessment.Status.SUBMITTED):
        return None
    for step in reversed(timeline):
        if step.action == Transition.Action.RETURN:
            return step
        if step.action == Transition.Action.APPROVE:
            return None
    return None


@dataclass
class SinceReturn:
    """What the country changed after staff returned an assessment, now that it submitted it again."""

    transition: Transition
    changes: list[Change]  # the questions whose answer or note changed, in the page's order
    comments: list[tuple[QuestionComment, bool]]  # each question comment of the return, and whether it changed


def since_return(checklist: Checklist, records: dict[int, list]) -> SinceReturn | None:
    """For a submitted assessment with an earlier return: what changed since that return (no query, given the
    answers' history, answer_records)."""
    transition = checklist.latest_return
    if transition is None or checklist.assessment.status != Assessment.Status.SUBMITTED:
        return None
    rows = [row for view in checklist.sections.values() for row in view.rows]
    position = {row.item.pk: n for n, row in enumerate(rows)}
    changes = changes_since(records, transition.at)
    changes.sort(key=lambda change: position.get(change.item.pk, len(position)))
    changed = {change.item.pk for change in changes}
    comments = [(comment, comment.item_id in changed) for comment in transition.comments]
    return SinceReturn(transition, changes, comments)


def reading_languages(user, also: str = "") -> tuple[str, str]:
    """The language the questions are shown in, and the one shown beside them ("" for none): for a focal point
    their working language with the English reference beneath; for staff the interface language, with the
    language they asked for (`also`) beside it."""
    if is_programme_staff(user):
        language = content_language()
        return language, also if also != language else ""
    language = working_language(user)
    return language, REFERENCE if language != REFERENCE else ""


def load_checklist(assessment: Assessment, user, items: list[Item] | None = None, also: str = "") -> Checklist:
    """Four queries: recommendations; sections with this assessment's comments and version; items with its
    answers (none when `items` gives those of items_with_answers, read since the last save); the timeline with the
    question comments of each return. The texts in every language are columns of the rows read: showing two
    languages takes no further query."""
    template_id = assessment.round.template_id
    recommendations = list(Recommendation.objects.filter(template=template_id).order_by("number"))
    responses = SectionResponse.objects.filter(assessment=assessment.pk, section=OuterRef("pk"))
    sections = list(
        Section.objects.filter(recommendation__template=template_id)
        .annotate(
            response_comments=Subquery(responses.values("comments")),
            response_version=Subquery(responses.values("version")),
        )
        .order_by("order", "number")
    )
    if items is None:
        items = items_with_answers(assessment)
    timeline = _transitions(assessment)
    answers = {item.pk: item.my_answer for item in items if item.my_answer is not None}
    items_by_id = {item.pk: item for item in items}
    return_transition = None
    return_comments = []
    review_comments = {}
    latest_return = _latest_return(assessment, timeline)
    if latest_return:
        # A comment's question is one of the template's; any other is read in one query, not one each.
        others = {comment.item_id for comment in latest_return.comments} - items_by_id.keys()
        others = Item.objects.in_bulk(others) if others else {}
        for comment in latest_return.comments:
            comment.item = items_by_id.get(comment.item_id) or others[comment.item_id]
        latest_return.comments.sort(key=lambda comment: comment.item.order)
    if latest_return and assessment.status == Assessment.Status.RETURNED:
        return_transition = latest_return
        return_comments = latest_return.comments
        review_comments = {comment.item_id: comment.message for comment in return_comments}
    recommendations_by_id = {rec.pk: rec for rec in recommendations}
    sections_by_rec: dict[int, list[Section]] = {rec.pk: [] for rec in recommendations}
    for section in sections:
        section.recommendation = recommendations_by_id[section.recommendation_id]
        sections_by_rec[section.recommendation_id].append(section)
    items_by_section: dict[int, list[Item]] = {section.pk: [] for section in sections}
    sections_by_id = {section.pk: section for section in sections}
    for item in items:
        item.section = sections_by_id[item.section_id]
        items_by_section[item.section_id].append(item)
    ordered_sections = [section for rec in recommendations for section in sections_by_rec[rec.pk]]
    questions = [item for section in ordered_sections for item in items_by_section[section.pk] if not item.is_heading]
    progress = assessment_progress(questions, {item_id: answer.value for item_id, answer in answers.items()})
    can_answer = assessment.is_editable and may_answer(user, assessment)
    views = {}
    for section in ordered_sections:
        section_items = items_by_section[section.pk]
        rows = [Row(item, answers.get(item.pk), review_comments.get(item.pk, "")) for item in section_items]
        view = SectionView(
            section=section,
            rows=rows,
            progress=progress.by_section.get(section.pk, Progress()),
            comments=section.response_comments or "",
            version=section.response_version or 0,
        )
        views[section.pk] = view
        if can_answer:
            form = SectionForm.for_display(section=section, comments=view.comments, version=view.version)
            for row in rows:
                row.form = form
            view.form = form
    language, also = reading_languages(user, also)
    staff = is_programme_staff(user)
    offer = assessment.language if staff and assessment.language != language else ""
    return Checklist(
        assessment,
        recommendations,
        views,
        progress,
        can_answer,
        return_transition,
        return_comments,
        timeline,
        latest_return=latest_return,
        language=language,
        also=also,
        offer=offer,
        also_asked=staff and bool(also),
    )


def posted_section_form(section: Section, items: list[Item], data, files) -> SectionForm:
    """The form taking a save of the section: its questions and their answers from the template's `items`
    (items_with_answers)."""
    questions = [item for item in items if item.section_id == section.pk and not item.is_heading]
    answers = {item.pk: item.my_answer for item in questions if item.my_answer is not None}
    return SectionForm(data, files, section=section, questions=questions, answers=answers)


def page_context(assessment: Assessment, user, checklist: Checklist | None = None, also: str = "") -> dict:
    checklist = checklist or load_checklist(assessment, user, also=also)
    staff = is_programme_staff(user)
    action_items = list(
        ActionItem.objects.filter(assessment=assessment).select_related("recommendation", "item", "assignee")
    )
    # Staff read the answers' history once: its changes, and what changed since the latest return.
    records = answer_records(assessment) if staff else None
    return {
        "assessment": assessment,
        "checklist": checklist,
        "is_staff": staff,
        "timeline": checklist.timeline,
        "open_action_items": [action for action in action_items if action.is_open],
        "closed_action_items": [action for action in action_items if not action.is_open],
        "history": answer_changes(assessment, records=records) if staff else None,
        "since_return": since_return(checklist, records) if staff else None,
    }
