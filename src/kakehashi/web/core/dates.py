"""Dates and times in the reader's language, one style each: 2026年11月30日（月） or Mon 30 Nov 2026.

Pages use the template filters of the same names (`|day`, `|day_short`, `|when`, `|month`); documents and
emails call these with the language active (translation.override) for the language they are written in.
The styles themselves are in kakehashi/web/formats/{ja,en}/formats.py.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone


def day(value: dt.date | None) -> str:
    """2026年11月30日（月） / Mon 30 Nov 2026; a datetime is shown as its local date."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(value, "DATE_FORMAT")


def day_short(value: dt.date | None) -> str:
    """11月30日（月） / Mon 30 Nov: a day in a week or month already named on the page."""
    if value is None:
        return ""
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def when(value: dt.datetime | None) -> str:
    """2026年11月30日（月） 14:05 / Mon 30 Nov 2026 14:05, in the site's time zone."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATETIME_FORMAT")


def month(value: dt.date | None) -> str:
    """2026年11月 / November 2026."""
    if value is None:
        return ""
    return formats.date_format(value, "YEAR_MONTH_FORMAT")
