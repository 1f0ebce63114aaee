"""The dated plan: the weekly timetable laid over each school's calendar, date by date.

A visit happens on a date when the ALT's timetable has it on that weekday and the school has lessons
that day; otherwise it is skipped, with the calendar's reason (holiday, vacation, sports day, 振替休業日…).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from kakehashi.schoolyear.calendar import SchoolCalendar
from kakehashi.timetable.instance import ALL_DAYS, Instance, Solution


@dataclass(frozen=True)
class DatedVisit:
    date: dt.date
    alt: str
    school: str


@dataclass(frozen=True)
class DatedLesson:
    date: dt.date
    alt: str
    lesson: str
    school: str
    homeroom: str
    period: str
    start: int
    end: int


@dataclass(frozen=True)
class SkippedVisit:
    date: dt.date
    alt: str
    school: str
    reason: str


@dataclass
class DatedPlan:
    visits: list[DatedVisit] = field(default_factory=list)
    lessons: list[DatedLesson] = field(default_factory=list)
    skipped: list[SkippedVisit] = field(default_factory=list)

    def visit_days_by_school(self) -> Counter[str]:
        """ALT-days planned per school (what an annual contract, e.g. 116 days, is counted in)."""
        return Counter(v.school for v in self.visits)

    def for_alt(self, alt: str) -> DatedPlan:
        return DatedPlan([v for v in self.visits if v.alt == alt], [x for x in self.lessons if x.alt == alt],
                         [s for s in self.skipped if s.alt == alt])

    def for_school(self, school: str) -> DatedPlan:
        return DatedPlan([v for v in self.visits if v.school == school],
                         [x for x in self.lessons if x.school == school],
                         [s for s in self.skipped if s.school == school])


def dated_plan(instance: Instance, solution: Solution, calendars: dict[str, SchoolCalendar], *,
               starts: dt.date, ends: dt.date) -> DatedPlan:
    """Every date from `starts` to `ends`; `calendars` maps each school id to its calendar."""
    by_weekday: dict[str, list[tuple[str, str]]] = {}
    for visit in solution.visits:
        by_weekday.setdefault(visit.day, []).append((visit.alt, visit.school))
    lessons_of: dict[tuple[str, str, str], list[str]] = {}
    for assignment in solution.lessons:
        if assignment.lesson not in instance.lesson_by_id:
            continue  # a lesson since dropped from the school's timetable
        lesson = instance.lesson_by_id[assignment.lesson]
        lessons_of.setdefault((assignment.alt, lesson.day, lesson.school), []).append(lesson.id)
    plan = DatedPlan()
    date = starts
    while date <= ends:
        weekday = ALL_DAYS[date.weekday()]
        for alt, school in sorted(by_weekday.get(weekday, [])):
            calendar = calendars[school]
            day = calendar.day(date)
            if not day.has_lessons:
                plan.skipped.append(SkippedVisit(date, alt, school, day.reason or day.kind.value))
                continue
            plan.visits.append(DatedVisit(date, alt, school))
            for lesson_id in lessons_of.get((alt, weekday, school), []):
                lesson = instance.lesson_by_id[lesson_id]
                plan.lessons.append(DatedLesson(date, alt, lesson.id, school, lesson.homeroom, lesson.period,
                                                lesson.start, lesson.end))
        date += dt.timedelta(days=1)
    return plan
