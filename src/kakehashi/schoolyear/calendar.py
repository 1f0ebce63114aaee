"""A school's calendar for a school year: which dates have lessons, and why the others do not."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from kakehashi.schoolyear.events import NO_LESSONS, EventKind, SchoolEvent, with_compensatory_day
from kakehashi.schoolyear.holidays import national_holidays
from kakehashi.schoolyear.year import SchoolYear
from kakehashi.timetable.instance import ALL_DAYS


class DayKind(StrEnum):
    LESSONS = "lessons"  # a school day with the regular timetable
    SHORTENED = "shortened"  # a school day on a shortened bell schedule
    WEEKEND = "weekend"
    HOLIDAY = "holiday"  # national holiday (祝日・振替休日・国民の休日)
    VACATION = "vacation"  # between terms: no lessons
    EVENT = "event"  # an event day without regular lessons (sports day, tests, ceremony, closure)
    COMPENSATORY = "compensatory"  # 振替休業日 for a weekend event


@dataclass(frozen=True)
class SchoolDay:
    date: dt.date
    kind: DayKind
    reason: str = ""

    @property
    def has_lessons(self) -> bool:
        return self.kind in (DayKind.LESSONS, DayKind.SHORTENED)

    @property
    def weekday(self) -> str:
        return ALL_DAYS[self.date.weekday()]


class SchoolCalendar:
    """`SchoolCalendar(SchoolYear(2026), events=[…], school="S001").day(date)`: what that date is at the school.

    Events with `school=None` apply to every school of the calendar's board. `shortened_bells` are the
    school's bells on a shortened day (短縮日課), period by period."""

    def __init__(
        self,
        year: SchoolYear,
        events: list[SchoolEvent] | tuple[SchoolEvent, ...] = (),
        school: str | None = None,
        shortened_bells: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        self.year = year
        self.school = school
        # period -> (start, end) in minutes on a shortened day (短縮日課); None: the school has none on file
        self.shortened_bells = shortened_bells
        # Only this year's events: a later year's weekend event has no compensatory day inside this year.
        mine = [e for e in events if e.school in (None, school) and e.starts <= year.ends and e.ends >= year.starts]
        self.events = [with_compensatory_day(e, self._regular_school_day) for e in mine]
        # Each date's answer, once worked out: the dated plan and the annual count both ask for every day of
        # the year, and a calendar never changes once made.
        self._days: dict[dt.date, SchoolDay] = {}

    @cached_property
    def national_holidays(self) -> dict[dt.date, str]:
        return national_holidays(self.year.starts, self.year.ends)

    def _regular_school_day(self, day: dt.date) -> bool:
        """A weekday in a term that is not a national holiday (before events are considered)."""
        return day.weekday() < 5 and day not in self.national_holidays and self.year.term_of(day) is not None

    def day(self, date: dt.date) -> SchoolDay:
        found = self._days.get(date)
        if found is None:
            found = self._days[date] = self._work_out_day(date)
        return found

    def _work_out_day(self, date: dt.date) -> SchoolDay:
        if not self.year.starts <= date <= self.year.ends:
            raise ValueError(f"{date} is outside {self.year.label} / 年度外の日付です")
        if date in self.national_holidays:
            return SchoolDay(date, DayKind.HOLIDAY, self.national_holidays[date])
        for event in self.events:
            if event.compensatory == date:
                return SchoolDay(date, DayKind.COMPENSATORY, compensatory_reason(event.name, event.starts))
        for event in self.events:
            if event.covers(date):
                if event.kind == EventKind.SHORTENED and date.weekday() < 5:
                    return SchoolDay(date, DayKind.SHORTENED, event.name)
                if event.kind in NO_LESSONS:
                    return SchoolDay(date, DayKind.EVENT, event.name)
        if date.weekday() >= 5:
            return SchoolDay(date, DayKind.WEEKEND)
        if self.year.term_of(date) is None:
            return SchoolDay(date, DayKind.VACATION, _vacation_name(date))
        return SchoolDay(date, DayKind.LESSONS)

    def days(self) -> list[SchoolDay]:
        return [self.day(date) for date in self.year.days()]

    def lesson_days(self) -> list[SchoolDay]:
        return [d for d in self.days() if d.has_lessons]


# The reasons a day has no lessons, as the core words them (the CLI prints them; the web shows each in
# the reader's language, calendars/words.py).
SUMMER_VACATION = "summer vacation (夏休み)"
WINTER_VACATION = "winter vacation (冬休み)"
SPRING_VACATION = "spring vacation (春休み)"
_COMPENSATORY = re.compile(r"振替休業日 for (?P<name>.+) \((?P<date>\d{4}-\d{2}-\d{2})\)")


def compensatory_reason(event: str, held: dt.date) -> str:
    return f"振替休業日 for {event} ({held.isoformat()})"


def read_compensatory_reason(reason: str) -> tuple[str, dt.date] | None:
    """The event and its date back from `compensatory_reason`'s words; None for any other reason."""
    found = _COMPENSATORY.fullmatch(reason)
    return (found["name"], dt.date.fromisoformat(found["date"])) if found else None


def _vacation_name(date: dt.date) -> str:
    if date.month in (7, 8):
        return SUMMER_VACATION
    if date.month in (12, 1):
        return WINTER_VACATION
    return SPRING_VACATION
