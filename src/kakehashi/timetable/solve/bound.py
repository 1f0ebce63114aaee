"""A proven upper bound on the objective, from a smaller model that every timetable fits (a relaxation).

The full model cannot always prove a bound: a city's two-school pairs are capped (a restriction, whose
bound says nothing about the spec's problem), and above `FULL_MODEL_VISITS` the search never builds a
whole-week model. This model drops *which* ALT joins each lesson and keeps only *how many*:

- a visit boolean per (ALT, day, school) and an integer `taken` = lessons that ALT joins there;
- a covered boolean per lesson; at each school-day the covered lessons equal the lessons taken, and at
  every instant no more covered lessons run than ALTs visit (lessons are intervals, so this is exactly
  what a set of ALTs can cover there — interval graphs are perfect);
- rules 6 (schools a day), 7, 8, 10 and 11 on those counts; coverage exactly as the spec scores it;
- travel at least each school's commute there and back on a one-school day, and on a two-school day
  commute + half the school's nearest hop + commute home from the other (a lower bound on the real trip).

Every valid timetable gives a solution of this model with at least its objective (read visits, count
lessons), so CP-SAT's proven bound on this model is a proven bound on the spec's problem.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from typing import Any

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance, Lesson
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.model import floor_bound
from kakehashi.timetable.solve.rules.coverage import lesson_value


def most_disjoint(lessons: tuple[Lesson, ...]) -> int:
    """The most lessons of a school-day one ALT could join: an interval schedule, earliest end first."""
    count, free_from = 0, -1
    for lesson in sorted(lessons, key=lambda x: x.end):
        if lesson.start >= free_from:
            count, free_from = count + 1, lesson.end
    return count


def busiest_instants(lessons: tuple[Lesson, ...]) -> list[list[Lesson]]:
    """The lessons running at each lesson's start, keeping only sets not inside another (the cliques)."""
    running = [frozenset(x.id for x in lessons if x.start <= at.start < x.end) for at in lessons]
    maximal = {c for c in running if not any(c < other for other in running)}
    by_id = {x.id: x for x in lessons}
    return [[by_id[i] for i in sorted(clique)] for clique in sorted(maximal, key=sorted)]


# Dual simplex is faster on these LPs (Takasaki 7 s against 11); without cost perturbation it can stall on a
# degenerate one (Kiryu: no answer in 30 s against 0.1 s with it).
GLOP_PARAMETERS = "use_dual_simplex: true perturb_costs_in_dual_simplex: true"


