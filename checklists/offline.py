"""The offline round trip: an assessment as an Excel workbook, and what a filled workbook would change.

The workbook has an "About" sheet, one sheet per recommendation (one row per question, a Comments row per
section) and a hidden sheet that records the assessment and, per question and section, what the portal held at
download. Reading a filled workbook compares three states — at download, in the workbook, in the portal now —
so that a question changed both offline and in the portal is shown as a conflict rather than overwritten.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from checklists.history import Change, field_changes, shown
from checklists.models import Answer, Assessment, Item, Recommendation, Section
from checklists.services import AnswerInput, SectionInput

STATE_SHEET = "portal"
COMMENTS_KEY = "comments"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
# Visible columns of a recommendation sheet: key, section, question, answer, note, evidence link.
KEY, SECTION, QUESTION, ANSWER, NOTE, LINK = range(1, 7)
YES_WORDS = {"yes", "oui", "y", "o"}
NO_WORDS = {"no", "non", "n"}
MAX_UPLOAD_SIZE = 5 * 1024 * 1024
GREY = PatternFill("solid", fgColor="E5E7EB")
LIGHT = PatternFill("solid", fgColor="EEF4FB")


def workbook_filename(assessment: Assessment) -> str:
    return f"cjhp-assessment-{assessment.country.code}-{assessment.round.slug}.xlsx"


def _sheet_title(recommendation: Recommendation) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    title = re.sub(r"[\[\]:*?/\\]", " ", f"{recommendation.number}. {recommendation.title}").strip()
    if len(title) <= 31:
        return title
    return title[:30].rsplit(" ", 1)[0] + "…"


def _structure(assessment: Assessment) -> list[Recommendation]:
    """The template's recommendations, sections and items in order (three queries)."""
    return list(
        assessment.round.template.recommendations.order_by("number").prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("order", "number")),
            Prefetch("sections__items", queryset=Item.objects.order_by("order")),
        )
    )


@dataclass
class Snapshot:
    """What the portal holds for an assessment: answers by item id, comments and versions by section id."""

    answers: dict[int, tuple[str, str, str]]
    comments: dict[int, str]
    versions: dict[int, int]

    @classmethod
    def of(cls, assessment: Assessment) -> "Snapshot":
        answers = {
            answer.item_id: (answer.value, answer.note, answer.evidence_link)
            for answer in Answer.objects.filter(assessment=assessment)
        }
        comments, versions = {}, {}
        for response in assessment.section_responses.all():
            comments[response.section_id] = response.comments
            versions[response.section_id] = response.version
        return cls(answers, comments, versions)

    def answer(self, item_id: int) -> tuple[str, str, str]:
        return self.answers.get(item_id, ("", "", ""))


# Writing


def _value_words() -> tuple[str, str]:
    return str(Answer.Value.YES.label), str(Answer.Value.NO.label)


