"""The dated plan: the weekly timetable laid over each school's calendar, date by date.

A visit happens on a date when the ALT's timetable has it on that weekday, the school has lessons
that day and the ALT is not away; otherwise it is skipped, with the reason (holiday, vacation, sports
day, 振替休業日, leave…). A date can carry a `DayChange` — the whole day re-planned after an absence,
with substitutes — which replaces the weekday's template on that date only. On a shortened day the
lessons move to the school's shortened bells, and a period those bells do not have is not held.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from kakehashi.schoolyear.calendar import DayKind, SchoolCalendar
from kakehashi.timetable.instance import ALL_DAYS, Assignment, Instance, Solution, Visit


@dataclass(frozen=True)
class DatedVisit:
    date: dt.date
    alt: str
    school: str
    substitute: bool = False  # the ALT comes in place of an absent one (a confirmed cover)


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


@dataclass(frozen=True)
class DayChange:
    """One date's visits and lessons for every ALT, in place of the weekday's template (after a cover)."""

    date: dt.date
    visits: tuple[Visit, ...]
    lessons: tuple[Assignment, ...]


@dataclass
class DatedPlan:
    visits: list[DatedVisit] = field(default_factory=list)
    lessons: list[DatedLesson] = field(default_factory=list)
    skipped: list[SkippedVisit] = field(default_factory=list)

    def visit_days_by_school(self) -> Counter[str]:
        """ALT-days planned per school (what an annual contract, e.g. 116 days, is counted in)."""
        return Counter(v.school for v in self.visits)

    def for_alt(self, alt: str) -> DatedPlan:
        return DatedPlan(
            [v for v in self.visits if v.alt == alt],
            [x for x in self.lessons if x.alt == alt],
            [s for s in self.skipped if s.alt == alt],
        )

    def for_school(self, school: str) -> DatedPlan:
        return DatedPlan(
            [v for v in self.visits if v.school == school],
            [x for x in self.lessons if x.school == school],
            [s for s in self.skipped if s.school == school],
        )

    def on(self, date: dt.date) -> DatedPlan:
        return DatedPlan(
            [v for v in self.visits if v.date == date],
            [x for x in self.lessons if x.date == date],
            [s for s in self.skipped if s.date == date],
        )


ON_LEAVE = "on leave / 休暇"


def dated_plan(
    instance: Instance,
    solution: Solution,
    calendars: Mapping[str, SchoolCalendar],
    *,
    starts: dt.date,
    ends: dt.date,
    away: Mapping[dt.date, Collection[str]] | None = None,
    changes: Mapping[dt.date, DayChange] | None = None,
) -> DatedPlan:
    """Every date from `starts` to `ends`; `calendars` maps each school id to its calendar, `away` each date
    to the ALTs absent that day, `changes` a date to its re-planned day."""
    away = away or {}
    changes = changes or {}
    template = _Day(instance, solution.visits, solution.lessons)
    plan = DatedPlan()
    date = starts
    while date <= ends:
        change = changes.get(date)
        day = template if change is None else _Day(instance, change.visits, change.lessons, template)
        day.lay(plan, date, calendars, frozenset(away.get(date, ())))
        date += dt.timedelta(days=1)
    return plan


class _Day:
    """A weekday's visits and lessons, ready to be laid on any date of that weekday."""

    def __init__(
        self,
        instance: Instance,
        visits: tuple[Visit, ...],
        lessons: tuple[Assignment, ...],
        template: _Day | None = None,
    ) -> None:
        self.instance = instance
        self.by_weekday: dict[str, list[tuple[str, str]]] = {}
        for visit in visits:
            self.by_weekday.setdefault(visit.day, []).append((visit.alt, visit.school))
        self.lessons_of: dict[tuple[str, str, str], list[str]] = {}
        for assignment in lessons:
            if assignment.lesson not in instance.lesson_by_id:
                continue  # a lesson since dropped from the school's timetable
            lesson = instance.lesson_by_id[assignment.lesson]
            self.lessons_of.setdefault((assignment.alt, lesson.day, lesson.school), []).append(lesson.id)
        # A visit not in the template is a substitute's.
        self.template_visits = (
            None if template is None else {(w, a, s) for w, pairs in template.by_weekday.items() for a, s in pairs}
        )
        self.template = template

    def lay(
        self, plan: DatedPlan, date: dt.date, calendars: Mapping[str, SchoolCalendar], away: frozenset[str]
    ) -> None:
        weekday = ALL_DAYS[date.weekday()]
        if self.template is not None:
            # A re-planned day no longer lists the absent ALTs' visits; they still read why they are off.
            for alt, school in sorted(self.template.by_weekday.get(weekday, [])):
                if alt in away and calendars[school].day(date).has_lessons:
                    plan.skipped.append(SkippedVisit(date, alt, school, ON_LEAVE))
        for alt, school in sorted(self.by_weekday.get(weekday, [])):
            calendar = calendars[school]
            day = calendar.day(date)
            if not day.has_lessons:
                plan.skipped.append(SkippedVisit(date, alt, school, day.reason or day.kind.value))
                continue
            if alt in away:
                plan.skipped.append(SkippedVisit(date, alt, school, ON_LEAVE))
                continue
            substitute = self.template_visits is not None and (weekday, alt, school) not in self.template_visits
            plan.visits.append(DatedVisit(date, alt, school, substitute))
            for lesson_id in self.lessons_of.get((alt, weekday, school), []):
                lesson = self.instance.lesson_by_id[lesson_id]
                start, end = lesson.start, lesson.end
                if day.kind == DayKind.SHORTENED and calendar.shortened_bells is not None:
                    if lesson.period not in calendar.shortened_bells:
                        continue  # the shortened day has no such period: the lesson is not held
                    start, end = calendar.shortened_bells[lesson.period]
                plan.lessons.append(
                    DatedLesson(date, alt, lesson.id, school, lesson.homeroom, lesson.period, start, end)
                )
