"""Repair after an absence: cover the absent ALTs' lessons while changing as little else as possible.

Only the days with an absence are re-planned; every other day stays exactly as it was. Those days
become a small instance of their own, with what the frozen days already use subtracted from each
weekly limit (classes per week, visit days, schools per week, distinct ALTs per school), so the
same CP-SAT rules as the full solve apply and the repair is fast. Its objective, in priority order:
1. keep each school's contracted minimum of ALT-days (where any ALT can come at all);
2. more lessons with an ALT: the absent ALTs' lessons covered, other lessons kept;
3. fewer changes to the visits and lessons of everyone else.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from kakehashi.timetable.check import Violation, check
from kakehashi.timetable.instance import (
    Assignment,
    Instance,
    Solution,
    Status,
    Visit,
)
from kakehashi.timetable.solve.eligibility import Eligibility, day_order
from kakehashi.timetable.solve.model import TimetableModel, floor_bound
from kakehashi.timetable.solve.subproblem import carve, merge, week_limit_constraints

# Two-school pairs kept in the repair model: the nearest ones, and every pair the timetable already uses.
PAIR_BUDGET = 2_000


class RepairError(ValueError):
    """The repair cannot start: an unknown ALT or day, or a timetable that already breaks a rule."""


@dataclass(frozen=True)
class Absence:
    alt: str
    day: str

    @classmethod
    def parse(cls, text: str) -> Absence:
        alt, separator, day = text.partition(":")
        if not separator or not alt or not day:
            raise RepairError(f"--absent {text!r}: expected ALT:DAY, e.g. A07:tue")
        return cls(alt.strip(), day.strip().lower())


@dataclass(frozen=True)
class RepairResult:
    solution: Solution
    instance: Instance  # the instance with the absences written in as unavailable days
    changes: tuple[str, ...]
    uncovered: tuple[str, ...]  # lesson ids of absent ALTs that no one could take
    violations: tuple[Violation, ...]
    seconds: float


def with_absences(instance: Instance, absences: list[Absence]) -> Instance:
    """The instance in which each absent ALT is unavailable on their day (and not fixed anywhere then)."""
    for absence in absences:
        if absence.alt not in instance.alt_by_id:
            raise RepairError(f"--absent {absence.alt}:{absence.day}: there is no ALT {absence.alt!r}")
        if absence.day not in instance.days:
            raise RepairError(f"--absent {absence.alt}:{absence.day}: {absence.day!r} is not one of the week's days "
                              f"({', '.join(instance.days)})")
    away: dict[str, set[str]] = defaultdict(set)
    for absence in absences:
        away[absence.alt].add(absence.day)
    alts = tuple(
        replace(alt, unavailable_days=tuple(sorted(set(alt.unavailable_days) | away[alt.id], key=day_order)))
        if alt.id in away else alt for alt in instance.alts)
    fixed = tuple(f for f in instance.fixed if f.day not in away.get(f.alt, set()))
    return replace(instance, alts=alts, fixed=fixed)


def repair(instance: Instance, solution: Solution, absences: list[Absence], *, time_limit: float = 1.0,
           workers: int = 2, closed_schools: Collection[str] = ()) -> RepairResult:
    """The repaired timetable, the best found within `time_limit` seconds (counted from the call).

    `closed_schools` are schools without lessons on the repaired date (a test day, a sports day): the
    week's template still lists their lessons, but nobody is sent there to teach them."""
    started = time.monotonic()
    broken = check(instance, solution)
    if broken:
        raise RepairError(f"the timetable to repair breaks {len(broken)} hard rule(s) already "
                          f"(first: {broken[0].message}); repair starts from a valid timetable")
    target = with_absences(instance, absences)
    absent = {(a.alt, a.day) for a in absences}
    free = _substitutes(target, solution, absences)

    def is_free(alt: str, day: str) -> bool:
        return alt in free.get(day, ())

    kept_visits = {v for v in solution.visits if is_free(v.alt, v.day) and (v.alt, v.day) not in absent}
    kept_joins = {a for a in solution.lessons
                  if is_free(a.alt, instance.lesson_by_id[a.lesson].day)
                  and (a.alt, instance.lesson_by_id[a.lesson].day) not in absent}
    to_cover = [a.lesson for a in solution.lessons
                if (a.alt, instance.lesson_by_id[a.lesson].day) in absent]

    # A free ALT may stay where they are or go where an absent ALT was expected that day; nowhere else.
    left_on: dict[str, set[str]] = defaultdict(set)
    for visit in solution.visits:
        if (visit.alt, visit.day) in absent:
            left_on[visit.day].add(visit.school)
    reachable: dict[str, set[str]] = defaultdict(set)
    for visit in solution.visits:
        if is_free(visit.alt, visit.day):
            reachable[visit.alt].add(visit.school)
    for day, alts in free.items():
        for alt in alts:
            reachable[alt] |= left_on[day] - set(closed_schools)
    part = carve(target, solution, free, reachable)
    model = TimetableModel(part.instance, explain=True, pair_budget=PAIR_BUDGET, keep=solution)
    model.add_rules()
    v = model.variables
    cp = model.model
    min_guards = [g for term, g in v.guards.items() if term.kind == "min"]
    for term, guard in v.guards.items():
        if term.kind != "min":
            cp.add(guard == 1)
    for variables, at_most in week_limit_constraints(part, instance, v.used):
        cp.add(sum(variables) <= at_most)  # type: ignore[arg-type]

    changes = []
    for key, var in v.visit.items():
        changes.append(var.Not() if Visit(*key) in kept_visits else var)
    # A lesson at a closed school is not taught that date, so keeping or gaining it is worth nothing.
    covered_lessons = {lesson for lesson in set(to_cover) | {a.lesson for a in kept_joins}
                       if instance.lesson_by_id[lesson].school not in closed_schools}
    for (alt, lesson), var in v.join.items():
        if Assignment(alt, lesson) in kept_joins:
            changes.append(var.Not())
        elif lesson not in to_cover:
            changes.append(var)
    lessons_with_alt = [var for (_alt, lesson), var in v.join.items() if lesson in covered_lessons]
    # Weights that make the priorities strict: one more lesson outweighs every possible change, and
    # one more kept minimum outweighs every possible lesson.
    lesson_weight = len(changes) + 1
    contract_weight = lesson_weight * (len(lessons_with_alt) + 1)
    cp.maximize(contract_weight * sum(min_guards) + lesson_weight * sum(lessons_with_alt) - sum(changes))
    # Start from "nobody moves": complete, so CP-SAT has a repair at once and improves on it.
    model.add_hint(Solution(Status.FEASIBLE, tuple(kept_visits), tuple(kept_joins)))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit - (time.monotonic() - started))
    solver.parameters.num_workers = workers
    code = solver.solve(cp)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        new_visits = [Visit(*key) for key, var in v.visit.items() if solver.boolean_value(var)]
        new_joins = [Assignment(*key) for key, var in v.join.items() if solver.boolean_value(var)]
        bound = floor_bound(solver.best_objective_bound)
    elif code == cp_model.INFEASIBLE:
        raise RepairError("no repair keeps the week's other rules (CP-SAT proved it infeasible)")
    else:
        # Out of time before anything better: leave everyone where they were.
        new_visits, new_joins, bound = list(kept_visits), list(kept_joins), None
    # The repair optimizes changes, not the spec objective: the result states its true objective.
    repaired = merge(target, part, new_visits, new_joins)
    covered_now = {a.lesson for a in new_joins}
    uncovered = tuple(lesson for lesson in to_cover if lesson not in covered_now)
    return RepairResult(
        solution=replace(repaired, stats={"repair_seconds": round(time.monotonic() - started, 3),
                                          "repair_bound": bound,
                                          "repair_status": solver.status_name(code)}),
        instance=target,
        changes=tuple(_describe_changes(instance, solution, repaired, absences)),
        uncovered=uncovered,
        violations=tuple(check(target, repaired)),
        seconds=time.monotonic() - started,
    )


