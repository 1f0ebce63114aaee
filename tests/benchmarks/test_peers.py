"""The two peers of the benchmark produce real timetables: the checker accepts what they claim."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.peers.greedy import solve_greedy
from benchmarks.peers.plain_cpsat import solve_plain

from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.generate_planted import Tightness, plant
from kakehashi.timetable.instance import Status
from kakehashi.timetable.score import score


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_greedy_coordinator_honours_every_contract(seed: int) -> None:
    instance = parse_instance(generate_synthetic(schools=12, alts=4, seed=seed))
    solution = solve_greedy(instance)
    assert check(instance, solution) == []
    assert solution.objective == score(instance, solution).objective
    assert solution.lessons


@pytest.mark.parametrize(("schools", "tightness", "seed"), [(30, "normal", 3), (30, "exact", 3), (60, "exact", 7)])
def test_the_greedy_coordinator_meets_tight_contracts_by_moving_days(schools: int, tightness: Tightness,
                                                                     seed: int) -> None:
    # Written around a planted week, these contracts leave no ALT-day to spare: the first pass alone
    # leaves a school short, and only moving a day from another school meets every minimum.
    week, _planted = plant(generate_synthetic(schools=schools, alts=round(schools / 3.3), seed=seed),
                           tightness=tightness, seed=5)
    instance = parse_instance(week)
    solution = solve_greedy(instance)
    assert check(instance, solution) == []


def test_the_greedy_coordinator_places_fixed_visits_first() -> None:
    document = generate_synthetic(schools=8, alts=3, seed=4)
    instance = parse_instance(document)
    solution = solve_greedy(instance)
    assert {(f.alt, f.day, f.school) for f in instance.fixed} <= {(v.alt, v.day, v.school) for v in solution.visits}


@pytest.mark.parametrize("seed", [1, 2])
def test_the_plain_cp_sat_model_returns_a_valid_timetable_with_its_true_objective(seed: int) -> None:
    # Weeks it proves optimal in a second or two on a quiet machine; the limit is only a ceiling, so
    # that a busy machine (CI beside other work) still gives it time to find one.
    instance = parse_instance(generate_synthetic(schools=5, alts=2, seed=seed))
    solution = solve_plain(instance, time_limit=60, workers=1)
    assert solution.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert check(instance, solution) == []
    assert solution.objective == score(instance, solution).objective
