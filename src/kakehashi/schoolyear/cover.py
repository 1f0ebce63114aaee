"""Substitute cover for one date: the absent ALTs' lessons given to others by the engine's repair.

The repair re-plans only the absent ALTs' weekday, changing as few visits and lessons as it can, so a
cover is a `DayChange` for that one date; every other date keeps the weekly timetable. A second absence on
a date that already has a cover starts from that cover, so people already told keep what they were told
wherever the engine can.

Substitutes from the program's pool (`substitutes.Substitute`) join the week for that date only, and every
lesson left without an ALT carries its reasons (`cover_reasons`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from kakehashi.schoolyear.calendar import SchoolCalendar
from kakehashi.schoolyear.cover_reasons import UncoveredReason, uncovered_reasons
from kakehashi.schoolyear.plan import DatedLesson, DayChange, dated_plan
from kakehashi.schoolyear.substitutes import Substitute
from kakehashi.timetable.instance import ALL_DAYS, Instance, Solution
from kakehashi.timetable.solve.repair import Absence, repair, with_absences


@dataclass(frozen=True)
class LessonCover:
    """A lesson an absent ALT would have taught that date, and who takes it (None: no one could)."""

    lesson: DatedLesson
    substitute: str | None
    reasons: tuple[UncoveredReason, ...] = ()  # why no one takes it (empty when someone does)


@dataclass(frozen=True)
class CoverProposal:
    date: dt.date
    absent: tuple[str, ...]
    change: DayChange
    lessons: tuple[LessonCover, ...]
    moves: tuple[str, ...]  # the engine's account of every change, one line each
    seconds: float

    @property
    def covered(self) -> int:
        return sum(1 for x in self.lessons if x.substitute is not None)

    @property
    def fill_rate(self) -> float | None:
        return self.covered / len(self.lessons) if self.lessons else None

    def substitutes(self) -> set[str]:
        return {x.substitute for x in self.lessons if x.substitute is not None}

    @property
    def uncovered(self) -> tuple[LessonCover, ...]:
        return tuple(x for x in self.lessons if x.substitute is None)


def propose_cover(
    instance: Instance,
    solution: Solution,
    calendars: Mapping[str, SchoolCalendar],
    date: dt.date,
    absent: Collection[str],
    *,
    already_absent: Collection[str] = (),
    current: DayChange | None = None,
    substitutes: Collection[Substitute] = (),
    time_limit: float = 2.0,
    workers: int = 2,
) -> CoverProposal:
    """Cover `absent` ALTs on `date`. `current` is the date's confirmed cover, if any, made for the ALTs in
    `already_absent`; the new proposal builds on it. Nobody is sent to a school that has no lessons that date.
    `substitutes` is the program's pool; those who work that weekday may be called in."""
    weekday = ALL_DAYS[date.weekday()]
    # A substitute already called in by the date's confirmed cover is in `current`, so in the week too (and
    # may be among the absent now).
    called_in = {v.alt for v in current.visits} if current is not None else set()
    pool = [s for s in substitutes
            if s.id not in instance.alt_by_id and (s.works_on(weekday) or s.id in called_in)]
    instance = replace(instance, alts=instance.alts + tuple(s.as_alt(instance.days) for s in pool))
    hours = {s.id: s.hours for s in pool}
    # Someone away who is in neither the week nor the day's pool has nothing to cover.
    absent = [alt for alt in absent if alt in instance.alt_by_id]
    already_absent = [alt for alt in already_absent if alt in instance.alt_by_id]
    base = solution if current is None else _with_day(instance, solution, weekday, current)
    new = sorted(set(absent) - set(already_absent))
    # What the absent ALTs would really have taught that date (holidays, events and shortened bells count).
    needed = [x for x in dated_plan(instance, base, calendars, starts=date, ends=date).lessons if x.alt in new]
    if weekday not in instance.days or not needed:
        change = _day_of(instance, base, weekday, date)
        return CoverProposal(date, tuple(new), change, tuple(LessonCover(x, None) for x in needed), (), 0.0)
    prior = [Absence(alt, weekday) for alt in sorted(set(already_absent))]
    # A school with a test or sports day that date is in the weekday template but has no lessons to cover.
    closed = {school for school, calendar in calendars.items() if not calendar.day(date).has_lessons}
    result = repair(
        with_absences(instance, prior),
        base,
        [Absence(alt, weekday) for alt in new],
        time_limit=time_limit,
        workers=workers,
        closed_schools=closed,
        hours=hours,
        one_date=True,
    )
    taken_by = {a.lesson: a.alt for a in result.solution.lessons}
    away = set(new) | set(already_absent)

    def reasons(lesson: str) -> tuple[UncoveredReason, ...]:
        return uncovered_reasons(result.instance, result.solution, instance.lesson_by_id[lesson], absent=away,
                                 pool=hours.keys(), hours=hours, has_pool=bool(substitutes))

    return CoverProposal(
        date=date,
        absent=tuple(new),
        change=_day_of(instance, result.solution, weekday, date),
        lessons=tuple(LessonCover(x, taken_by.get(x.lesson), () if x.lesson in taken_by else reasons(x.lesson))
                      for x in needed),
        moves=result.changes,
        seconds=result.seconds,
    )


def _day_of(instance: Instance, solution: Solution, weekday: str, date: dt.date) -> DayChange:
    return DayChange(
        date,
        tuple(v for v in solution.visits if v.day == weekday),
        tuple(a for a in solution.lessons if _lesson_day(instance, a.lesson) == weekday),
    )


def _with_day(instance: Instance, solution: Solution, weekday: str, change: DayChange) -> Solution:
    """The week with `weekday` as `change` has it."""
    visits = tuple(v for v in solution.visits if v.day != weekday) + change.visits
    lessons = tuple(a for a in solution.lessons if _lesson_day(instance, a.lesson) != weekday) + change.lessons
    return replace(solution, visits=visits, lessons=lessons)


def _lesson_day(instance: Instance, lesson: str) -> str | None:
    found = instance.lesson_by_id.get(lesson)
    return found.day if found is not None else None
