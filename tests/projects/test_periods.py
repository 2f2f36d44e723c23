"""A period shows only what is known of it: a year, a month or a day, in the language of the page."""

from datetime import date

import pytest
from django.utils import translation

from projects.periods import Period, Precision


@pytest.mark.parametrize(
    ("language", "day", "text"),
    [
        ("en", date(2015, 5, 25), "25 May 2015"),
        ("en", date(2020, 2, 1), "1 February 2020"),
        ("en", date(1999, 12, 31), "31 December 1999"),
        ("fr", date(2015, 5, 25), "25 mai 2015"),
        ("fr", date(2020, 2, 1), "1 février 2020"),
        ("fr", date(1999, 12, 31), "31 décembre 1999"),
    ],
)
def test_a_day_reads_in_the_language_of_the_page(language, day, text):
    with translation.override(language):
        assert str(Period(day, Precision.DAY)) == text


def test_each_precision_shows_only_what_is_known():
    with translation.override("en"):
        assert str(Period(date(2015, 5, 25), Precision.DAY)) == "25 May 2015"
        assert str(Period(date(2020, 2, 1), Precision.MONTH)) == "February 2020"
        assert str(Period(date(2015, 1, 1), Precision.YEAR)) == "2015"
    with translation.override("fr"):
        assert str(Period(date(2015, 5, 25), Precision.DAY)) == "25 mai 2015"
        assert str(Period(date(2020, 2, 1), Precision.MONTH)) == "février 2020"
        assert str(Period(date(2015, 1, 1), Precision.YEAR)) == "2015"
