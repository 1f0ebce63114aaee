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
from kakehashi.timetable.instance import Status
from kakehashi.timetable.score import score


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_greedy_coordinator_breaks_no_rule_but_perhaps_a_contract_minimum(seed: int) -> None:
    instance = parse_instance(generate_synthetic(schools=12, alts=4, seed=seed))
    solution = solve_greedy(instance)
    assert {v.rule for v in check(instance, solution)} <= {10}
    assert not [v for v in check(instance, solution) if v.rule == 10 and "more than" in v.message]
    assert solution.objective == score(instance, solution).objective
    assert solution.lessons


def test_the_greedy_coordinator_places_fixed_visits_first() -> None:
    document = generate_synthetic(schools=8, alts=3, seed=4)
    instance = parse_instance(document)
    solution = solve_greedy(instance)
    assert {(f.alt, f.day, f.school) for f in instance.fixed} <= {(v.alt, v.day, v.school) for v in solution.visits}


@pytest.mark.parametrize("seed", [1, 2])
def test_the_plain_cp_sat_model_returns_a_valid_timetable_with_its_true_objective(seed: int) -> None:
    instance = parse_instance(generate_synthetic(schools=8, alts=3, seed=seed))
    solution = solve_plain(instance, time_limit=3, workers=1)
    assert solution.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert check(instance, solution) == []
    assert solution.objective == score(instance, solution).objective
