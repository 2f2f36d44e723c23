"""What changed in an assessment's answers and comments, read from django-simple-history's records."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from checklists.models import Answer, Item, SectionResponse

ANSWER_FIELDS = [
    ("value", _("answer")),
    ("note", _("note")),
    ("evidence_link", _("evidence link")),
    ("evidence_file", _("evidence file")),
]


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    """One save by one person: on a question (item) or, when item is None, on the section's comments."""

    user: object
    at: datetime
    item: Item | None
    fields: list[FieldChange] = field(default_factory=list)


def _shown(name: str, value) -> str:
    if name == "value":
        return str(Answer.Value(value).label) if value else str(Answer.Value.__empty__)
    if name == "evidence_file":
        return str(value).rsplit("/", 1)[-1] if value else "—"
    return value or "—"


def _diff(previous, record) -> list[FieldChange]:
    changes = []
    for name, label in ANSWER_FIELDS:
        old = getattr(previous, name) if previous else ""
        new = getattr(record, name)
        if old != new:
            changes.append(FieldChange(str(label), _shown(name, old), _shown(name, new)))
    return changes


def answer_changes(assessment, *, section=None, after_version: int | None = None) -> list[Change]:
    """Every change of the assessment's answers, newest first (one query).

    With `section` and `after_version`: only the changes saved in that section after that version, which is
    what a refused save shows.
    """
    records = Answer.history.filter(assessment_id=assessment.pk).select_related("history_user", "item")
    if section is not None:
        records = records.filter(item__section=section)
    by_answer = defaultdict(list)
    for record in records.order_by("history_date", "history_id"):
        by_answer[record.id].append(record)
    changes = []
    for rows in by_answer.values():
        previous = None
        for record in rows:
            if record.history_type != "-" and (after_version is None or record.section_version > after_version):
                fields = _diff(previous, record)
                if fields:
                    changes.append(Change(record.history_user, record.history_date, record.item, fields))
            previous = record
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes


def comment_changes(response: SectionResponse, *, after_version: int) -> list[Change]:
    """Changes of a section's comments saved after a version (one query)."""
    changes = []
    previous = None
    records = SectionResponse.history.filter(id=response.pk).select_related("history_user")
    for record in records.order_by("history_date", "history_id"):
        old = previous.comments if previous else ""
        if record.version > after_version and record.comments != old:
            fields = [FieldChange(str(_("comments")), old or "—", record.comments or "—")]
            changes.append(Change(record.history_user, record.history_date, None, fields))
        previous = record
    return changes
