"""Peer 2: a straightforward CP-SAT model of the spec, with default parameters.

Visit and lesson booleans for every allowed combination, each rule as the textbook constraint
(overlaps as pairwise exclusions, counts as sums), the objective as written: D'Hondt coverage by
an element table per class, travel per visit, shortfall and extra ALTs as max(0, ·). One school a
day: the textbook form of rule 6's two-school days (order booleans with an implication for each
pair of lessons at the two schools) grows with schools² × lessons² and does not fit in memory at
city size, and one school a day is always allowed by the rules.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Assignment, Instance, Solution, Status, Visit
from kakehashi.timetable.score import score
from kakehashi.timetable.travel import TravelTimes

_STATUS = {cp_model.OPTIMAL: Status.OPTIMAL, cp_model.FEASIBLE: Status.FEASIBLE,
           cp_model.INFEASIBLE: Status.INFEASIBLE}


def solve_plain(instance: Instance, *, time_limit: float, workers: int) -> Solution:
    travel = TravelTimes(instance)
    model = cp_model.CpModel()
    visit: dict[tuple[str, str, str], Any] = {}
    join: dict[tuple[str, str], Any] = {}
    for alt in instance.alts:
        for school in instance.schools:
            if not instance.school_level_allowed(alt, school):
                continue
            if travel.commute(alt, school.id) > alt.max_commute_minutes:
                continue
            for day in instance.days:
                if day in alt.unavailable_days:
                    continue
                v = visit[(alt.id, day, school.id)] = model.new_bool_var("")
                for lesson in school.lessons:
                    if lesson.day == day:
                        j = join[(alt.id, lesson.id)] = model.new_bool_var("")
                        model.add_implication(j, v)  # rule 2

    by_lesson: dict[str, list[Any]] = defaultdict(list)
    by_alt_day: dict[tuple[str, str], list[tuple[Any, Any]]] = defaultdict(list)
    for (a, lesson_id), j in join.items():
        lesson = instance.lesson_by_id[lesson_id]
        by_lesson[lesson_id].append(j)
        by_alt_day[(a, lesson.day)].append((lesson, j))
    for joins in by_lesson.values():
        model.add_at_most_one(joins)  # rule 1
    for entries in by_alt_day.values():  # rule 5, pair by pair
        for i, (one, j1) in enumerate(entries):
            for other, j2 in entries[i + 1:]:
                if one.overlaps(other):
                    model.add_bool_or([j1.Not(), j2.Not()])
    visits_on: dict[tuple[str, str], list[Any]] = defaultdict(list)
    visits_to: dict[str, list[Any]] = defaultdict(list)
    used: dict[tuple[str, str], Any] = {}
    for (a, d, s), v in visit.items():
        visits_on[(a, d)].append(v)
        visits_to[s].append(v)
        if (a, s) not in used:
            used[(a, s)] = model.new_bool_var("")
        model.add_implication(v, used[(a, s)])
    for vs in visits_on.values():
        model.add_at_most_one(vs)  # rule 6, one school a day
    for alt in instance.alts:  # rules 7 and 8
        alt_joins = [j for (a, _), j in join.items() if a == alt.id]
        model.add(sum(alt_joins) <= alt.classes_per_week.max)
        for day in instance.days:
            model.add(sum(j for _, j in by_alt_day.get((alt.id, day), [])) <= alt.max_classes_per_day)
        model.add(sum(u for (a, _), u in used.items() if a == alt.id) <= alt.max_schools_per_week)
    for school in instance.schools:  # rule 10
        model.add(sum(visits_to[school.id]) >= school.visit_days.min)
        model.add(sum(visits_to[school.id]) <= school.visit_days.max)
        model.add(sum(u for (_, s), u in used.items() if s == school.id) <= school.max_alts)
    for fixed in instance.fixed:  # rule 11
        key = (fixed.alt, fixed.day, fixed.school)
        if key not in visit:
            return Solution(Status.INFEASIBLE, (), (), instance=instance.name)
        model.add(visit[key] == 1)

    w = instance.weights
    terms: list[Any] = []
    for school in instance.schools:
        for homeroom in school.homerooms:
            joins = [j for lesson in school.lessons if lesson.homeroom == homeroom.id
                     for j in by_lesson.get(lesson.id, [])]
            if not joins:
                continue
            count = model.new_int_var(0, len(joins), "")
            model.add(count == sum(joins))
            table = [sum(w.coverage_scale * homeroom.weight // k for k in range(1, c + 1))
                     for c in range(len(joins) + 1)]
            value = model.new_int_var(0, table[-1], "")
            model.add_element(count, table, value)
            terms.append(value)
    travel_cost = sum(2 * travel.commute(instance.alt_by_id[a], s) * v for (a, _, s), v in visit.items())
    shortfall = []
    for alt in instance.alts:
        short = model.new_int_var(0, alt.classes_per_week.min, "")
        model.add(short >= alt.classes_per_week.min - sum(j for (a, _), j in join.items() if a == alt.id))
        shortfall.append(short)
    extra = []
    for school in instance.schools:
        e = model.new_int_var(0, len(instance.alts), "")
        model.add(e >= sum(u for (_, s), u in used.items() if s == school.id) - 1)
        extra.append(e)
    model.maximize(sum(terms) - w.travel_minute * travel_cost - w.shortfall_class * sum(shortfall)
                   - w.extra_alt * sum(extra))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    code = solver.solve(model)
    status = _STATUS.get(code, Status.UNKNOWN)
    if status not in (Status.OPTIMAL, Status.FEASIBLE):
        return Solution(status, (), (), instance=instance.name)
    visits = tuple(Visit(*key) for key, v in visit.items() if solver.boolean_value(v))
    lessons = tuple(Assignment(*key) for key, j in join.items() if solver.boolean_value(j))
    draft = Solution(status, visits, lessons, instance=instance.name)
    bound = solver.best_objective_bound
    return Solution(status, visits, lessons, instance=instance.name, objective=score(instance, draft).objective,
                    bound=math.floor(bound + 1e-6) if math.isfinite(bound) else None)
