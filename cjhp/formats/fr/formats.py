# A day: 4 décembre 2026 (Django's own), a moment: 4 décembre 2026, 14:05.
DATETIME_FORMAT = "j F Y, H:i"
