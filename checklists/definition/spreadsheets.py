"""Reading and checking a checklist template spreadsheet, before anything is created.

Each row repeats its template (name, version, source, note), recommendation (number, short title, full text)
and section (number, title, drafted flag, comments box, order), then gives the item: key, parent key (the
heading it sits under), heading flag, text, help text, order. A row with neither key nor text only declares its
recommendation and section, so that a section without items survives a round trip.

`read_plan` checks every row and reports each problem with the row number the spreadsheet shows (the header is
row 1); `checklists.definition.services.template_import` then creates the template from the checked plan.
"""

from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX

from checklists.models import Template, item_key_validator
from cjhp.lib import uploads
from cjhp.lib.spreadsheets import restored

COLUMNS = [
    "template",
    "version",
    "template_source",
    "template_note",
    "recommendation",
    "recommendation_title",
    "recommendation_text",
    "section",
    "section_title",
    "section_drafted",
    "section_comments",
    "section_order",
    "key",
    "parent_key",
    "is_heading",
    "text",
    "help_text",
    "order",
]
REQUIRED_COLUMNS = ["template", "version", "recommendation", "recommendation_title", "section", "section_title"]
FORMATS = {"csv": CSV, "xlsx": XLSX}
MAX_FILE_SIZE = 2 * 1024 * 1024
# A template of some hundred questions: a row each, the columns above.
LIMITS = uploads.Limits(rows=5_000, cells=5_000 * 30, inflated=20 * uploads.MB)
TRUE_WORDS = {"yes", "y", "true", "1", "x", "oui"}
FALSE_WORDS = {"no", "n", "false", "0", "", "non"}


@dataclass
class ItemRow:
    number: int
    key: str
    parent_key: str
    is_heading: bool
    text: str
    help_text: str
    order: int


@dataclass
class SectionPlan:
    number: str
    title: str
    drafted: bool
    has_comments: bool
    order: int
    items: list[ItemRow] = field(default_factory=list)


@dataclass
class RecommendationPlan:
    number: int
    title: str
    text: str
    sections: dict[str, SectionPlan] = field(default_factory=dict)


class RowErrors:
    """What is wrong with which rows of a checked spreadsheet: `errors` maps a row number, as the spreadsheet
    shows it, to its messages (templates/checklists/includes/row_errors.html shows them)."""

    errors: dict[int, list[str]]

    def error(self, number: int, message: str) -> None:
        self.errors.setdefault(number, []).append(message)

    @property
    def sorted_errors(self) -> list[tuple[int, list[str]]]:
        return sorted(self.errors.items())


@dataclass
class TemplatePlan(RowErrors):
    name: str = ""
    version: str = ""
    source: str = ""
    note: str = ""
    recommendations: dict[int, RecommendationPlan] = field(default_factory=dict)
    # Row number (as the spreadsheet shows it, header = 1) → what is wrong with that row.
    errors: dict[int, list[str]] = field(default_factory=dict)
    row_of_key: dict[str, int] = field(default_factory=dict)
    created_items: dict = field(default_factory=dict)

    @property
    def keys(self) -> list[str]:
        return [
            row.key
            for recommendation in self.recommendations.values()
            for section in recommendation.sections.values()
            for row in sorted(section.items, key=lambda row: row.order)
        ]

    @property
    def counts(self) -> dict[str, int]:
        sections = [s for r in self.recommendations.values() for s in r.sections.values()]
        items = [row for s in sections for row in s.items]
        return {
            "recommendations": len(self.recommendations),
            "sections": len(sections),
            "items": len(items),
            "questions": sum(1 for row in items if not row.is_heading),
        }


class SpreadsheetUnreadable(ValueError):
    pass


