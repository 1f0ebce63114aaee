"""The CP-SAT model against the spec: every valid timetable fits it with the spec's objective,
its hints are complete and in range, and its rule helpers do what their docstrings say."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from ortools.sat.python import cp_model
from random_weeks import weeks
from timetable_builders import alt, instance, school

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Instance, Lesson, Solution, Status
from kakehashi.timetable.score import score
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.construct import construct
from kakehashi.timetable.solve.hint import hint_values
from kakehashi.timetable.solve.model import TimetableModel
from kakehashi.timetable.solve.rules.rule5_no_overlap import maximal_cliques

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def pinned_objective(week: Instance, timetable: Solution, **model_options: int) -> int | None:
    """The model's objective with every variable fixed to the hint read off `timetable`, or None if
    the model refuses that assignment."""
    model = TimetableModel(week, **model_options)  # type: ignore[arg-type]
    model.add_rules()
    model.objective()
    for var, value in hint_values(model.variables, timetable):
        domain = list(var.proto.domain)
        assert any(domain[i] <= value <= domain[i + 1] for i in range(0, len(domain), 2)), (var, value)
        model.model.add(var == value)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5
    solver.parameters.num_workers = 1
    if solver.solve(model.model) != cp_model.OPTIMAL:
        return None
    return round(solver.objective_value)


@SETTINGS
@given(weeks(two_school_days=True, days=("mon", "tue")))
def test_every_timetable_the_solver_returns_fits_the_model_with_its_spec_objective(week: Instance) -> None:
    solution = solve(week, time_limit=2.0)
    if solution.status in (Status.OPTIMAL, Status.FEASIBLE):
        assert pinned_objective(week, solution) == score(week, solution).objective


@SETTINGS
@given(weeks())
def test_every_construction_is_a_complete_hint_with_the_spec_objective(week: Instance) -> None:
    start = construct(week)
    if start is not None:
        assert check(week, start) == []
        assert pinned_objective(week, start) == start.objective == score(week, start).objective


def test_a_two_school_day_fits_the_model_in_either_order_of_listing() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "5")]), school("S02", lessons=[("1-1", "mon", "1")])],
                    [alt("A01", max_schools_per_day=2)],
                    travel=[("A01", "S01", 10), ("A01", "S02", 10), ("S01", "S02", 20)], days=["mon"])
    solution = solve(week, time_limit=5)
    assert len(solution.visits) == 2
    assert pinned_objective(week, solution) == solution.objective == 2000 - 80


def test_a_pair_budget_keeps_the_pairs_of_the_starting_timetable_and_claims_no_optimum() -> None:
    # A morning lesson at S01 and S03, an afternoon one at S02 and S04; S03 then S04 is worth most.
    week = instance([school(f"S0{i}", lessons=[("1-1", "mon", "1" if i % 2 else "5")], weights={"1-1": i},
                            lat=36.3 + i / 100) for i in range(1, 5)],
                    [alt("A01", max_schools_per_day=2)], days=["mon"])
    full = solve(week, time_limit=5)
    assert full.status is Status.OPTIMAL and {v.school for v in full.visits} == {"S03", "S04"}
    model = TimetableModel(week, pair_budget=1, keep=full)
    assert not model.exact
    pair = {(v.alt, v.day) for v in full.visits}
    assert {key[:2] for key in model.variables.pair} == pair
    model.add_rules()
    model.objective()
    restricted = model.solve(time_limit=5, workers=1, seed=0)
    assert restricted.status is Status.FEASIBLE and restricted.bound is None
    assert restricted.objective == full.objective


def lesson(start: int, end: int, name: str) -> Lesson:
    return Lesson(name, "S01", "1-1", "mon", name, start, end)


def test_overlapping_lessons_form_maximal_cliques_at_start_times() -> None:
    a, b, c, d = lesson(0, 50, "a"), lesson(40, 90, "b"), lesson(45, 60, "c"), lesson(90, 100, "d")
    cliques = maximal_cliques([(x, x.id) for x in (a, b, c, d)])
    # d touches b only at b's end, which is no overlap; a alone is inside the clique {a, b, c}.
    assert cliques == [["a", "b", "c"]]


def test_lessons_at_the_same_period_form_one_clique() -> None:
    same = [lesson(0, 45, f"x{i}") for i in range(3)]
    assert maximal_cliques([(x, x.id) for x in same]) == [["x0", "x1", "x2"]]