def build_workbook(assessment: Assessment) -> bytes:
    recommendations = _structure(assessment)
    snapshot = Snapshot.of(assessment)
    yes, no = _value_words()
    book = openpyxl.Workbook()
    about = book.active
    about.title = _("About")
    _write_about(about, assessment, yes, no)
    state = book.create_sheet(STATE_SHEET)
    state.sheet_state = "hidden"
    state.append(["assessment", assessment.pk])
    state.append(["country", assessment.country.code])
    state.append(["round", assessment.round.slug])
    state.append(["downloaded at", timezone.now().isoformat()])
    state.append(["key", "section", "value", "note", "evidence link", "comments", "section version"])
    for recommendation in recommendations:
        sheet = book.create_sheet(_sheet_title(recommendation))
        _write_recommendation(sheet, recommendation, snapshot, yes, no)
        for section in recommendation.sections.all():
            version = snapshot.versions.get(section.pk, 0)
            for item in section.items.all():
                if not item.is_heading:
                    value, note, link = snapshot.answer(item.pk)
                    state.append([item.key, section.number, value, note, link, "", version])
            if section.has_comments:
                comments = snapshot.comments.get(section.pk, "")
                state.append([COMMENTS_KEY, section.number, "", "", "", comments, version])
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                # Text such as a note starting with "=" stays text: Excel must not run it as a formula.
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _write_about(sheet, assessment: Assessment, yes: str, no: str) -> None:
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100
    sheet.append([_("CJHP assessment workbook")])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    facts = [
        (_("Country"), f"{assessment.country.name} ({assessment.country.code})"),
        (_("Round"), assessment.round.name),
        (_("Checklist"), str(assessment.round.template)),
        (_("Deadline"), assessment.round.deadline.isoformat()),
        (_("Status"), assessment.get_status_display()),
        (_("Downloaded at"), timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")),
    ]
    for label, value in facts:
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    sheet.append([_("How to fill it in")])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    steps = [
        _("Each recommendation has its own sheet: one row per question."),
        _("In the Answer column choose %(yes)s or %(no)s, or leave it empty if you do not know yet.")
        % {"yes": yes, "no": no},
        _("Add a note and a link to evidence (a protocol, a legal act, a report) where it helps."),
        _("Each section ends with a Comments row: write the section's comments in its Note column."),
        _("Do not change the keys, the sheet names or the order of the columns."),
        _(
            "Then open the assessment in the portal, choose “Upload a filled workbook” and check the preview: "
            "nothing changes until you confirm."
        ),
        _("If someone changes a question in the portal meanwhile, the preview shows it and you choose what to keep."),
    ]
    for number, step in enumerate(steps, start=1):
        sheet.append([f"{number}.", step])
        sheet.cell(sheet.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")


def _write_recommendation(sheet, recommendation: Recommendation, snapshot: Snapshot, yes: str, no: str) -> None:
    widths = {"A": 12, "B": 9, "C": 70, "D": 11, "E": 45, "F": 40}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.append(
        [_("Recommendation %(number)s: %(title)s") % {"number": recommendation.number, "title": recommendation.title}]
    )
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([recommendation.text])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=LINK)
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = max(30, 15 * (len(recommendation.text) // 150 + 1))
    sheet.append([])
    sheet.append([_("Key"), _("Section"), _("Question"), _("Answer"), _("Note"), _("Evidence link")])
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.fill = LIGHT
    choices = DataValidation(
        type="list",
        formula1=f'"{yes},{no}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Answer"),
        error=_("Choose %(yes)s or %(no)s, or leave the cell empty.") % {"yes": yes, "no": no},
    )
    sheet.add_data_validation(choices)
    labels = {Answer.Value.YES: yes, Answer.Value.NO: no}
    wrap = Alignment(wrap_text=True, vertical="top")
    for section in recommendation.sections.all():
        sheet.append(["", section.number, f"{section.number} {section.title}"])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
            cell.fill = LIGHT
        for item in section.items.all():
            if item.is_heading:
                sheet.append([item.key, section.number, item.text])
                row = sheet.max_row
                sheet.cell(row, QUESTION).font = Font(bold=True)
                for column in (ANSWER, NOTE, LINK):
                    sheet.cell(row, column).fill = GREY
            else:
                value, note, link = snapshot.answer(item.pk)
                text = f"– {item.text}" if item.parent_id else item.text
                sheet.append([item.key, section.number, text, labels.get(value, ""), note, link])
                row = sheet.max_row
                if item.parent_id:
                    sheet.cell(row, QUESTION).alignment = Alignment(wrap_text=True, vertical="top", indent=2)
                choices.add(sheet.cell(row, ANSWER))
            for column in (QUESTION, NOTE):
                if not (item.parent_id and column == QUESTION):
                    sheet.cell(sheet.max_row, column).alignment = wrap
        if section.has_comments:
            comments = snapshot.comments.get(section.pk, "")
            label = _("Comments on section %(number)s (write them in the Note column)") % {"number": section.number}
            sheet.append([COMMENTS_KEY, section.number, label, "", comments, ""])
            row = sheet.max_row
            sheet.cell(row, QUESTION).font = Font(italic=True)
            sheet.cell(row, NOTE).alignment = wrap
            for column in (ANSWER, LINK):
                sheet.cell(row, column).fill = GREY
    # Set last: asking for the cell earlier would create an empty row above the first section.
    sheet.freeze_panes = f"C{FIRST_ROW}"


# Reading


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
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        upload.problem("—", None, _("This file is not an Excel workbook (.xlsx): upload the workbook you downloaded."))
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
    for recommendation in _structure(assessment):
        title = _sheet_title(recommendation)
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
            if answer or link:
                upload.problem(
                    title, number, _("A Comments row has no answer nor link: write the comments in the Note column.")
                )
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
            yes, no = _value_words()
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
