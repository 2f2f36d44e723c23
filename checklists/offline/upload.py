"""A filled offline workbook: read and checked sheet by sheet and row by row, then compared with what the portal
held at download and holds now, question by question (see checklists/offline/workbook.py for its layout)."""

import io
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from checklists.assessments.history import Change, field_changes, shown
from checklists.assessments.services import AnswerInput, SectionInput
from checklists.models import Answer, Assessment, Item, Recommendation, Section
from checklists.offline.workbook import (
    COMMENTS_KEY,
    FIRST_ROW,
    LINK,
    NOTE,
    STATE_SHEET,
    Snapshot,
    sheet_title,
    structure,
    value_words,
)
from cjhp.lib import uploads

# A checklist's workbook holds a few thousand cells over a sheet per recommendation, and unpacks to well under 1 MB.
WORKBOOK_LIMITS = uploads.Limits(rows=5_000, cells=50_000, inflated=10 * uploads.MB)

# The words a filled Answer column may hold, in English and French.
YES_WORDS = {"yes", "oui", "y", "o"}
NO_WORDS = {"no", "non", "n"}


@dataclass
class Problem:
    sheet: str
    row: int | None
    message: str


@dataclass
class Entry:
    """One question (item) or one section's comments (item is None), as the workbook and the download hold it."""

    section: Section
    item: Item | None
    row: int
    sheet: str
    mine: tuple  # (value, note, link) for a question, (comments,) for a section
    base: tuple | None = None
    base_version: int = 0


@dataclass
class Upload:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, sheet: str, row: int | None, message: str) -> None:
        self.problems.append(Problem(sheet, row, message))


def not_xlsx_message() -> str:
    return _(
        "This file is not an Excel workbook (.xlsx). If your spreadsheet program saved it in another format "
        "(OpenDocument .ods, Excel 97–2003 .xls, CSV), open it there, save it as Excel .xlsx and upload that file."
    )


def _comments_elsewhere(section: Section, column: str, text: str) -> str:
    return _(
        "This is the row of the comments on section %(number)s: they go in its Note column (%(note)s), not in "
        "the %(column)s column. Move “%(text)s” to the Note column and leave the %(column)s column empty."
    ) % {"number": section.number, "note": get_column_letter(NOTE), "column": column, "text": Truncator(text).chars(80)}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _answer_value(text: str) -> str | None:
    word = text.strip().lower()
    if not word:
        return ""
    if word in YES_WORDS:
        return Answer.Value.YES
    if word in NO_WORDS:
        return Answer.Value.NO
    return None


def _link(text: str) -> tuple[str, str]:
    """(the link, an error message or "")."""
    if not text:
        return "", ""
    link = text if "://" in text else f"https://{text}"
    if len(link) > 500:
        return "", _("The evidence link is longer than 500 characters.")
    try:
        URLValidator()(link)
    except ValidationError:
        return "", _("“%(link)s” is not a web address.") % {"link": text}
    return link, ""


def read_workbook(content: bytes, assessment: Assessment) -> Upload:
    """Everything the workbook says about the assessment, or the problems that stop it being applied."""
    upload = Upload()
    try:
        uploads.check(content, "xlsx", WORKBOOK_LIMITS)
    except uploads.UploadRefused as error:
        upload.problem("—", None, str(error))
        return upload
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        upload.problem("—", None, not_xlsx_message())
        return upload
    if STATE_SHEET not in book.sheetnames:
        upload.problem(
            STATE_SHEET,
            None,
            _("This workbook was not downloaded from this assessment's page: its hidden sheet is missing."),
        )
        return upload
    state = book[STATE_SHEET]
    if _text(state["B1"].value) != str(assessment.pk):
        upload.problem(
            STATE_SHEET,
            None,
            _("This workbook belongs to another assessment: download the workbook of %(assessment)s.")
            % {"assessment": assessment},
        )
        return upload
    base = {}
    for row in state.iter_rows(min_row=6, values_only=True):
        key, section_number, value, note, link, comments, version = (list(row) + [None] * 7)[:7]
        key, section_number = _text(key), _text(section_number)
        if key == COMMENTS_KEY:
            base[(key, section_number)] = ((_text(comments),), int(version or 0))
        elif key:
            base[(key, section_number)] = ((_text(value), _text(note), _text(link)), int(version or 0))
    for recommendation in structure(assessment):
        title = sheet_title(recommendation)
        if title not in book.sheetnames:
            upload.problem(title, None, _("The sheet “%(sheet)s” is missing.") % {"sheet": title})
            continue
        _read_sheet(book[title], title, recommendation, base, upload)
    return upload


