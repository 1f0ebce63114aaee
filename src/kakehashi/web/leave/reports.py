"""The fill rate: of the lessons absent ALTs would have taught, how many a substitute took — by school and
month, the figure absence management is judged by."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.plan import dated_plan
from kakehashi.web.calendars.selectors import school_calendar
from kakehashi.web.leave.selectors import program_away, program_changes
from kakehashi.web.organizations.models import Program
from kakehashi.web.timetables.door import version_instance, version_solution
from kakehashi.web.timetables.selectors import program_schools, published_version


@dataclass(frozen=True)
class FillRow:
    school: str
    school_name: str
    month: dt.date  # the first of the month
    needed: int  # lessons absent ALTs would have taught
    covered: int  # of those, lessons a substitute taught

    @property
    def rate(self) -> float | None:
        return self.covered / self.needed if self.needed else None


def fill_rates(program: Program, year: int, *, until: dt.date | None = None) -> list[FillRow]:
    """One row per school and month with at least one lesson to cover, from April to `until` (or March)."""
    version = published_version(program)
    if version is None:
        return []
    school_year = SchoolYear(year)
    starts, ends = school_year.starts, min(until or school_year.ends, school_year.ends)
    away = program_away(program, starts, ends)
    if not away:
        return []
    schools = list(program_schools(program).select_related("organization").prefetch_related("bells"))
    calendars = {s.code: school_calendar(s, year) for s in schools}
    names = {s.code: s.organization.display_name for s in schools}
    instance, solution = version_instance(version), version_solution(version)
    needed: dict[tuple[str, dt.date], int] = defaultdict(int)
    covered: dict[tuple[str, dt.date], int] = defaultdict(int)
    changes = program_changes(program, starts, ends)
    for day, alts in sorted(away.items()):
        planned = dated_plan(instance, solution, calendars, starts=day, ends=day)
        actual = dated_plan(instance, solution, calendars, starts=day, ends=day, away=away, changes=changes)
        taught = {x.lesson for x in actual.lessons}
        for lesson in planned.lessons:
            if lesson.alt in alts:
                key = (lesson.school, day.replace(day=1))
                needed[key] += 1
                covered[key] += lesson.lesson in taught
    return [
        FillRow(school, names.get(school, school), month, needed[(school, month)], covered[(school, month)])
        for school, month in sorted(needed, key=lambda k: (k[1], k[0]))
    ]
