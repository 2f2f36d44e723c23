"""Translating a template version's texts: their keys, how complete each language is, and spreadsheets.

Every text of a version has a key that names it in every language: `recommendation.1.title`,
`recommendation.1.text`, `section.1.1.title`, `item.1.1-q3.text`, `item.1.1-q3.help_text` (only where the English
help text is not empty). A translation spreadsheet has one row per key with the English text beside the
translation; reading it back gives a plan (new, changed, unchanged, empty rows) that `translation_apply` writes to
the language's columns, never to the English ones. A translation changes no question's meaning, so a frozen
version accepts it.

The sheet's first row records the template and the language (`template`, name, version, `language`, code), the
second names the columns (`key`, `English`, `translation (ro)`), and the texts follow from row 3.
"""

import re
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from checklists.definition.spreadsheets import RowErrors, cell_text
from checklists.languages import CODES, REFERENCE, language_name
from checklists.models import Item, Recommendation, Section, Template, TemplateTranslation
from cjhp.lib import spreadsheets

# The languages a template is translated into: every checklist language but the English reference.
LANGUAGES = [code for code in CODES if code != REFERENCE]
INFO_TEMPLATE, INFO_LANGUAGE = "template", "language"
KEY_COLUMN, ENGLISH_COLUMN = "key", "English"


def translation_column(language: str) -> str:
    return f"translation ({language})"


@dataclass
class TextKey:
    """One text of a template version: its key, the object and field holding it, its English and its translation."""

    key: str
    obj: Recommendation | Section | Item
    field: str
    english: str
    translation: str


def text_keys(template: Template, language: str) -> list[TextKey]:
    """Every text of the version, in the order the checklist reads, with its text in `language` ("" if none).
    Three queries: recommendations, sections, items."""
    keys = []
    sections = Section.objects.filter(recommendation__template=template).order_by("order", "number", "pk")
    items = Item.objects.filter(section__recommendation__template=template).order_by("order", "pk")
    sections_of, items_of = {}, {}
    for section in sections:
        sections_of.setdefault(section.recommendation_id, []).append(section)
    for item in items:
        items_of.setdefault(item.section_id, []).append(item)

    def add(key, obj, name):
        english = getattr(obj, f"{name}_{REFERENCE}") or ""
        if name == "help_text" and not english:
            return
        keys.append(TextKey(key, obj, name, english, getattr(obj, f"{name}_{language}") or ""))

    for recommendation in template.recommendations.order_by("number"):
        add(f"recommendation.{recommendation.number}.title", recommendation, "title")
        add(f"recommendation.{recommendation.number}.text", recommendation, "text")
        for section in sections_of.get(recommendation.pk, []):
            add(f"section.{section.number}.title", section, "title")
            for item in items_of.get(section.pk, []):
                add(f"item.{item.key}.text", item, "text")
                add(f"item.{item.key}.help_text", item, "help_text")
    return keys


# How complete each language is.


@dataclass
class Completeness:
    language: str
    questions: int
    questions_total: int
    recommendations: int
    recommendations_total: int
    sections: int
    sections_total: int
    translation: TemplateTranslation | None = None

    @property
    def name(self) -> str:
        return language_name(self.language)

    @property
    def is_started(self) -> bool:
        return bool(self.questions or self.recommendations or self.sections or self.translation)

    @property
    def is_complete(self) -> bool:
        return (self.questions, self.recommendations, self.sections) == (
            self.questions_total,
            self.recommendations_total,
            self.sections_total,
        )

    def __str__(self):
        return _(
            "%(language)s: %(questions)s of %(questions_total)s questions and headings, %(recommendations)s of "
            "%(recommendations_total)s recommendations, %(sections)s of %(sections_total)s sections"
        ) % {
            "language": self.name,
            "questions": self.questions,
            "questions_total": self.questions_total,
            "recommendations": self.recommendations,
            "recommendations_total": self.recommendations_total,
            "sections": self.sections,
            "sections_total": self.sections_total,
        }


def _written(path: str) -> Q:
    return Q(**{f"{path}__gt": ""})  # neither NULL nor empty