def read_dataset(content: bytes, file_format: str) -> tablib.Dataset:
    """The rows of an uploaded CSV or XLSX file; SpreadsheetUnreadable when it is neither, or too large."""
    try:
        uploads.check(content, file_format, LIMITS)
    except uploads.UploadRefused as error:
        raise SpreadsheetUnreadable(str(error)) from None
    try:
        reader = FORMATS[file_format]()
        data = content if reader.is_binary() else content.decode("utf-8-sig")
        return reader.create_dataset(data)
    except (KeyError, UnicodeDecodeError):
        raise SpreadsheetUnreadable(_("The file must be a CSV (UTF-8) or an Excel (.xlsx) spreadsheet.")) from None
    except Exception:
        raise SpreadsheetUnreadable(
            _("The file could not be read as a %(format)s spreadsheet.") % {"format": file_format.upper()}
        ) from None


def _text(row: dict, column: str) -> str:
    return cell_text(row.get(column))


def cell_text(value) -> str:
    """A spreadsheet cell as the text it shows: "" for an empty one, 3 for 3.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # A file the portal exported: text that would start a formula came out behind a single quote.
    return restored(str(value)).strip()


def _flag(plan: TemplatePlan, number: int, row: dict, column: str, default: bool) -> bool:
    value = row.get(column)
    if isinstance(value, bool):
        return value
    word = _text(row, column).lower()
    if column not in row or (word == "" and default):
        return default
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    plan.error(number, _("%(column)s must be yes or no, not “%(value)s”.") % {"column": column, "value": word})
    return default


def _whole_number(plan: TemplatePlan, number: int, row: dict, column: str, message: str) -> int | None:
    text = _text(row, column)
    if text.isdigit() and 0 < int(text) < 32767:
        return int(text)
    plan.error(number, message % {"value": text})
    return None


def with_version(dataset: tablib.Dataset, version: str) -> tablib.Dataset:
    """The same rows under another version name, so a file can be imported again without editing it."""
    headers = list(dataset.headers or [])
    if "version" not in headers:
        headers.append("version")
    renamed = tablib.Dataset(headers=headers)
    for values in dataset:
        row = dict(zip(dataset.headers or [], values, strict=False))
        row["version"] = version
        renamed.append([row.get(header) for header in headers])
    return renamed


def read_plan(dataset: tablib.Dataset) -> TemplatePlan:
    """Checks every row and gathers what would be created; `plan.errors` holds what is wrong, row by row."""
    plan = TemplatePlan()
    headers = [str(header).strip() for header in (dataset.headers or [])]
    missing = [column for column in REQUIRED_COLUMNS + ["key", "text"] if column not in headers]
    if missing:
        plan.error(1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        return plan
    if not len(dataset):
        plan.error(1, _("The spreadsheet has no rows under its header."))
        return plan
    rows = [(index + 2, dict(zip(headers, values, strict=False))) for index, values in enumerate(dataset)]
    first = rows[0][1]
    plan.name, plan.version = _text(first, "template"), _text(first, "version")
    plan.source, plan.note = _text(first, "template_source"), _text(first, "template_note")
    for number, row in rows:
        _read_row(plan, number, row)
    _check_parents(plan)
    if plan.name and plan.version and Template.objects.filter(name=plan.name, version=plan.version).exists():
        plan.error(
            rows[0][0],
            _("A template “%(name)s” with version “%(version)s” already exists: give the new version another name.")
            % {"name": plan.name, "version": plan.version},
        )
    return plan


def _read_row(plan: TemplatePlan, number: int, row: dict) -> None:
    name, version = _text(row, "template"), _text(row, "version")
    if not name or not version:
        plan.error(number, _("The template name and version are required."))
    elif (name, version) != (plan.name, plan.version):
        plan.error(number, _("Every row must name the same template and version as the first row."))
    recommendation = _recommendation(plan, number, row)
    section = _section(plan, number, row, recommendation)
    key, text = _text(row, "key"), _text(row, "text")
    if not key and not text:
        return  # Declares its recommendation and section only.
    if not key:
        plan.error(number, _("The key is missing."))
    else:
        try:
            item_key_validator(key)
        except ValidationError as error:
            plan.error(
                number, _("The key “%(key)s” is not valid: %(reason)s") % {"key": key, "reason": error.messages[0]}
            )
        if len(key) > 50:
            plan.error(number, _("The key “%(key)s” is longer than 50 characters.") % {"key": key})
        if key in plan.row_of_key:
            plan.error(
                number,
                _("The key “%(key)s” is already used in row %(row)s.") % {"key": key, "row": plan.row_of_key[key]},
            )
        else:
            plan.row_of_key[key] = number
    if not text:
        plan.error(number, _("The text is empty."))
    order_text = _text(row, "order")
    order = number
    if order_text:
        order = _whole_number(plan, number, row, "order", _("The order must be a whole number, not “%(value)s”.")) or 0
    if section is not None:
        section.items.append(
            ItemRow(
                number=number,
                key=key,
                parent_key=_text(row, "parent_key"),
                is_heading=_flag(plan, number, row, "is_heading", False),
                text=text,
                help_text=_text(row, "help_text"),
                order=order,
            )
        )


def _recommendation(plan: TemplatePlan, number: int, row: dict) -> RecommendationPlan | None:
    rec_number = _whole_number(
        plan,
        number,
        row,
        "recommendation",
        _("The recommendation number must be a whole number from 1, not “%(value)s”."),
    )
    if rec_number is None:
        return None
    title, text = _text(row, "recommendation_title"), _text(row, "recommendation_text")
    existing = plan.recommendations.get(rec_number)
    if existing is None:
        if not title:
            plan.error(number, _("Recommendation %(number)s has no short title.") % {"number": rec_number})
        if len(title) > 255:
            plan.error(number, _("The recommendation's short title is longer than 255 characters."))
        existing = plan.recommendations[rec_number] = RecommendationPlan(number=rec_number, title=title, text=text)
    elif (title, text) != (existing.title, existing.text) and (title or text):
        plan.error(
            number,
            _("Recommendation %(number)s has another title or text than in an earlier row.") % {"number": rec_number},
        )
    return existing


def _section(plan: TemplatePlan, number: int, row: dict, recommendation) -> SectionPlan | None:
    section_number, title = _text(row, "section"), _text(row, "section_title")
    if not section_number or not title:
        plan.error(number, _("The section number and title are required."))
        return None
    if len(section_number) > 20 or len(title) > 255:
        plan.error(number, _("The section number or title is too long."))
    for other in plan.recommendations.values():
        if other is not recommendation and section_number in other.sections:
            plan.error(
                number,
                _("Section %(section)s already belongs to recommendation %(number)s.")
                % {"section": section_number, "number": other.number},
            )
            return None
    if recommendation is None:
        return None
    existing = recommendation.sections.get(section_number)
    if existing is None:
        order_text = _text(row, "section_order")
        order = len(recommendation.sections) + 1
        if order_text:
            order = (
                _whole_number(
                    plan, number, row, "section_order", _("The section order must be a whole number, not “%(value)s”.")
                )
                or order
            )
        existing = recommendation.sections[section_number] = SectionPlan(
            number=section_number,
            title=title,
            drafted=_flag(plan, number, row, "section_drafted", False),
            has_comments=_flag(plan, number, row, "section_comments", True),
            order=order,
        )
    elif title != existing.title:
        plan.error(
            number, _("Section %(section)s has another title than in an earlier row.") % {"section": section_number}
        )
    return existing


def _check_parents(plan: TemplatePlan) -> None:
    rows = {
        row.key: (row, section)
        for recommendation in plan.recommendations.values()
        for section in recommendation.sections.values()
        for row in section.items
        if row.key
    }
    for row, section in rows.values():
        if not row.parent_key:
            continue
        parent = rows.get(row.parent_key)
        if parent is None:
            plan.error(row.number, _("The parent key “%(key)s” is not in the spreadsheet.") % {"key": row.parent_key})
        elif not parent[0].is_heading:
            plan.error(
                row.number,
                _("The parent “%(key)s” is not a heading (set is_heading to yes on its row).")
                % {"key": row.parent_key},
            )
        elif parent[1] is not section:
            plan.error(row.number, _("The parent “%(key)s” is in another section.") % {"key": row.parent_key})
        elif parent[0].parent_key:
            plan.error(row.number, _("The parent “%(key)s” is itself under a heading.") % {"key": row.parent_key})
        if row.is_heading:
            plan.error(row.number, _("A heading cannot sit under another heading."))
