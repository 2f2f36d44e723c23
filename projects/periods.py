"""Dates known to a year, a month or a day.

The programme's history is patchy: a project "from 2015 to 2017", a conference "in February 2020". We store
the first day of the period (so dates sort and filter as dates) and how precise it is, and show only what is
known: "2015", "February 2020", "25 May 2015".
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django import forms
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    YEAR = "year", _("Year")
    MONTH = "month", _("Month")
    DAY = "day", _("Day")


_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$")


@dataclass(frozen=True)
class Period:
    start: date
    precision: str

    @classmethod
    def parse(cls, text: str) -> "Period":
        """'2015', '2020-02' or '2015-05-25'; ValueError otherwise."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError(text)
        year, month, day = match["year"], match["month"], match["day"]
        if day:
            return cls(date(int(year), int(month), int(day)), Precision.DAY)
        if month:
            return cls(date(int(year), int(month), 1), Precision.MONTH)
        return cls(date(int(year), 1, 1), Precision.YEAR)

    @property
    def last_day(self) -> date:
        if self.precision == Precision.YEAR:
            return date(self.start.year, 12, 31)
        if self.precision == Precision.MONTH:
            return date(self.start.year, self.start.month, calendar.monthrange(self.start.year, self.start.month)[1])
        return self.start

    def as_input(self) -> str:
        if self.precision == Precision.YEAR:
            return f"{self.start.year}"
        if self.precision == Precision.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        return self.start.isoformat()

    def __str__(self):
        if self.precision == Precision.YEAR:
            return str(self.start.year)
        if self.precision == Precision.MONTH:
            return formats.date_format(self.start, "YEAR_MONTH_FORMAT")
        return formats.date_format(self.start, "DATE_FORMAT")


def period_or_none(value: date | None, precision: str) -> Period | None:
    return Period(value, precision) if value else None


class PeriodField(forms.CharField):
    """A form field for a year, a month or a day, cleaned to a Period."""

    default_error_messages = {
        "invalid": _("Enter a year (2015), a month (2020-02) or a day (2015-05-25)."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("A year (2015), a month (2020-02) or a day (2015-05-25)."))
        super().__init__(**kwargs)
        self.widget.attrs.update({"maxlength": "10", "size": "12", "inputmode": "numeric"})

    def prepare_value(self, value):
        return value.as_input() if isinstance(value, Period) else value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            period = Period.parse(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not 1971 <= period.start.year <= 2100:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return period
