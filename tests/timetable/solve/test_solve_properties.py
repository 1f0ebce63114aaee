"""Random small weeks: whatever the solver says must hold up against the checker, the scorer and,
for the smallest weeks, a brute force over every timetable."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from random_weeks import brute_force_optimum, weeks

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Instance, Status
from kakehashi.timetable.score import score
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.construct import construct

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(weeks())
def test_every_answer_is_a_valid_timetable_with_its_true_objective_or_a_justified_refusal(week: Instance) -> None:
    solution = solve(week, time_limit=2.0, workers=2)
    start = construct(week)
    if start is not None:
        assert check(week, start) == []
        assert start.objective == score(week, start).objective
    assert solution.status is not Status.UNKNOWN
    if solution.status is Status.INFEASIBLE:
        assert start is None
        assert solution.explanation and solution.visits == ()
        return
    assert check(week, solution) == []
    assert solution.objective == score(week, solution).objective
    assert solution.stats.get("model_objective", solution.objective) == solution.objective
    if start is not None:
        assert solution.objective >= start.objective  # type: ignore[operator]
    if solution.status is Status.OPTIMAL:
        assert solution.bound == solution.objective


@SETTINGS
@given(weeks(schools=2, alts=1, lessons=3, days=("mon", "tue")))
def test_the_proven_optimum_of_a_tiny_week_is_the_brute_force_optimum(week: Instance) -> None:
    solution = solve(week, time_limit=2.0, workers=2)
    best = brute_force_optimum(week)
    if best is None:
        assert solution.status is Status.INFEASIBLE
    else:
        assert solution.status is Status.OPTIMAL
        assert solution.objective == best