class BoundModel:
    """The relaxation, built either for CP-SAT (integers; its bound tightens with time) or as a linear
    programme for GLOP (its optimum is a bound at once, and a city's LP solves in seconds)."""

    def __init__(self, instance: Instance, eligibility: Eligibility | None = None, *, linear: bool = False) -> None:
        self.instance = instance
        self.eligibility = eligibility or Eligibility(instance)
        self.linear = linear
        self.lp = pywraplp.Solver.CreateSolver("GLOP") if linear else None
        self.model = cp_model.CpModel()
        self.infeasible = False
        self.seconds = 0.0
        self.found: int | None = None
        self._used_at: dict[str, list[Any]] = {}
        self._shortfall: list[Any] = []
        self._extra: list[Any] = []
        self._build()

    def _bool(self) -> Any:
        return self.lp.NumVar(0, 1, "") if self.lp is not None else self.model.new_bool_var("")

    def _int(self, low: int, high: int) -> Any:
        return self.lp.NumVar(low, high, "") if self.lp is not None else self.model.new_int_var(low, high, "")

    def _add(self, constraint: Any) -> None:
        if isinstance(constraint, bool):  # a sum over nothing, compared with a number
            self.infeasible = self.infeasible or not constraint
        elif self.lp is not None:
            self.lp.Add(constraint)
        else:
            self.model.add(constraint)

    def _maximize(self, objective: Any) -> None:
        if self.lp is not None:
            self.lp.Maximize(objective)
        else:
            self.model.maximize(objective)

    def _build(self) -> None:
        instance, el = self.instance, self.eligibility
        travel = el.travel
        visit: dict[tuple[str, str, str], Any] = {}
        taken: dict[tuple[str, str, str], Any] = {}
        at_school_day: dict[tuple[str, str], list[tuple[Any, Any]]] = defaultdict(list)
        cost: list[Any] = []
        for alt in instance.alts:
            open_schools = el.schools_of[alt.id]
            nearest_hop = {s.id: min((travel.between(alt, s.id, o.id) for o in open_schools if o.id != s.id),
                                     default=0) for s in open_schools}
            used: list[Any] = []
            week_taken: list[Any] = []
            for school in open_schools:
                used_here = self._bool()
                used.append(used_here)
                self._used_at.setdefault(school.id, []).append(used_here)
                for day in el.days(alt):
                    v = visit[(alt.id, day, school.id)] = self._bool()
                    self._add(v <= used_here)
                    cap = min(alt.max_classes_per_day, most_disjoint(el.lessons_at(school.id, day)))
                    n = taken[(alt.id, day, school.id)] = self._int(0, cap)
                    self._add(n <= cap * v)
                    at_school_day[(school.id, day)].append((v, n))
                    week_taken.append(n)
            self._add(sum(used) <= alt.max_schools_per_week)  # rule 8
            self._add(sum(week_taken) <= alt.classes_per_week.max)  # rule 7, week
            if alt.classes_per_week.min > 0:
                short = self._int(0, alt.classes_per_week.min)
                self._add(short >= alt.classes_per_week.min - sum(week_taken))
                self._shortfall.append(short)
            for day in el.days(alt):
                here = [(s, visit[(alt.id, day, s.id)], taken[(alt.id, day, s.id)]) for s in open_schools]
                if not here:
                    continue
                self._add(sum(n for _, _, n in here) <= alt.max_classes_per_day)  # rule 7, day
                self._add(sum(v for _, v, _ in here) <= alt.max_schools_per_day)  # rule 6
                two = self._bool() if alt.max_schools_per_day > 1 else None
                if two is not None:
                    self._add(sum(v for _, v, _ in here) <= 1 + two)
                    self._add(sum(v for _, v, _ in here) >= 2 * two)
                for school, v, _ in here:
                    commute = travel.commute(alt, school.id)
                    cost.append(commute * v)
                    if two is None:
                        cost.append(commute * v)
                        continue
                    # One school: the commute again on the way home. Two: half the nearest hop at least.
                    single, paired = self._bool(), self._bool()
                    self._add(single >= v - two)
                    self._add(paired >= v + two - 1)
                    cost.append(commute * single + (nearest_hop[school.id] // 2) * paired)

        covered_lesson: dict[str, Any] = {}
        for school in instance.schools:
            for day in instance.days:
                entries = at_school_day.get((school.id, day), [])
                lessons = el.lessons_at(school.id, day)
                if not entries or not lessons:
                    continue
                xs = {x.id: self._bool() for x in lessons}
                covered_lesson.update(xs)
                self._add(sum(xs.values()) == sum(n for _, n in entries))
                alts_here = sum(v for v, _ in entries)
                for clique in busiest_instants(lessons):
                    if len(clique) > 1:
                        self._add(sum(xs[x.id] for x in clique) <= alts_here)
            visits = [v for (a, d, s), v in visit.items() if s == school.id]
            if school.visit_days.min > 0:
                self._add(sum(visits) >= school.visit_days.min)  # rule 10
            if len(visits) > school.visit_days.max:
                self._add(sum(visits) <= school.visit_days.max)
            used_here = self._used_at.get(school.id, [])
            if len(used_here) > school.max_alts:
                self._add(sum(used_here) <= school.max_alts)
            if len(used_here) > 1:
                extra = self._int(0, len(used_here) - 1)
                self._add(extra >= sum(used_here) - 1)
                self._extra.append(extra)
        for fixed in instance.fixed:  # rule 11
            key = (fixed.alt, fixed.day, fixed.school)
            if key in visit:
                self._add(visit[key] == 1)
            else:
                self.infeasible = True

        w = instance.weights
        coverage: list[Any] = []
        by_class: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for lesson_id, x in covered_lesson.items():
            lesson = instance.lesson_by_id[lesson_id]
            by_class[(lesson.school, lesson.homeroom)].append(x)
        for class_key, lessons_covered in by_class.items():
            at_least = [self._bool() for _ in lessons_covered]
            self._add(sum(at_least) == sum(lessons_covered))
            if self.lp is None:  # the LP fills the shares in falling order by itself
                for k in range(1, len(at_least)):
                    self._add(at_least[k] <= at_least[k - 1])
            weight = instance.homeroom_weight[class_key]
            coverage.extend(lesson_value(w.coverage_scale, weight, k) * b for k, b in enumerate(at_least, start=1))
        self._maximize(sum(coverage) - w.travel_minute * sum(cost) - w.shortfall_class * sum(self._shortfall)
                   - w.extra_alt * sum(self._extra))

    def prove(self, *, time_limit: float, workers: int = 1, seed: int = 0) -> int | None:
        """The best upper bound proven on this model within `time_limit`; None if none was proven
        (an infeasible relaxation proves nothing here: the caller's own search explains infeasibility)."""
        started = time.monotonic()
        try:
            return None if self.infeasible else self._prove_lp(time_limit) if self.lp else self._prove_cp(
                time_limit, workers, seed)
        finally:
            self.seconds = time.monotonic() - started

    def _prove_lp(self, time_limit: float) -> int | None:
        assert self.lp is not None
        self.lp.SetTimeLimit(max(1, int(time_limit * 1000)))
        self.lp.SetSolverSpecificParametersAsString(GLOP_PARAMETERS)
        if self.lp.Solve() != pywraplp.Solver.OPTIMAL:
            return None
        value: float = self.lp.Objective().Value()
        # An LP optimum in floating point: add a margin past the solver's tolerances before the floor.
        return math.floor(value + 1e-6 * max(1.0, abs(value)))

    def _prove_cp(self, time_limit: float, workers: int, seed: int) -> int | None:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.01, time_limit)
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = seed
        code = solver.solve(self.model)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None  # without a solution of its own CP-SAT states no bound
        self.found = round(solver.objective_value)
        return floor_bound(solver.best_objective_bound)


def relaxation_bound(instance: Instance, *, time_limit: float, eligibility: Eligibility | None = None) -> int | None:
    """A proven upper bound on the objective of every valid timetable of `instance` (see module docstring)."""
    return BoundModel(instance, eligibility, linear=True).prove(time_limit=time_limit)
