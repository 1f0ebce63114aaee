"""The counting bound (solve/capacity_bound.py) is never below a timetable that keeps the rules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from random_weeks import brute_force_optimum, weeks
from timetable_builders import alt, instance, school

from kakehashi.timetable.format import parse_instance, parse_solution
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.generate_planted import TIGHTNESS, Tightness, plant
from kakehashi.timetable.instance import Instance, Status
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.capacity_bound import capacity_bound, school_capacity
from kakehashi.timetable.solve.eligibility import Eligibility

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from benchmarks.peers.greedy import solve_greedy

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(weeks(schools=2, alts=1, lessons=3, days=("mon", "tue")))
def test_no_timetable_of_a_tiny_week_beats_the_counting_bound(week: Instance) -> None:
    best = brute_force_optimum(week)
    if best is not None:
        assert capacity_bound(week) >= best


@SETTINGS
@given(weeks(two_school_days=True))
def test_the_solvers_timetables_never_beat_the_counting_bound(week: Instance) -> None:
    solution = solve(week, time_limit=1.0, workers=1)
    if solution.status in (Status.OPTIMAL, Status.FEASIBLE):
        assert solution.objective is not None and capacity_bound(week) >= solution.objective


@pytest.mark.parametrize("tightness", TIGHTNESS)
def test_planted_timetables_and_the_coordinators_never_beat_the_counting_bound(tightness: Tightness) -> None:
    week, planted = plant(generate_synthetic(schools=60, alts=18, seed=11, spread=2.0), tightness=tightness, seed=1)
    instance_ = parse_instance(week)
    bound = capacity_bound(instance_)
    assert bound >= (parse_solution(planted).objective or 0)
    assert bound >= (solve_greedy(instance_).objective or 0)


def test_a_school_with_one_alt_day_can_have_at_most_that_days_lessons_that_do_not_overlap() -> None:
    # Four lessons on Monday, two of them at the same time: one ALT-day joins at most three.
    week = instance([school("S1", lessons=[("1-1", "mon", "1"), ("1-2", "mon", "1"), ("2-1", "mon", "2"),
                                           ("2-2", "mon", "3")], visit_days=(1, 1), max_alts=1)],
                    [alt("A1", classes=(0, 25))], travel=[("A1", "S1", 10)], days=["mon"])
    assert school_capacity(week.schools[0], Eligibility(week)) == 3
