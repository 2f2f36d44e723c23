"""Country names in the reader's language; the ISO 3166 code stays the key and the English name the record.

The portal's English names are the Council of Europe's ("Republic of Moldova", "Slovak Republic"). Where such a
name is the country's official ISO 3166 name, its translation comes from the ISO 3166 catalogue that pycountry
ships ("République de Moldova"); otherwise from CLDR's usual name in that language (Babel: "Géorgie").
"""

import gettext
import unicodedata
from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils.translation import get_language

REFERENCE = "en"


@cache
def _iso_catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


@cache
def _cldr_names(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language).territories)
    except (UnknownLocaleError, ValueError):
        return {}


@cache
def country_name(code: str, english: str, language: str) -> str:
    language = language.split("-")[0]
    if language == REFERENCE:
        return english
    iso = pycountry.countries.get(alpha_2=code)
    if iso is not None and english == getattr(iso, "official_name", None):
        translated = _iso_catalogue(language).gettext(english)
        if translated != english:
            return translated
    return _cldr_names(language).get(code, english)


def local_country_name(code: str, english: str) -> str:
    """The name in the active interface language, for rows read with values()."""
    return country_name(code, english, get_language() or settings.LANGUAGE_CODE)


def name_sort_key(name: str) -> str:
    """Sorts names as a reader expects whatever their accents: "Égypte" among the E, "Türkiye" among the T."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
