"""The best lessons for visits already decided: a small CP-SAT model of joins only.

Once every ALT's place each day is fixed, what is left is which lessons each ALT-day joins. That model
has a join boolean only per lesson at the school an ALT is at that day (a few thousand at prefecture
size, against hundreds of thousands in the whole-week model), so CP-SAT solves it to optimality or
close in a second or two, where the greedy fill gives each day its lessons in turn and can only
guess at the D'Hondt shares across the week.

Rules kept: 1 (one ALT a lesson), 5 (no overlap, one "at most one" per set of lessons running
together), 7 (daily and weekly caps). Scored: coverage exactly as the spec, and the shortfall below each
ALT's weekly minimum; travel and extra ALTs do not change once the visits are fixed. Days with two
schools (fixed pairs) keep the lessons they have, which rule 6 was checked for when they were placed.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import replace
from typing import Any

from ortools.sat.python import cp_model

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Assignment, Instance, Lesson, Solution
from kakehashi.timetable.score import score
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.model import configured_solver
from kakehashi.timetable.solve.rules.coverage import lesson_value
from kakehashi.timetable.solve.rules.rule5_no_overlap import maximal_cliques


def best_lessons(instance: Instance, eligibility: Eligibility, one_school_days: dict[tuple[str, str], str],
                 kept: list[Assignment], *, start: list[Assignment], time_limit: float, workers: int,
                 seed: int) -> list[Assignment] | None:
    """Joins for `one_school_days` ((ALT, day) → school), around the `kept` joins of other days.

    `start` (joins on those days that keep the rules) is the search's hint; None if CP-SAT found
    nothing in the time given (the caller keeps what it had)."""
    model = cp_model.CpModel()
    join: dict[tuple[str, str], Any] = {}
    of_lesson: dict[str, list[Any]] = defaultdict(list)
    of_alt: dict[str, list[Any]] = defaultdict(list)
    taken = {a.lesson for a in kept}
    for (alt_id, day), school_id in one_school_days.items():
        alt = instance.alt_by_id[alt_id]
        entries: list[tuple[Lesson, Any]] = []
        for lesson in eligibility.lessons_at(school_id, day):
            if lesson.id in taken:
                continue
            var = model.new_bool_var("")
            join[(alt_id, lesson.id)] = var
            of_lesson[lesson.id].append(var)
            of_alt[alt_id].append(var)
            entries.append((lesson, var))
        for clique in maximal_cliques(entries):
            model.add_at_most_one(clique)
        if len(entries) > alt.max_classes_per_day:
            model.add(sum(var for _, var in entries) <= alt.max_classes_per_day)
    for joins in of_lesson.values():
        if len(joins) > 1:
            model.add_at_most_one(joins)

    kept_of_alt: dict[str, int] = defaultdict(int)
    covered_before: dict[tuple[str, str], int] = defaultdict(int)
    for assignment in kept:
        kept_of_alt[assignment.alt] += 1
        lesson = instance.lesson_by_id[assignment.lesson]
        covered_before[(lesson.school, lesson.homeroom)] += 1

    weights = instance.weights
    terms: list[Any] = []
    for alt in instance.alts:
        mine = of_alt.get(alt.id, [])
        room = alt.classes_per_week.max - kept_of_alt[alt.id]
        if len(mine) > room:
            model.add(sum(mine) <= room)
        below = alt.classes_per_week.min - kept_of_alt[alt.id]
        if below > 0 and mine:
            short = model.new_int_var(0, below, "")
            model.add(short >= below - sum(mine))
            terms.append(-weights.shortfall_class * short)
    of_class: dict[tuple[str, str], list[Any]] = defaultdict(list)
    lessons_of_class: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (_alt_id, lesson_id), var in join.items():
        lesson = instance.lesson_by_id[lesson_id]
        of_class[(lesson.school, lesson.homeroom)].append(var)
        lessons_of_class[(lesson.school, lesson.homeroom)].add(lesson_id)
    for key, joins in of_class.items():
        # One lesson has at most one ALT, so a class has at most as many ALT lessons as lessons here.
        covered = [model.new_bool_var("") for _ in lessons_of_class[key]]
        model.add(sum(covered) == sum(joins))
        for at_least_k, at_least_next in itertools.pairwise(covered):
            model.add_implication(at_least_next, at_least_k)
        weight = instance.homeroom_weight[key]
        terms.extend(lesson_value(weights.coverage_scale, weight, covered_before[key] + k) * at_least_k
                     for k, at_least_k in enumerate(covered, start=1))
    model.maximize(sum(terms))

    for assignment in start:
        if (assignment.alt, assignment.lesson) in join:
            model.add_hint(join[(assignment.alt, assignment.lesson)], True)
    solver = configured_solver(time_limit, workers, seed)
    solver.parameters.relative_gap_limit = 0.001
    code = solver.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return [Assignment(alt_id, lesson_id) for (alt_id, lesson_id), var in join.items() if solver.boolean_value(var)]


def polish_lessons(instance: Instance, eligibility: Eligibility, solution: Solution, *, time_limit: float,
                   workers: int, seed: int) -> Solution:
    """`solution` with the best lessons for its visits (one-school days re-planned, two-school days
    kept), if that scores more and keeps every rule; else `solution` itself."""
    schools_on: dict[tuple[str, str], list[str]] = defaultdict(list)
    for visit in solution.visits:
        schools_on[(visit.alt, visit.day)].append(visit.school)
    one_school_days = {key: schools[0] for key, schools in schools_on.items() if len(schools) == 1}
    kept: list[Assignment] = []
    start: list[Assignment] = []
    for assignment in solution.lessons:
        day = instance.lesson_by_id[assignment.lesson].day
        (start if (assignment.alt, day) in one_school_days else kept).append(assignment)
    joins = best_lessons(instance, eligibility, one_school_days, kept, start=start, time_limit=time_limit,
                         workers=workers, seed=seed)
    if joins is None:
        return solution
    lessons = tuple(sorted([*kept, *joins], key=lambda a: (a.alt, a.lesson)))
    draft = replace(solution, lessons=lessons)
    polished = replace(draft, objective=score(instance, draft, eligibility.travel).objective)
    if (polished.objective or 0) <= (solution.objective or 0) or check(instance, polished):
        return solution
    return polished
