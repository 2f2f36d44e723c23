# A day: 4 December 2026 (the Council of Europe's English), a moment: 4 December 2026, 14:05.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
