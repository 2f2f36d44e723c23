"""Writes that change assessments: opening a round, saving a section, and the review's transitions.

Each function checks what it is asked against the current state, read under a row lock, and runs in one
transaction; a refused request raises an error whose message the view shows as it is.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from checklists.assessments.history import Change, answer_changes, comment_changes
from checklists.assessments.progress import is_answered, is_question
from checklists.languages import working_language
from checklists.models import (
    ActionItem,
    Answer,
    Assessment,
    AssessmentRound,
    Item,
    QuestionComment,
    Section,
    SectionResponse,
    Transition,
)
from checklists.signals import action_item_assigned, assessment_transitioned, round_opened

Status = Assessment.Status


class TransitionRefused(Exception):
    """The assessment's status does not allow this step; the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnansweredQuestions(TransitionRefused):
    def __init__(self, items: list[Item]):
        super().__init__(
            _("Answer every question before submitting: %(count)d still unanswered.") % {"count": len(items)}
        )
        self.items = items


class SectionConflict(Exception):
    """Someone saved the section after the form was loaded; nothing of this save was applied."""

    def __init__(self, *, current_version: int, changes: list[Change]):
        super().__init__(f"section is at version {current_version}")
        self.current_version = current_version
        self.changes = changes


@dataclass
class AnswerInput:
    value: str = ""
    note: str = ""
    evidence_link: str = ""
    evidence_file: object = None  # an UploadedFile, or None to keep the current file
    remove_file: bool = False


@dataclass
class SectionInput:
    version: int
    comments: str = ""
    answers: dict[int, AnswerInput] = field(default_factory=dict)  # by item id


@transaction.atomic
def round_open(*, name, slug, template, opens_on, deadline, countries, by) -> AssessmentRound:
    """A new round, and a draft assessment for each invited country."""
    assessment_round = AssessmentRound.objects.create(
        name=name, slug=slug, template=template, opens_on=opens_on, deadline=deadline, created_by=by
    )
    Assessment.objects.bulk_create(Assessment(round=assessment_round, country=country) for country in countries)
    round_opened.send(sender=AssessmentRound, assessment_round=assessment_round, by=by)
    return assessment_round


