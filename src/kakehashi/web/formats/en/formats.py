"""Dates as an English reader in Japan reads them: Mon 30 Nov 2026, one style on every page and document."""

DATE_FORMAT = "D j M Y"
SHORT_DATE_FORMAT = "D j M"
DATETIME_FORMAT = "D j M Y H:i"
SHORT_DATETIME_FORMAT = "D j M H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j M"
TIME_FORMAT = "H:i"
