"""The in-memory form of a `kakehashi/cycle@1` rotation and its timetable.

A cycle is a week@1 instance (`base`) stretched over 1-4 cycle weeks: each lesson is held in some of
them, each school's `visit_days` and `max_alts` count over the whole cycle, and each ALT's limits hold
in every cycle week as they do in a week@1 week. Each cycle week projects onto an ordinary week@1
`Instance` (`week_instance`), so the week's checker, scorer and solver are reused as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from kakehashi.timetable.instance import (
    Assignment,
    FixedVisit,
    Instance,
    Solution,
    Status,
    Visit,
    VisitDays,
)

CYCLE_FORMAT = "kakehashi/cycle@1"
CYCLE_SOLUTION_FORMAT = "kakehashi/cycle-solution@1"
MAX_CYCLE_WEEKS = 4


@dataclass(frozen=True)
class CycleFixed:
    """The ALT must be at the school on that day of that cycle week."""

    alt: str
    week: int
    day: str
    school: str


@dataclass(frozen=True)
class Cycle:
    """`base` holds every lesson of every cycle week, with `visit_days` and `max_alts` per cycle.

    `lesson_weeks` maps a lesson id to the cycle weeks (1-based) it is held in. `annual_days` is each
    school's contracted ALT-days for the school year, `alt_annual_days` the most days each ALT works in
    it; a school or ALT missing from them has no annual contract (only `kakehashi plan-year` reads them)."""

    base: Instance
    weeks: int
    lesson_weeks: dict[str, tuple[int, ...]]
    fixed: tuple[CycleFixed, ...] = ()
    annual_days: dict[str, int] = field(default_factory=dict)
    alt_annual_days: dict[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.base.name

    @property
    def week_numbers(self) -> range:
        return range(1, self.weeks + 1)

    def held_in(self, lesson_id: str, week: int) -> bool:
        return week in self.lesson_weeks.get(lesson_id, ())

    def week_instance(self, week: int, *, visit_days: dict[str, VisitDays] | None = None,
                      max_alts: dict[str, int] | None = None) -> Instance:
        """Cycle week `week` as a week@1 instance: its lessons and fixed visits, the ALTs as they are.

        Without `visit_days`/`max_alts` the schools' week contracts are left open (0 up to every ALT-day,
        every ALT), because the cycle's own rule 13 counts them over the whole cycle; the solver passes the
        share of the cycle contract it gives this week."""
        open_days = VisitDays(0, len(self.base.days) * max(1, len(self.base.alts)))
        schools = tuple(
            replace(
                school,
                lessons=tuple(lesson for lesson in school.lessons if self.held_in(lesson.id, week)),
                visit_days=(visit_days or {}).get(school.id, open_days),
                max_alts=(max_alts or {}).get(school.id, max(1, len(self.base.alts))),
            )
            for school in self.base.schools
        )
        fixed = tuple(FixedVisit(f.alt, f.day, f.school) for f in self.fixed if f.week == week)
        return replace(self.base, name=f"{self.base.name}, cycle week {week}", schools=schools, fixed=fixed)

    @cached_property
    def weeks_instances(self) -> dict[int, Instance]:
        return {week: self.week_instance(week) for week in self.week_numbers}


@dataclass(frozen=True)
class CycleVisit:
    alt: str
    week: int
    day: str
    school: str


@dataclass(frozen=True)
class CycleAssignment:
    """An ALT joining one lesson in one cycle week."""

    alt: str
    week: int
    lesson: str


@dataclass(frozen=True)
class CycleSolution:
    status: Status
    visits: tuple[CycleVisit, ...]
    lessons: tuple[CycleAssignment, ...]
    instance: str | None = None
    objective: int | None = None
    bound: int | None = None
    explanation: tuple[str, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)

    def week_solution(self, week: int) -> Solution:
        """The visits and lessons of one cycle week as a week@1 solution (for the week's rules and scorer)."""
        return Solution(
            status=self.status,
            visits=tuple(Visit(v.alt, v.day, v.school) for v in self.visits if v.week == week),
            lessons=tuple(Assignment(a.alt, a.lesson) for a in self.lessons if a.week == week),
        )

    @staticmethod
    def from_weeks(weeks: dict[int, Solution], **fields: Any) -> CycleSolution:
        return CycleSolution(
            visits=tuple(CycleVisit(v.alt, w, v.day, v.school) for w, s in sorted(weeks.items()) for v in s.visits),
            lessons=tuple(CycleAssignment(a.alt, w, a.lesson) for w, s in sorted(weeks.items()) for a in s.lessons),
            **fields,
        )


def cycle_of_week(instance: Instance) -> Cycle:
    """A week@1 instance read as a one-week cycle: the same problem, so every cycle tool takes a week too."""
    lessons: dict[str, tuple[int, ...]] = {lesson.id: (1,) for school in instance.schools for lesson in school.lessons}
    fixed = tuple(CycleFixed(f.alt, 1, f.day, f.school) for f in instance.fixed)
    return Cycle(base=replace(instance, fixed=()), weeks=1, lesson_weeks=lessons, fixed=fixed)


def cycle_solution_of_week(solution: Solution) -> CycleSolution:
    return CycleSolution.from_weeks(
        {1: solution}, status=solution.status, instance=solution.instance, objective=solution.objective,
        bound=solution.bound, explanation=solution.explanation, stats=solution.stats)
