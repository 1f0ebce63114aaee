"""The CP-SAT model of the weekly timetable: a façade over variables.py and rules/.

`TimetableModel(instance)` creates the variables; `add_rules()` posts the hard rules in spec order and
reads as the model's table of contents; `objective()` sets the spec's objective; `add_hint()` starts
the search from a timetable; `solve()` returns a `Solution`, never a solver object.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Assignment, Instance, Solution, Status, Visit
from kakehashi.timetable.score import score
from kakehashi.timetable.solve.eligibility import Eligibility, day_order
from kakehashi.timetable.solve.hint import hint_values
from kakehashi.timetable.solve.rules import (
    coverage,
    extra_alt,
    rule1_one_alt_per_lesson,
    rule2_join_needs_visit,
    rule5_no_overlap,
    rule6_schools_per_day,
    rule7_class_caps,
    rule8_schools_per_week,
    rule10_school_visit_days,
    rule11_fixed,
    shortfall,
    travel_cost,
)
from kakehashi.timetable.solve.variables import ContractTerm, create_variables

if TYPE_CHECKING:
    from kakehashi.timetable.solve.subproblem import Offsets


@dataclass(frozen=True)
class Progress:
    """One improving timetable found during a solve: seconds since the solve began, its objective,
    and the best proven upper bound at that moment (None while there is none)."""

    elapsed: float
    objective: int
    bound: int | None


ProgressReport = Callable[[Progress], None]

_STATUS = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
}


DETERMINISTIC_SHARE = 0.5
STOP_POLL_SECONDS = 0.2


def floor_bound(value: float) -> int | None:
    """CP-SAT reports the bound as a float; objectives are integers, so the floor is still a bound."""
    return math.floor(value + 1e-6) if math.isfinite(value) else None


class _ProgressCallback(cp_model.CpSolverSolutionCallback):
    """Forwards each improving solution; kept light because it runs inside the search."""

    def __init__(self, report: ProgressReport, started: float, exact: bool) -> None:
        super().__init__()
        self._report = report
        self._started = started
        self._exact = exact

    def on_solution_callback(self) -> None:
        bound = floor_bound(self.best_objective_bound) if self._exact else None
        self._report(Progress(time.monotonic() - self._started, round(self.objective_value), bound))


class TimetableModel:
    def __init__(self, instance: Instance, *, eligibility: Eligibility | None = None, explain: bool = False,
                 pair_budget: int | None = None, keep: Solution | None = None,
                 offsets: Offsets | None = None) -> None:
        """`explain=True` puts every contract term behind an enforcement literal (see `conflicting_terms`).
        `pair_budget` caps the two-school pair variables (see variables.py); the two-school days of
        `keep` (the starting timetable) stay expressible whatever the cap."""
        self.instance = instance
        self.eligibility = eligibility or Eligibility(instance)
        self.travel = self.eligibility.travel
        self.model = cp_model.CpModel()
        self.variables = create_variables(instance, self.model, self.eligibility, guarded=explain,
                                          pair_budget=pair_budget, keep_pairs=_pairs_of(instance, keep),
                                          offsets=offsets)

    @property
    def exact(self) -> bool:
        """Whether the model holds every timetable the spec allows (no pair left out by the budget)."""
        return self.variables.pairs_left_out == 0

    def add_rules(self) -> None:
        """The hard rules of `kakehashi/week@1`, in the spec's order."""
        args = (self.instance, self.model, self.variables, self.travel)
        rule1_one_alt_per_lesson.build(*args)
        rule2_join_needs_visit.build(*args)
        # Rule 3 (levels, school lists, forbidden) and rule 4 (working days): no variable breaks them.
        rule5_no_overlap.build(*args)
        rule6_schools_per_day.build(*args)
        rule7_class_caps.build(*args)
        rule8_schools_per_week.build(*args)
        # Rule 9 (commute limits): no variable breaks it either (variables.py).
        rule10_school_visit_days.build(*args)
        rule11_fixed.build(*args)
        # Rule 12 (ids exist, nothing listed twice): the timetable is read off one variable per entry.

    def objective(self) -> None:
        """Maximize coverage - travel_cost - shortfall_cost - extra_alt_cost, exactly as the spec scores it."""
        args = (self.instance, self.model, self.variables, self.travel)
        self.model.maximize(coverage.build(*args) - travel_cost.build(*args) - shortfall.build(*args)
                            - extra_alt.build(*args))

    def add_hint(self, solution: Solution) -> None:
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for var, value in hint_values(self.variables, solution):
            self.model.add_hint(var, value)

    def stats(self) -> dict[str, Any]:
        v = self.variables
        stats: dict[str, Any] = {"visit_variables": len(v.visit), "join_variables": len(v.join),
                                 "pair_variables": len(v.pair), "constraints": len(self.model.proto.constraints)}
        if not self.exact:
            stats |= {"pairs_left_out": v.pairs_left_out, "pair_partner_limit": v.partner_limit}
        return stats

    def solve(self, *, time_limit: float, workers: int, seed: int, progress: ProgressReport | None = None,
              started: float | None = None, fallback: Solution | None = None,
              stop: Callable[[], bool] | None = None) -> Solution:
        """Search for up to `time_limit` seconds.

        `fallback` is a valid timetable (the construction's): returned, as feasible, when CP-SAT finds
        nothing better in time. `started` is when the caller's clock began, for progress times.
        `stop` is polled during the search; when it says True the search ends with what it has."""
        solver = configured_solver(time_limit, workers, seed)
        callback = _ProgressCallback(progress, started or time.monotonic(), self.exact) if progress else None
        with _stopping(solver, stop):
            code = solver.solve(self.model, callback)
        status = _STATUS.get(code, Status.UNKNOWN)
        if not self.exact and status is not Status.FEASIBLE:
            # A restricted model proves nothing about the spec's problem: its optimum may not be the
            # true one, and "infeasible" may only mean "not with near pairs".
            status = Status.FEASIBLE if status is Status.OPTIMAL else Status.UNKNOWN
        stats: dict[str, Any] = {"cp_sat_status": solver.status_name(code), "solve_seconds": round(solver.wall_time, 3),
                                 "deterministic_time": round(solver.deterministic_time, 3), **self.stats()}
        # Without a solution of its own CP-SAT reports no meaningful bound (it says 0).
        bound = None
        found = None
        if status in (Status.OPTIMAL, Status.FEASIBLE):
            bound = floor_bound(solver.best_objective_bound) if self.exact else None
            found = self._timetable(solver, status)
            stats["model_objective"] = round(solver.objective_value)
            stats["source"] = "cp-sat"
        if fallback is not None and (found is None or _objective(fallback) > _objective(found)):
            # CP-SAT found nothing, or nothing better than the start it was given: the start stands.
            stats["source"] = "construction"
            found = replace(fallback, status=Status.FEASIBLE)
        if found is None:
            return Solution(status, (), (), instance=self.instance.name, bound=bound, stats=stats)
        return replace(found, bound=bound, stats={**found.stats, **stats})

    def _timetable(self, solver: cp_model.CpSolver, status: Status) -> Solution:
        v = self.variables
        visits = sorted((Visit(alt, day, school) for (alt, day, school), var in v.visit.items()
                         if solver.boolean_value(var)), key=lambda x: (x.alt, day_order(x.day), x.school))
        joined = [(alt, self.instance.lesson_by_id[lesson]) for (alt, lesson), var in v.join.items()
                  if solver.boolean_value(var)]
        joined.sort(key=lambda x: (x[0], day_order(x[1].day), x[1].start, x[1].id))
        draft = Solution(status, tuple(visits), tuple(Assignment(alt, lesson.id) for alt, lesson in joined),
                         instance=self.instance.name)
        return replace(draft, objective=score(self.instance, draft, self.travel).objective)

    def conflicting_terms(self, time_limit: float, *, shrink_solves: int = 12) -> list[ContractTerm] | None:
        """A set of contract terms that cannot all hold, as small as a few re-solves can make it.

        Needs a model built with `explain=True` and no objective. Every term is assumed; CP-SAT's
        sufficient assumptions give a conflicting set; then each term is dropped in turn and the rest
        re-solved: if still infeasible, that term was not needed. None if infeasibility is not proven."""
        guards = self.variables.guards
        term_of = {var.index: term for term, var in guards.items()}
        deadline = time.monotonic() + time_limit

        def infeasible_core(terms: list[ContractTerm]) -> list[ContractTerm] | None:
            self.model.clear_assumptions()
            self.model.add_assumptions([guards[t] for t in terms])
            solver = configured_solver(max(0.1, deadline - time.monotonic()), 1, 0)
            if solver.solve(self.model) != cp_model.INFEASIBLE:
                return None
            core = {term_of[index] for index in solver.sufficient_assumptions_for_infeasibility()}
            return [t for t in terms if t in core] or terms

        core = infeasible_core(list(guards))
        if core is None:
            return None
        for term in list(core):
            if shrink_solves == 0 or time.monotonic() >= deadline:
                break
            if term not in core:
                continue
            shrink_solves -= 1
            smaller = infeasible_core([t for t in core if t != term])
            if smaller is not None:
                core = smaller
        return core