def template_completeness(template: Template) -> list[Completeness]:
    """Every language but English, with its counts and its TemplateTranslation. Two queries whatever the number of
    languages: one with conditional counts for all of them, then the translations with who last changed them.

    Items count as questions, headings included, on their text; a recommendation counts when its title and its
    text are both translated."""
    recommendation, section, item = "recommendations", "recommendations__sections", "recommendations__sections__items"
    counts = {
        "recommendations_total": Count(recommendation, distinct=True),
        "sections_total": Count(section, distinct=True),
        "questions_total": Count(item, distinct=True),
    }
    for code in LANGUAGES:
        counts[f"recommendations_{code}"] = Count(
            recommendation,
            distinct=True,
            filter=_written(f"{recommendation}__title_{code}") & _written(f"{recommendation}__text_{code}"),
        )
        counts[f"sections_{code}"] = Count(section, distinct=True, filter=_written(f"{section}__title_{code}"))
        counts[f"questions_{code}"] = Count(item, distinct=True, filter=_written(f"{item}__text_{code}"))
    totals = Template.objects.filter(pk=template.pk).aggregate(**counts)
    records = {
        record.language: record
        for record in TemplateTranslation.objects.filter(template=template).select_related("updated_by")
    }
    return [
        Completeness(
            language=code,
            questions=totals[f"questions_{code}"],
            questions_total=totals["questions_total"],
            recommendations=totals[f"recommendations_{code}"],
            recommendations_total=totals["recommendations_total"],
            sections=totals[f"sections_{code}"],
            sections_total=totals["sections_total"],
            translation=records.get(code),
        )
        for code in LANGUAGES
    ]


# Export.


def translation_export(template: Template, language: str) -> bytes:
    """The version's texts as an XLSX file: a row per key, English beside the text in `language`."""
    _check_language(language)
    dataset = tablib.Dataset(
        headers=[INFO_TEMPLATE, template.name, template.version, INFO_LANGUAGE, language],
        title=re.sub(r"[\\/*?:\[\]]", "-", f"{template.version} {language}")[:31],
    )
    dataset.append([KEY_COLUMN, ENGLISH_COLUMN, translation_column(language), "", ""])
    for text in text_keys(template, language):
        dataset.append([text.key, text.english, text.translation, "", ""])
    return spreadsheets.XLSX().export_data(dataset)


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"{language!r} is not a language a template is translated into")


# Reading a filled-in spreadsheet.


class TranslationFileRefused(ValueError):
    """The file as a whole is not a translation of this version into this language."""


@dataclass
class Row:
    NEW, CHANGED, UNCHANGED, EMPTY = "new", "changed", "unchanged", "empty"

    number: int
    key: str
    english: str
    current: str
    translation: str
    status: str


