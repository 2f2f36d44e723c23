"""The languages a checklist is read in: the reader's working language, English as the reference beneath it.

The texts are columns per language (checklists/translation.py). `shown(obj, field, language)` says which text a
reader gets and whether it is the English one standing in for a missing translation, which the pages mark.
"""

from dataclasses import dataclass

from babel.languages import get_official_languages
from django.conf import settings
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language, get_language_info, override
from modeltranslation.translator import translator

REFERENCE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
CODES = [code for code, name in settings.CHECKLIST_LANGUAGES]
_NAMES = dict(settings.CHECKLIST_LANGUAGES)

# Montenegro's constitution names Montenegrin (ISO 639-3 cnr); CLDR lists Serbian (Latin) for it, and Django's
# language list does not have it.
_COUNTRY_LANGUAGES_BEYOND_CLDR = {"ME": ["cnr"]}
_NATIVE_NAMES_BEYOND_DJANGO = {"cnr": "crnogorski"}


def language_name(code: str) -> str:
    """The language's name in the interface language ("Romanian", "roumain")."""
    return str(_NAMES.get(code, code))


def native_name(code: str) -> str:
    """The language's name in itself ("română"), which its speakers look for in a list."""
    if code in _NATIVE_NAMES_BEYOND_DJANGO:
        return _NATIVE_NAMES_BEYOND_DJANGO[code]
    return get_language_info(code)["name_local"]


def content_language(language: str | None = None) -> str:
    """The checklist language for an interface language: the interface's own, when the texts can be held in it."""
    language = (language or get_language() or REFERENCE).split("-")[0]
    return language if language in CODES else REFERENCE


def working_language(user) -> str:
    """The language a person reads the questions in: their choice in Settings, else the interface language."""
    return getattr(user, "working_language", "") or content_language()


def country_languages(country_code: str) -> list[str]:
    """The checklist languages a country officially works in, from CLDR (Georgian for GE), main ones first."""
    found = list(_COUNTRY_LANGUAGES_BEYOND_CLDR.get(country_code, []))
    for locale in get_official_languages(country_code):
        code = locale.split("_")[0]  # sr_Latn and sr are one column: Serbian
        if code in CODES and code not in found:
            found.append(code)
    return found


@dataclass(frozen=True)
class Shown:
    """A text as a reader gets it: `language` is the one it is written in, English where no translation is."""

    text: str
    language: str
    wanted: str

    @property
    def is_fallback(self) -> bool:
        return self.language != self.wanted

    def __str__(self):
        return self.text


def shown(obj, field: str, language: str) -> Shown:
    """`obj`'s `field` in `language`, or in English (marked as such) where it has no translation."""
    language = language if language in CODES else REFERENCE
    text = getattr(obj, f"{field}_{language}", None) or ""
    if text or language == REFERENCE:
        return Shown(text, language, language)
    return Shown(getattr(obj, f"{field}_{REFERENCE}") or "", REFERENCE, language)


def reference(**texts: str) -> dict[str, str]:
    """Model arguments that write English, the reference: `reference(text="…")` gives `{"text_en": "…"}`."""
    return {f"{field}_{REFERENCE}": value for field, value in texts.items()}


def every_language(obj, *fields: str) -> dict[str, str]:
    """`obj`'s texts in every language, as model arguments: a copy keeps its translations."""
    return {f"{field}_{code}": getattr(obj, f"{field}_{code}") for field in fields for code in CODES}


class ReferenceTextForm:
    """A ModelForm mixin: the texts it shows and saves are the English reference, whatever the interface language.

    Reading or writing `text` on a translated model means the active language's column; the template editor edits
    the reference, from which the translations are made.
    """

    def __init__(self, *args, **kwargs):
        with override(REFERENCE):
            super().__init__(*args, **kwargs)

    def _post_clean(self):
        with override(REFERENCE):
            super()._post_clean()


def in_reader_language(path: str) -> Coalesce | F:
    """The text at `path` ("section__recommendation__title") in the interface language, else English, as a query
    expression for values() and annotate(). Name the columns: django-modeltranslation turns a plain "title" into
    the active language's column without its fallback, and leaves "section__recommendation__title" to the
    original column, whose value it does not keep."""
    language = content_language()
    english = F(f"{path}_{REFERENCE}")
    if language == REFERENCE:
        return english
    return Coalesce(NullIf(F(f"{path}_{language}"), Value("")), english, output_field=TextField())


def text_columns(path: str) -> list[str]:
    """For only(): the text at `path` ("recommendation__title") in every language, so that reading it in any of
    them needs no further query."""
    return [f"{path}_{code}" for code in CODES]


def translated_fields(model) -> list[str]:
    """The fields of `model` held in several languages ("text", "help_text")."""
    return list(translator.get_options_for_model(model).fields)