def _pairs_of(instance: Instance, solution: Solution | None) -> set[tuple[str, str, str, str]]:
    """(alt, day, school, other school) of the timetable's two-school days, schools in id order."""
    on_day: dict[tuple[str, str], list[str]] = {}
    for visit in solution.visits if solution else ():
        on_day.setdefault((visit.alt, visit.day), []).append(visit.school)
    return {(alt, day, min(schools), max(schools)) for (alt, day), schools in on_day.items() if len(schools) == 2}


@contextlib.contextmanager
def _stopping(solver: cp_model.CpSolver, stop: Callable[[], bool] | None) -> Iterator[None]:
    """While the search runs, a watcher thread asks `stop` five times a second and ends the search
    when it says so (CP-SAT's stop_search is safe to call from another thread)."""
    if stop is None:
        yield
        return
    done = threading.Event()

    def watch() -> None:
        while not done.wait(STOP_POLL_SECONDS):
            if stop():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, name="kakehashi-stop-watcher", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


def configured_solver(time_limit: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if workers == 1:
        # One worker is reproducible only if it stops on work done, not on the clock: deterministic
        # time runs at about 0.8 of wall time here, so half the limit ends first on a loaded machine too.
        solver.parameters.max_deterministic_time = max(0.01, time_limit * DETERMINISTIC_SHARE)
    return solver


def _objective(solution: Solution) -> int:
    assert solution.objective is not None
    return solution.objective
