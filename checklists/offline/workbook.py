"""The offline round trip: an assessment as an Excel workbook (checklists/offline/upload.py reads it back).

The workbook has an "About" sheet, one sheet per recommendation (one row per question, a Comments row per
section) and a hidden sheet that records the assessment and, per question and section, what the portal held at
download. Reading a filled workbook compares three states — at download, in the workbook, in the portal now —
so that a question changed both offline and in the portal is shown as a conflict rather than overwritten.
"""

import io
import re
from dataclasses import dataclass

import openpyxl
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from checklists.languages import REFERENCE, language_name, shown
from checklists.models import Answer, Assessment, Item, Recommendation, Section

STATE_SHEET = "portal"
COMMENTS_KEY = "comments"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
# Visible columns of a recommendation sheet: key, section, question, answer, note, evidence link; and, for a
# workbook in another language than English, the English question, after the columns read back.
KEY, SECTION, QUESTION, ANSWER, NOTE, LINK, ENGLISH = range(1, 8)
GREY = PatternFill("solid", fgColor="E5E7EB")
LIGHT = PatternFill("solid", fgColor="EEF4FB")


def workbook_filename(assessment: Assessment) -> str:
    return f"cjhp-assessment-{assessment.country.code}-{assessment.round.slug}.xlsx"


def sheet_title(recommendation: Recommendation) -> str:
    # Named from the English reference, which neither the pages' language nor a new translation changes: the
    # upload finds its sheets by these names. Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    title = re.sub(r"[\[\]:*?/\\]", " ", f"{recommendation.number}. {recommendation.title_en}").strip()
    if len(title) <= 31:
        return title
    return title[:30].rsplit(" ", 1)[0] + "…"


def structure(assessment: Assessment) -> list[Recommendation]:
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


def value_words() -> tuple[str, str]:
    return str(Answer.Value.YES.label), str(Answer.Value.NO.label)


def build_workbook(assessment: Assessment, language: str = REFERENCE) -> bytes:
    """The workbook with the texts in `language` (English where not translated) and, beside them, in English; the
    rows are keyed by question, so a workbook in any language is read back alike."""
    recommendations = structure(assessment)
    snapshot = Snapshot.of(assessment)
    yes, no = value_words()
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
        sheet = book.create_sheet(sheet_title(recommendation))
        _write_recommendation(sheet, recommendation, snapshot, yes, no, language)
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
        (_("Country"), f"{assessment.country.local_name} ({assessment.country.code})"),
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


def _write_recommendation(
    sheet, recommendation: Recommendation, snapshot: Snapshot, yes: str, no: str, language: str
) -> None:
    widths = {"A": 12, "B": 9, "C": 70, "D": 11, "E": 45, "F": 40, "G": 60}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.append(
        [
            _("Recommendation %(number)s: %(title)s")
            % {"number": recommendation.number, "title": shown(recommendation, "title", language)}
        ]
    )
    sheet["A1"].font = Font(bold=True, size=13)
    text = shown(recommendation, "text", language).text
    sheet.append([text])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=LINK)
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = max(30, 15 * (len(text) // 150 + 1))
    sheet.append([])
    both = language != REFERENCE
    question = _("Question in %(language)s") % {"language": language_name(language)} if both else _("Question")
    english = [_("Question in %(language)s") % {"language": language_name(REFERENCE)}] if both else []
    sheet.append([_("Key"), _("Section"), question, _("Answer"), _("Note"), _("Evidence link"), *english])
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
        title = shown(section, "title", language)
        sheet.append(["", section.number, f"{section.number} {title}"])
        if both:
            sheet.cell(sheet.max_row, ENGLISH).value = f"{section.number} {section.title_en}"
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
            cell.fill = LIGHT
        for item in section.items.all():
            item_text = shown(item, "text", language).text
            if item.is_heading:
                sheet.append([item.key, section.number, item_text])
                row = sheet.max_row
                sheet.cell(row, QUESTION).font = Font(bold=True)
                for column in (ANSWER, NOTE, LINK):
                    sheet.cell(row, column).fill = GREY
            else:
                value, note, link = snapshot.answer(item.pk)
                text = f"– {item_text}" if item.parent_id else item_text
                sheet.append([item.key, section.number, text, labels.get(value, ""), note, link])
                row = sheet.max_row
                if item.parent_id:
                    sheet.cell(row, QUESTION).alignment = Alignment(wrap_text=True, vertical="top", indent=2)
                choices.add(sheet.cell(row, ANSWER))
            if both:
                sheet.cell(sheet.max_row, ENGLISH).value = item.text_en
                sheet.cell(sheet.max_row, ENGLISH).alignment = wrap
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
