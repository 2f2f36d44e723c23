"""What changes in an assessment's answers and comments: a question's or a section's comments' fields, old → new.

The changes saved so far are read from django-simple-history's records; the offline round trip
(checklists.offline.upload) plans the changes a workbook would make in the same terms.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from checklists.models import Answer, Item, SectionResponse

# What a question's answer holds, and a section's comments, each with the label its changes show.
ANSWER_FIELDS = {
    "value": _("answer"),
    "note": _("note"),
    "evidence_link": _("evidence link"),
    "evidence_file": _("evidence file"),
}
COMMENTS_FIELDS = {"comments": _("comments")}
LABELS = ANSWER_FIELDS | COMMENTS_FIELDS


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    """A change of one question (item) or, when item is None, of a section's comments: its fields old → new.

    A change read from the history also says who saved it and when; one a workbook would make does not.
    """

    item: Item | None
    fields: list[FieldChange] = field(default_factory=list)
    user: object = None
    at: datetime | None = None


def shown(name: str, value) -> str:
    """A field's value as the pages show it: the answer's label, a file's name, "—" for nothing."""
    if name == "value":
        return str(Answer.Value(value).label) if value else str(Answer.Value.__empty__)
    if name == "evidence_file":
        return str(value).rsplit("/", 1)[-1] if value else "—"
    return value or "—"


def field_changes(old: dict, new: dict) -> list[FieldChange]:
    """The fields of `new` (name → value) that `old` holds otherwise (a missing name is empty), as shown."""
    return [
        FieldChange(str(LABELS[name]), shown(name, old.get(name, "")), shown(name, value))
        for name, value in new.items()
        if old.get(name, "") != value
    ]


def _values(record, names) -> dict:
    return {name: getattr(record, name) for name in names} if record else {}


def answer_records(assessment, *, section=None) -> dict[int, list]:
    """The history of the assessment's answers (of one section, if given): each answer's records oldest first,
    by answer id (one query)."""
    records = Answer.history.filter(assessment_id=assessment.pk).select_related("history_user", "item")
    if section is not None:
        records = records.filter(item__section=section)
    by_answer = defaultdict(list)
    for record in records.order_by("history_date", "history_id"):
        by_answer[record.id].append(record)
    return by_answer


def answer_changes(
    assessment, *, section=None, after_version: int | None = None, records: dict[int, list] | None = None
) -> list[Change]:
    """Every change of the assessment's answers, newest first (one query, none given its answer_records).

    With `section` and `after_version`: only the changes saved in that section after that version, which is
    what a refused save shows.
    """
    if records is None:
        records = answer_records(assessment, section=section)
    changes = []
    for rows in records.values():
        previous = None
        for record in rows:
            if record.history_type != "-" and (after_version is None or record.section_version > after_version):
                fields = field_changes(_values(previous, ANSWER_FIELDS), _values(record, ANSWER_FIELDS))
                if fields:
                    changes.append(Change(record.item, fields, record.history_user, record.history_date))
            previous = record
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes


# What a question's answer says, as the review compares it: the answer and its note.
REVIEWED_FIELDS = ("value", "note")


def changes_since(records: dict[int, list], since: datetime, names=REVIEWED_FIELDS) -> list[Change]:
    """For each question saved after `since`, its fields `names` as they were then → as they are now; a question
    changed and changed back is not listed. `records`: answer_records. Each change says who saved it last, when."""
    changes = []
    for rows in records.values():
        earlier = [record for record in rows if record.history_date <= since]
        if len(earlier) == len(rows):
            continue
        old, new = (earlier[-1] if earlier else None), rows[-1]
        as_then = _values(old, names) if old and old.history_type != "-" else {}
        as_now = _values(new, names) if new.history_type != "-" else dict.fromkeys(names, "")
        if fields := field_changes(as_then, as_now):
            changes.append(Change(new.item, fields, new.history_user, new.history_date))
    return changes


def comment_changes(response: SectionResponse, *, after_version: int) -> list[Change]:
    """Changes of a section's comments saved after a version (one query)."""
    changes = []
    previous = None
    records = SectionResponse.history.filter(id=response.pk).select_related("history_user")
    for record in records.order_by("history_date", "history_id"):
        fields = field_changes(_values(previous, COMMENTS_FIELDS), _values(record, COMMENTS_FIELDS))
        if record.version > after_version and fields:
            changes.append(Change(None, fields, record.history_user, record.history_date))
        previous = record
    return changes
