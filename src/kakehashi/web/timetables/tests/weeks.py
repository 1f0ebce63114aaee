"""Two stored versions of a side's week that differ by one lesson and both keep every rule, whatever timetable
the solver found in its time (on a busy machine it finds another one; dropping a whole visit may then break a
school's minimum visit days)."""

from __future__ import annotations

from typing import Any

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Solution, Status
from kakehashi.timetable.solve import solve
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.door import week_instance
from kakehashi.web.timetables.services import timetable_store


def two_valid_weeks(side: Any) -> tuple[Any, Any, School]:
    """Version 1 as solved; version 2 without one lesson of the side's first ALT (the first whose removal keeps
    every rule); and the school of that lesson."""
    instance = week_instance(side.program)
    first = solve(instance, time_limit=3, workers=1)
    alt = side.alts[0].code
    for dropped in (a for a in first.lessons if a.alt == alt):
        second = Solution(Status.FEASIBLE, first.visits, tuple(a for a in first.lessons if a != dropped))
        if not check(instance, second):
            school = School.objects.get(code=instance.lesson_by_id[dropped.lesson].school)
            return (
                timetable_store(program=side.program, instance=instance, solution=first),
                timetable_store(program=side.program, instance=instance, solution=second),
                school,
            )
    raise AssertionError(f"no lesson of {alt} can be dropped without breaking a rule")
