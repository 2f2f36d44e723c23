"""A period shows only what is known of it: a year, a month or a day, in the language of the page."""

from datetime import date

import pytest
from django.utils import formats, translation

from projects.periods import Period, Precision


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("day", [date(2015, 5, 25), date(2020, 2, 1), date(1999, 12, 31), date(987, 1, 9)])
def test_a_day_reads_as_django_formats_it(language, day):
    with translation.override(language):
        assert str(Period(day, Precision.DAY)) == formats.date_format(day, "j F Y")


def test_each_precision_shows_only_what_is_known():
    with translation.override("en"):
        assert str(Period(date(2015, 5, 25), Precision.DAY)) == "25 May 2015"
        assert str(Period(date(2020, 2, 1), Precision.MONTH)) == "February 2020"
        assert str(Period(date(2015, 1, 1), Precision.YEAR)) == "2015"
    with translation.override("fr"):
        assert str(Period(date(2015, 5, 25), Precision.DAY)) == "25 mai 2015"