def _read_sheet(sheet, title: str, recommendation: Recommendation, base: dict, upload: Upload) -> None:
    sections = {section.number: section for section in recommendation.sections.all()}
    items = {item.key: item for section in sections.values() for item in section.items.all()}
    seen = set()
    for number, cells in enumerate(sheet.iter_rows(min_row=FIRST_ROW, max_col=LINK, values_only=True), FIRST_ROW):
        key, section_number, _question, answer, note, link = (_text(cell) for cell in (list(cells) + [None] * 6)[:6])
        if not key:
            if answer or (note and not section_number) or link:
                upload.problem(title, number, _("This row has no key: put the key back or clear the row."))
            continue
        if key == COMMENTS_KEY:
            section = sections.get(section_number)
            if section is None or not section.has_comments:
                upload.problem(
                    title, number, _("There is no section %(number)s with comments here.") % {"number": section_number}
                )
                continue
            if (key, section.pk) in seen:
                upload.problem(
                    title, number, _("The comments of section %(number)s appear twice.") % {"number": section.number}
                )
                continue
            seen.add((key, section.pk))
            misplaced = [(column, text) for column, text in ((_("Answer"), answer), (_("Evidence link"), link)) if text]
            for column, text in misplaced:
                upload.problem(title, number, _comments_elsewhere(section, column, text))
            if misplaced:
                continue
            known = base.get((key, section.number))
            upload.entries.append(
                Entry(section, None, number, title, (note,), known[0] if known else None, known[1] if known else 0)
            )
            continue
        item = items.get(key)
        if item is None:
            upload.problem(
                title, number, _("Unknown key “%(key)s”: this recommendation has no such question.") % {"key": key}
            )
            continue
        if key in seen:
            upload.problem(title, number, _("The question %(key)s appears twice.") % {"key": key})
            continue
        seen.add(key)
        if item.is_heading:
            if answer or note or link:
                upload.problem(
                    title, number, _("%(key)s is a heading: answer its sub-questions instead.") % {"key": key}
                )
            continue
        value = _answer_value(answer)
        if value is None:
            yes, no = value_words()
            upload.problem(
                title,
                number,
                _("“%(value)s” is not an answer to %(key)s: choose %(yes)s or %(no)s, or leave it empty.")
                % {"value": answer, "key": key, "yes": yes, "no": no},
            )
            continue
        link, error = _link(link)
        if error:
            upload.problem(title, number, f"{key}: {error}")
            continue
        section = item.section
        known = base.get((key, section.number))
        upload.entries.append(
            Entry(
                section, item, number, title, (value, note, link), known[0] if known else None, known[1] if known else 0
            )
        )


# Comparing with the portal

# The fields of an entry's values, in their order: a question's (value, note, link), a section's (comments,).
ANSWER_NAMES = ("value", "note", "evidence_link")
COMMENTS_NAMES = ("comments",)


@dataclass
class Conflict:
    """An entry changed both offline and in the portal since the download: its values in the portal now, in the
    workbook and at download, field by field, as shown."""

    portal: list[str]
    workbook: list[str]
    downloaded: list[str]
    chosen: str = ""  # "portal" or "workbook", once the person chose


@dataclass
class Step:
    """What applying the workbook does to one question or one section's comments: the change from what the portal
    holds now, and the conflict when the portal changed too."""

    entry: Entry
    change: Change
    conflict: Conflict | None = None

    @property
    def choice_name(self) -> str:
        if self.entry.item:
            return f"choice-q{self.entry.item.pk}"
        return f"choice-s{self.entry.section.pk}"

    @property
    def key(self) -> str:
        return (
            self.entry.item.key
            if self.entry.item
            else _("Comments, section %(number)s") % {"number": self.entry.section.number}
        )


@dataclass
class Plan:
    steps: list[Step]
    versions: dict[int, int]  # the portal's section versions the plan was made against

    @property
    def conflicts(self) -> list[Step]:
        return [step for step in self.steps if step.conflict]

    @property
    def plain(self) -> list[Step]:
        return [step for step in self.steps if not step.conflict]

    def section_inputs(self, choices: dict[str, str], snapshot: Snapshot) -> dict[Section, SectionInput]:
        """What to save per section: the plain changes, and the conflicts where the workbook was chosen."""
        inputs: dict[Section, SectionInput] = {}
        for step in self.steps:
            if step.conflict and choices.get(step.choice_name) != "workbook":
                continue
            section = step.entry.section
            data = inputs.setdefault(
                section,
                SectionInput(version=self.versions.get(section.pk, 0), comments=snapshot.comments.get(section.pk, "")),
            )
            if step.entry.item:
                value, note, link = step.entry.mine
                data.answers[step.entry.item.pk] = AnswerInput(value=value, note=note, evidence_link=link)
            else:
                data.comments = step.entry.mine[0]
        return inputs


def _named(names: tuple, values: tuple) -> dict:
    return dict(zip(names, values, strict=True))


def _shown(values: dict) -> list[str]:
    return [shown(name, value) for name, value in values.items()]


def plan_upload(upload: Upload, snapshot: Snapshot) -> Plan:
    """Question by question: what changes, and what was changed both offline and in the portal (a conflict)."""
    steps = []
    for entry in upload.entries:
        if entry.item:
            names, portal = ANSWER_NAMES, snapshot.answer(entry.item.pk)
        else:
            names, portal = COMMENTS_NAMES, (snapshot.comments.get(entry.section.pk, ""),)
        if entry.mine == portal:
            continue
        base = entry.base if entry.base is not None else portal
        if entry.mine == base:
            continue  # not changed offline: what the portal holds now stays
        portal, mine, base = _named(names, portal), _named(names, entry.mine), _named(names, base)
        conflict = Conflict(_shown(portal), _shown(mine), _shown(base)) if portal != base else None
        steps.append(Step(entry, Change(entry.item, field_changes(portal, mine)), conflict))
    return Plan(steps, dict(snapshot.versions))