@dataclass
class TranslationPlan(RowErrors):
    template: Template
    language: str
    rows: list[Row] = field(default_factory=list)
    errors: dict[int, list[str]] = field(default_factory=dict)

    @property
    def changes(self) -> list[Row]:
        return [row for row in self.rows if row.status in (Row.NEW, Row.CHANGED)]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys([Row.NEW, Row.CHANGED, Row.UNCHANGED, Row.EMPTY], 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def language_name(self) -> str:
        return language_name(self.language)


def _cell(values, index: int) -> str:
    return cell_text(values[index] if len(values) > index else None)


def _same(a: str, b: str) -> bool:
    # A spreadsheet program may change line ends and spacing; the words are what must match.
    return a.split() == b.split()


def _check_file(template: Template, language: str, dataset: tablib.Dataset) -> None:
    info = list(dataset.headers or [])
    if _cell(info, 0) != INFO_TEMPLATE or _cell(info, 3) != INFO_LANGUAGE or not len(dataset):
        raise TranslationFileRefused(
            _("This is not a translation spreadsheet of the portal: start from the export of a language.")
        )
    if (_cell(info, 1), _cell(info, 2)) != (template.name, template.version):
        raise TranslationFileRefused(
            _("This file is for “%(name)s” version “%(version)s”, not for this version: export this version again.")
            % {"name": _cell(info, 1), "version": _cell(info, 2)}
        )
    code = _cell(info, 4)
    if code != language:
        raise TranslationFileRefused(
            _(
                "This file holds the %(file)s translation, not the %(chosen)s one: "
                "choose %(file)s, or export %(chosen)s."
            )
            % {"file": language_name(code) if code in CODES else code, "chosen": language_name(language)}
        )
    columns = [_cell(dataset[0], index) for index in range(3)]
    if columns != [KEY_COLUMN, ENGLISH_COLUMN, translation_column(language)]:
        raise TranslationFileRefused(
            _("Row 2 must name the columns “%(columns)s”.")
            % {"columns": "”, “".join([KEY_COLUMN, ENGLISH_COLUMN, translation_column(language)])}
        )


def read_translation_plan(template: Template, language: str, dataset: tablib.Dataset) -> TranslationPlan:
    """Checks every row against the version as it is now; TranslationFileRefused when the file is for another
    template or language. A refused row (unknown key, English changed since the export) is in `plan.errors`."""
    _check_language(language)
    _check_file(template, language, dataset)
    plan = TranslationPlan(template=template, language=language)
    known = {text.key: text for text in text_keys(template, language)}
    seen: dict[str, int] = {}
    for index, values in enumerate(dataset):
        if index == 0:
            continue  # the column names
        number = index + 2
        key, english, translation = (_cell(values, column) for column in range(3))
        if not (key or english or translation):
            continue
        text = known.get(key)
        if text is None:
            plan.error(number, _("The key “%(key)s” is not a text of this version.") % {"key": key})
            continue
        if key in seen:
            plan.error(number, _("The key “%(key)s” is already in row %(row)s.") % {"key": key, "row": seen[key]})
            continue
        seen[key] = number
        if not _same(english, text.english):
            plan.error(
                number,
                _("“%(key)s”: the English text changed since the export: export again.") % {"key": key},
            )
            continue
        if not translation:
            status = Row.EMPTY
        elif not text.translation:
            status = Row.NEW
        elif translation == text.translation:
            status = Row.UNCHANGED
        else:
            status = Row.CHANGED
        plan.rows.append(Row(number, key, text.english, text.translation, translation, status))
    return plan


# Writing a translation.


class TranslationStale(ValidationError):
    pass


@transaction.atomic
def translation_save(
    *, template: Template, language: str, texts: dict[str, str], provenance: str, note: str, by
) -> TemplateTranslation:
    """Writes `texts` (key → translation) into the language's columns and records the provenance, the note, who
    and when (with history). Keys the version does not have are left out."""
    _check_language(language)
    column_of = {}
    changed: dict[type, dict[int, object]] = {}
    for text in text_keys(template, language):
        if text.key in texts:
            column = f"{text.field}_{language}"
            setattr(text.obj, column, texts[text.key])
            column_of.setdefault(type(text.obj), set()).add(column)
            changed.setdefault(type(text.obj), {})[text.obj.pk] = text.obj
    for model, objects in changed.items():
        model.objects.bulk_update(list(objects.values()), sorted(column_of[model]))
    record = TemplateTranslation.objects.filter(template=template, language=language).first() or (
        TemplateTranslation(template=template, language=language)
    )
    record.provenance, record.note, record.updated_by, record.updated_at = provenance, note, by, timezone.now()
    record._history_user = by
    record.save()
    return record


@transaction.atomic
def translation_apply(*, plan: TranslationPlan, provenance: str, note: str, by) -> TemplateTranslation:
    """Writes a checked plan's new and changed rows. The English is checked again: a plan read before someone
    changed the English text of one of its rows is refused (TranslationStale), and nothing is written."""
    if plan.errors:
        raise ValidationError(_("The spreadsheet has refused rows: nothing was applied."))
    # Locks the version's recommendations while checking, so the English cannot change under the writes.
    list(Recommendation.objects.select_for_update().filter(template=plan.template).values_list("pk", flat=True))
    current = {text.key: text.english for text in text_keys(plan.template, plan.language)}
    stale = [row for row in plan.changes if row.key not in current or not _same(current[row.key], row.english)]
    if stale:
        raise TranslationStale(
            [
                _("Row %(row)s, “%(key)s”: the English text changed since the export: export again.")
                % {"row": row.number, "key": row.key}
                for row in stale
            ]
        )
    return translation_save(
        template=plan.template,
        language=plan.language,
        texts={row.key: row.translation for row in plan.changes},
        provenance=provenance,
        note=note,
        by=by,
    )
