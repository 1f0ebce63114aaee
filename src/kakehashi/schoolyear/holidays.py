"""Japan's national holidays (国民の祝日, 振替休日, 国民の休日) between two dates, and the working days between them.

The one door to the `holidays` package: school calendars and leave both count days through it, so a
holiday added by law reaches both at once (the list is checked against the Cabinet Office's CSV)."""

from __future__ import annotations

import datetime as dt
import functools

import holidays as holiday_data


def national_holidays(starts: dt.date, ends: dt.date) -> dict[dt.date, str]:
    """Date → the holiday's name, for every national holiday from `starts` to `ends` (both included)."""
    return {day: name for day, name in _holidays_of_years(starts.year, ends.year) if starts <= day <= ends}


@functools.cache
def _holidays_of_years(first: int, last: int) -> tuple[tuple[dt.date, str], ...]:
    """The package's holidays of whole years, worked out once per process: a year's holidays are fixed by law,
    and working them out took 7 ms, once per school calendar (141 calendars on a city's program page)."""
    found = holiday_data.country_holidays("JP", years=range(first, last + 1))
    return tuple((day, str(name)) for day, name in sorted(found.items()))


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
