"""Tight contracts the greedy construction cannot meet still get a valid timetable: visits first."""

from __future__ import annotations

import pytest

from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.generate_planted import plant
from kakehashi.timetable.instance import Status
from kakehashi.timetable.score import score
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.construct import construct
from kakehashi.timetable.solve.construct_visits import construct_by_visits
from kakehashi.timetable.solve.eligibility import Eligibility


@pytest.mark.parametrize(("schools", "tightness", "seed"), [(30, "exact", 3), (100, "normal", 3)])
def test_the_visits_first_construction_meets_contracts_the_greedy_one_cannot(
        schools: int, tightness: str, seed: int) -> None:
    week, _planted = plant(generate_synthetic(schools=schools, alts=round(schools / 3.3), seed=seed),
                           tightness=tightness, seed=5)  # type: ignore[arg-type]
    instance = parse_instance(week)
    eligibility = Eligibility(instance)
    assert construct(instance, eligibility) is None  # the case this construction exists for
    stats: dict[str, object] = {}
    solution = construct_by_visits(instance, eligibility, time_limit=20, workers=1, seed=0, stats=stats)
    assert solution is not None, stats
    assert check(instance, solution) == []
    assert solution.objective == score(instance, solution).objective


def test_solve_answers_a_planted_exact_week_with_a_timetable_not_unknown() -> None:
    week, _planted = plant(generate_synthetic(schools=30, alts=9, seed=3), tightness="exact", seed=5)
    instance = parse_instance(week)
    solution = solve(instance, time_limit=10, workers=1)
    assert solution.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert check(instance, solution) == []
    assert solution.stats["construction"] == "visits model"


def test_a_limit_too_short_for_both_constructions_still_gets_the_greedy_week_late_rather_than_none() -> None:
    # The demo on a machine busy with other work: the greedy construction's share of a tiny limit runs
    # out during the minimums and the visits model finds nothing in its share either.
    instance = parse_instance(generate_synthetic(schools=40, alts=12, seed=6))
    solution = solve(instance, time_limit=0.005, workers=1)
    assert solution.status in (Status.OPTIMAL, Status.FEASIBLE), solution.explanation
    assert check(instance, solution) == []
    assert solution.stats["construction"] == "greedy, finished after its deadline"