def _lock(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


def not_editable_message(assessment: Assessment) -> str:
    return _("This assessment is “%(status)s”: it can no longer be changed, and nothing you sent was saved.") % {
        "status": assessment.get_status_display()
    }


class EvidenceTooLarge(Exception):
    """The files of a save would take the assessment's evidence over ASSESSMENT_EVIDENCE_MAX_TOTAL."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _file_size(file) -> int:
    try:
        return file.size
    except OSError:  # a file missing from storage takes no room
        return 0


def _check_evidence_total(assessment: Assessment, data: SectionInput) -> None:
    """Refuse new files that would take all of the assessment's evidence files over the limit; the files they
    replace, and those removed, no longer count."""
    new = [given.evidence_file for given in data.answers.values() if given.evidence_file is not None]
    if not new:
        return
    leaving = {
        item_pk for item_pk, given in data.answers.items() if given.evidence_file is not None or given.remove_file
    }
    kept = Answer.objects.filter(assessment=assessment).exclude(evidence_file="").exclude(item__in=leaving)
    total = sum(_file_size(answer.evidence_file) for answer in kept) + sum(upload.size for upload in new)
    limit = settings.ASSESSMENT_EVIDENCE_MAX_TOTAL
    if total > limit:
        raise EvidenceTooLarge(
            _(
                "An assessment's evidence files may take up to %(limit)s in all: with these files this one's would "
                "take %(total)s. Remove or replace files you no longer need, or give a link instead."
            )
            % {"limit": filesizeformat(limit), "total": filesizeformat(total)}
        )


def _delete_unused_files(names: set[str]) -> None:
    """Delete evidence files that no answer refers to any more (after the save that replaced them commits)."""
    in_use = set(Answer.objects.filter(evidence_file__in=names).values_list("evidence_file", flat=True))
    storage = Answer._meta.get_field("evidence_file").storage
    for name in names - in_use:
        storage.delete(name)


@transaction.atomic
def section_save(*, assessment: Assessment, section: Section, by, data: SectionInput) -> SectionResponse:
    """Save a section's answers and comments if nobody saved the section since the form was loaded.

    The section's version is the lock: a form loaded at version 3 saves only while the section is still at 3,
    and the save moves it to 4. Otherwise SectionConflict lists what the others changed, and nothing is written.
    A note written anew is recorded in the working language of the person saving it, and the assessment as
    answered in that language.
    """
    current = _lock(assessment)
    if not current.is_editable:
        raise TransitionRefused(not_editable_message(current))
    response, _created = SectionResponse.objects.get_or_create(assessment=current, section=section)
    if response.version != data.version:
        changes = answer_changes(current, section=section, after_version=data.version)
        changes += comment_changes(response, after_version=data.version)
        changes.sort(key=lambda change: change.at, reverse=True)
        raise SectionConflict(current_version=response.version, changes=changes)

    _check_evidence_total(current, data)
    new_version = response.version + 1
    now = timezone.now()
    replaced_files = set()
    existing = {answer.item_id: answer for answer in Answer.objects.filter(assessment=current, item__section=section)}
    changed = False
    language = working_language(by)
    for item in section.items.filter(is_heading=False):
        given = data.answers.get(item.pk)
        if given is None:
            continue
        answer = existing.get(item.pk) or Answer(assessment=current, item=item)
        file_changed = given.evidence_file is not None or (given.remove_file and bool(answer.evidence_file))
        text = (given.value, given.note, given.evidence_link)
        if not file_changed and text == (answer.value, answer.note, answer.evidence_link):
            continue
        if given.note != answer.note:
            answer.note_language = language if given.note else ""
        answer.value, answer.note, answer.evidence_link = text
        if file_changed and answer.evidence_file:
            replaced_files.add(answer.evidence_file.name)
        if given.evidence_file is not None:
            answer.evidence_file = given.evidence_file
        elif given.remove_file:
            answer.evidence_file = ""
        answer.answered_by, answer.answered_at, answer.section_version = by, now, new_version
        answer._history_user = by
        answer.save()
        changed = True
    if changed and current.language != language:
        current.language = language
        current.save(update_fields=["language"])
    if changed or response.comments != data.comments:
        response.comments = data.comments
        response.version, response.updated_by, response.updated_at = new_version, by, now
        response._history_user = by
        response.save()
    if replaced_files:
        # The history keeps the old file's name, not the file: once no answer refers to it, it goes.
        transaction.on_commit(lambda: _delete_unused_files(replaced_files))
    return response


@transaction.atomic
def assessment_apply_workbook(*, assessment: Assessment, by, sections: dict[Section, SectionInput]) -> int:
    """Save what a filled workbook changes, section by section, in one transaction: all of it, or nothing.

    Each section goes through section_save, so versions, history and the optimistic lock are those of a save in
    the portal; a section saved by someone since the preview raises SectionConflict and nothing is written.
    Returns how many sections were saved.
    """
    current = _lock(assessment)
    if not current.is_editable:
        raise TransitionRefused(not_editable_message(current))
    for section, data in sections.items():
        section_save(assessment=current, section=section, by=by, data=data)
    return len(sections)


def _transition(assessment, *, action, to, by, message="") -> Transition:
    transition = Transition.objects.create(
        assessment=assessment, action=action, from_status=assessment.status, to_status=to, by=by, message=message
    )
    assessment.status = to
    if to == Status.SUBMITTED:
        assessment.submitted_at = transition.at
    if to == Status.APPROVED:
        assessment.approved_at = transition.at
    elif action == Transition.Action.REOPEN:
        assessment.approved_at = None
    assessment.save(update_fields=["status", "submitted_at", "approved_at", "updated_at"])
    return transition


def _announced(transition: Transition) -> Transition:
    """Tell the listeners (emails) about the step, once everything it records is written."""
    assessment_transitioned.send(sender=Transition, transition=transition)
    return transition


def unanswered_questions(assessment: Assessment) -> list[Item]:
    answered = Answer.objects.filter(is_answered(), assessment=assessment).values("item_id")
    return list(
        Item.objects.filter(is_question(), section__recommendation__template=assessment.round.template_id)
        .exclude(pk__in=answered)
        .select_related("section__recommendation")
        .order_by("section__recommendation__number", "section__order", "order")
    )


@transaction.atomic
def assessment_submit(*, assessment: Assessment, by) -> Transition:
    """The focal point sends a draft or returned assessment for review, once every question is answered."""
    current = _lock(assessment)
    if not current.is_editable:
        raise TransitionRefused(
            _("Only a draft or returned assessment can be submitted; this one is “%(status)s”.")
            % {"status": current.get_status_display()}
        )
    missing = unanswered_questions(current)
    if missing:
        raise UnansweredQuestions(missing)
    return _announced(_transition(current, action=Transition.Action.SUBMIT, to=Status.SUBMITTED, by=by))


def _require_submitted(assessment: Assessment, message: str) -> None:
    if assessment.status != Status.SUBMITTED:
        raise TransitionRefused(message % {"status": assessment.get_status_display()})


@transaction.atomic
def assessment_return(*, assessment: Assessment, by, message: str, question_messages: dict | None = None) -> Transition:
    """Staff send a submitted assessment back, saying what to fix on the whole and on single questions."""
    current = _lock(assessment)
    _require_submitted(current, _("Only a submitted assessment can be returned; this one is “%(status)s”."))
    if not message.strip():
        raise TransitionRefused(_("Write what the country should fix before returning the assessment."))
    transition = _transition(current, action=Transition.Action.RETURN, to=Status.RETURNED, by=by, message=message)
    QuestionComment.objects.bulk_create(
        QuestionComment(transition=transition, item=item, message=text.strip())
        for item, text in (question_messages or {}).items()
        if text.strip()
    )
    return _announced(transition)


@transaction.atomic
def assessment_approve(*, assessment: Assessment, by, message: str = "") -> Transition:
    current = _lock(assessment)
    _require_submitted(current, _("Only a submitted assessment can be approved; this one is “%(status)s”."))
    transition = _transition(current, action=Transition.Action.APPROVE, to=Status.APPROVED, by=by, message=message)
    return _announced(transition)


@transaction.atomic
def assessment_reopen(*, assessment: Assessment, by, reason: str) -> Transition:
    """Staff reopen an approved assessment for the country to change; the reason is required."""
    current = _lock(assessment)
    if current.status != Status.APPROVED:
        raise TransitionRefused(
            _("Only an approved assessment can be reopened; this one is “%(status)s”.")
            % {"status": current.get_status_display()}
        )
    if not reason.strip():
        raise TransitionRefused(_("Give the reason for reopening the assessment."))
    transition = _transition(current, action=Transition.Action.REOPEN, to=Status.DRAFT, by=by, message=reason)
    return _announced(transition)


@transaction.atomic
def action_item_save(*, action_item: ActionItem, by) -> ActionItem:
    """Save a new or changed action item; giving it to a person it was not given to before announces it."""
    before = None
    if action_item.pk:
        before = ActionItem.objects.filter(pk=action_item.pk).values_list("assignee_id", flat=True).first()
    action_item.save()
    if action_item.assignee_id and action_item.assignee_id != before:
        action_item_assigned.send(sender=ActionItem, action_item=action_item, by=by)
    return action_item
