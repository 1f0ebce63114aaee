"""Japan's national holidays (国民の祝日, 振替休日, 国民の休日) between two dates, and the working days between them.

The one door to the `holidays` package: school calendars and leave both count days through it, so a
holiday added by law reaches both at once (the list is checked against the Cabinet Office's CSV)."""

from __future__ import annotations

import datetime as dt
import functools

import holidays as holiday_data


def national_holidays(starts: dt.date, ends: dt.date) -> dict[dt.date, str]:
    """Date → the holiday's name, for every national holiday from `starts` to `ends` (both included)."""
    found = holiday_data.country_holidays("JP", years=range(starts.year, ends.year + 1))
    return {day: str(name) for day, name in sorted(found.items()) if starts <= day <= ends}


def working_days(starts: dt.date, ends: dt.date) -> list[dt.date]:
    """Weekdays that are not national holidays, from `starts` to `ends`: the days a day of paid leave is
    counted on (a school's own closed days are still working days for its ALT's contract)."""
    off = national_holidays(starts, ends)
    days = []
    day = starts
    while day <= ends:
        if day.weekday() < 5 and day not in off:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


@functools.cache
def holiday_names_in_english(first_year: int = 2000, last_year: int = 2100) -> dict[str, str]:
    """The Japanese name of each national holiday (as `national_holidays` gives it) → its English name."""
    japanese = holiday_data.country_holidays("JP", years=range(first_year, last_year + 1))
    english = holiday_data.country_holidays("JP", years=range(first_year, last_year + 1), language="en_US")
    return {str(name): str(english[day]) for day, name in japanese.items() if day in english}
