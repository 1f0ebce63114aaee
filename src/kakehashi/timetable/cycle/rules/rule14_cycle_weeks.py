"""Rule 14: every visit and lesson names a week of the cycle, and a lesson is joined only in a cycle week
it is held in (its `weeks`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from kakehashi.timetable.check import Broken
from kakehashi.timetable.cycle.model import Cycle, CycleAssignment, CycleSolution, CycleVisit


def _visit_fits(cycle: Cycle, visit: CycleVisit) -> bool:
    return 1 <= visit.week <= cycle.weeks


def _lesson_fits(cycle: Cycle, assignment: CycleAssignment) -> bool:
    unknown = assignment.lesson not in cycle.base.lesson_by_id  # rule 12 of that week says so
    return 1 <= assignment.week <= cycle.weeks and (unknown or cycle.held_in(assignment.lesson, assignment.week))


def entries_name_weeks_of_the_cycle(cycle: Cycle, solution: CycleSolution) -> Iterator[Broken]:
    for index, visit in enumerate(solution.visits):
        if not _visit_fits(cycle, visit):
            yield Broken("week_outside_the_cycle",
                         f"visits[{index}] is in week {visit.week}, but the cycle has {cycle.weeks} week(s).",
                         {"alt": visit.alt, "school": visit.school, "week": visit.week, "limit": cycle.weeks})
    for index, assignment in enumerate(solution.lessons):
        if not 1 <= assignment.week <= cycle.weeks:
            yield Broken("week_outside_the_cycle",
                         f"lessons[{index}] is in week {assignment.week}, but the cycle has {cycle.weeks} week(s).",
                         {"alt": assignment.alt, "lesson": assignment.lesson, "week": assignment.week,
                          "limit": cycle.weeks})
        elif not _lesson_fits(cycle, assignment):
            held = ", ".join(str(w) for w in cycle.lesson_weeks[assignment.lesson])
            yield Broken("lesson_not_held_that_week",
                         f"ALT {assignment.alt} joins lesson {assignment.lesson} in cycle week {assignment.week}, "
                         f"but it is held only in week(s) {held}.",
                         {"alt": assignment.alt, "lesson": assignment.lesson, "week": assignment.week})


def entries_in_their_weeks(cycle: Cycle, solution: CycleSolution) -> CycleSolution:
    """The timetable without the entries rule 14 refuses, for the week rules and the scorer to read."""
    return replace(solution,
                   visits=tuple(v for v in solution.visits if _visit_fits(cycle, v)),
                   lessons=tuple(a for a in solution.lessons if _lesson_fits(cycle, a)))