def _substitutes(instance: Instance, solution: Solution, absences: list[Absence]) -> dict[str, set[str]]:
    """Day → the ALTs who may change that day: the absent ones, and those who may work at a school
    an absent ALT leaves that day.

    Everyone else keeps their week as it is, which is what "change as little as possible" asks for
    and keeps the repair small enough to answer in well under a second for a city."""
    eligibility = Eligibility(instance)
    free: dict[str, set[str]] = defaultdict(set)
    for absence in absences:
        free[absence.day].add(absence.alt)
        left = {v.school for v in solution.visits if (v.alt, v.day) == (absence.alt, absence.day)}
        free[absence.day] |= {alt.id for alt in instance.alts
                              if any(school.id in left for school in eligibility.schools_of[alt.id])}
    return dict(free)


def _describe_changes(instance: Instance, before: Solution, after: Solution, absences: list[Absence]) -> list[str]:
    absent = {(a.alt, a.day) for a in absences}
    lines: list[str] = []
    taken_by = {a.lesson: a.alt for a in after.lessons}
    for absence in absences:
        lost = [a.lesson for a in before.lessons
                if a.alt == absence.alt and instance.lesson_by_id[a.lesson].day == absence.day]
        where = sorted({v.school for v in before.visits if (v.alt, v.day) == (absence.alt, absence.day)})
        lines.append(f"{absence.alt} is absent on {absence.day}: "
                     f"{'visit to ' + ', '.join(where) if where else 'no visit'}, {len(lost)} lesson(s) to cover")
        for lesson in lost:
            substitute = taken_by.get(lesson)
            lines.append(f"  {lesson}: " + (f"covered by {substitute}" if substitute else "left without an ALT"))
    old_visits, new_visits = set(before.visits), set(after.visits)
    for visit in sorted(old_visits - new_visits, key=lambda x: (x.alt, day_order(x.day))):
        if (visit.alt, visit.day) not in absent:
            lines.append(f"- {visit.alt} no longer visits {visit.school} on {visit.day}")
    for visit in sorted(new_visits - old_visits, key=lambda x: (x.alt, day_order(x.day))):
        lines.append(f"+ {visit.alt} visits {visit.school} on {visit.day}")
    old_joins, new_joins = set(before.lessons), set(after.lessons)
    absent_lessons = {a.lesson for a in before.lessons if (a.alt, instance.lesson_by_id[a.lesson].day) in absent}
    for join in sorted(old_joins - new_joins, key=lambda a: a.lesson):
        if join.lesson not in absent_lessons:
            lines.append(f"- {join.alt} no longer joins {join.lesson}")
    for join in sorted(new_joins - old_joins, key=lambda a: a.lesson):
        if join.lesson not in absent_lessons:
            lines.append(f"+ {join.alt} joins {join.lesson}")
    return lines


__all__ = ["Absence", "RepairError", "RepairResult", "repair", "with_absences"]
