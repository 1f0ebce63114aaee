"""Dates as a Japanese reader writes them: 2026年11月30日（月）, one style on every page and document."""

DATE_FORMAT = "Y年n月j日（D）"
SHORT_DATE_FORMAT = "n月j日（D）"
DATETIME_FORMAT = "Y年n月j日（D） H:i"
SHORT_DATETIME_FORMAT = "n月j日（D） H:i"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
TIME_FORMAT = "H:i"
