"""The ALT-day bound (solve/alt_day_bound.py) is never below a timetable that keeps the rules, and is exact
on small weeks where what limits the week is its ALT-days, its visit days or its ALTs per day."""

from __future__ import annotations

import sys
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from random_weeks import brute_force_optimum, weeks
from timetable_builders import alt, instance, school

from kakehashi.timetable.format import parse_instance, parse_solution
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.generate_planted import Tightness, plant
from kakehashi.timetable.instance import Instance, Status
from kakehashi.timetable.solve import alt_day_bound as alt_day_bound_module
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.alt_day_bound import alt_day_bound
from kakehashi.timetable.solve.capacity_bound import capacity_bound

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from benchmarks.peers.greedy import solve_greedy

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(weeks(schools=2, alts=1, lessons=3, days=("mon", "tue")))
def test_no_timetable_of_a_tiny_week_beats_the_alt_day_bound(week: Instance) -> None:
    best = brute_force_optimum(week)
    if best is not None:
        assert alt_day_bound(week) >= best


@SETTINGS
@given(weeks(schools=2, alts=1, lessons=3, days=("mon", "tue")))
def test_a_school_with_too_many_visit_patterns_gets_rows_above_all_of_them(week: Instance) -> None:
    best = brute_force_optimum(week)
    with patch.object(alt_day_bound_module, "MOST_PATTERNS", 0):
        bound = alt_day_bound(week)
    if best is not None:
        assert bound is not None and bound >= best


@SETTINGS
@given(weeks(two_school_days=True))
def test_the_solvers_timetables_never_beat_the_alt_day_bound(week: Instance) -> None:
    solution = solve(week, time_limit=1.0, workers=1)
    if solution.status in (Status.OPTIMAL, Status.FEASIBLE):
        assert solution.objective is not None and alt_day_bound(week) >= solution.objective


@pytest.mark.parametrize(("tightness", "seed", "spread"), [
    ("loose", 3, 1.0), ("normal", 4, 1.0), ("exact", 5, 1.0), ("loose", 6, 3.0), ("normal", 7, 3.0),
    ("exact", 8, 3.0)])
def test_planted_timetables_the_coordinators_and_ours_never_beat_the_bound_ours_reports(
        tightness: Tightness, seed: int, spread: float) -> None:
    week, planted = plant(generate_synthetic(schools=20, alts=6, seed=seed, spread=spread), tightness=tightness,
                          seed=seed)
    instance_ = parse_instance(week)
    ours = solve(instance_, time_limit=2.0, workers=1, seed=seed)
    bound = alt_day_bound(instance_)
    valid = [parse_solution(planted).objective or 0, solve_greedy(instance_).objective or 0, ours.objective or 0]
    assert bound is not None and bound >= max(valid)
    # Inside the solve the bound has a share of the time: cut short it is looser (or, before every school's
    # patterns are built, none), never below a timetable; the solve reports the smallest bound it has.
    assert ours.bound is not None and ours.bound >= max(valid)
    in_solve = ours.stats["alt_day_bound"]
    assert in_solve is None or (in_solve >= max(valid) and ours.bound <= in_solve)
    assert ours.bound <= ours.stats["capacity_bound"]


def test_one_alt_day_goes_to_the_school_where_it_is_worth_most() -> None:
    # One ALT, one day, one school a day: both schools' lessons fit in the ALT's week, but not in their day.
    week = instance([school("S1", lessons=[("1-1", "mon", "1"), ("1-2", "mon", "2")], visit_days=(0, 1)),
                     school("S2", lessons=[("1-1", "mon", "1"), ("1-2", "mon", "2")], weights={"1-1": 2, "1-2": 2},
                            visit_days=(0, 1))],
                    [alt("A1")], travel=[("A1", "S1", 10), ("A1", "S2", 10)], days=["mon"])
    best = 2000 + 2000 - 2 * 2 * 10  # both S2 lessons, less the commute there and back
    assert brute_force_optimum(week) == best
    assert alt_day_bound(week) == best
    assert capacity_bound(week) > best  # the counting bound pools the lessons and cannot see the day run out


def test_a_school_with_one_visit_day_reaches_only_the_classes_of_that_day() -> None:
    # Class 1-1 has two lessons on Monday, class 1-2 one on Tuesday; one visit day: Monday is worth more.
    week = instance([school("S1", lessons=[("1-1", "mon", "1"), ("1-1", "mon", "2"), ("1-2", "tue", "1")],
                            visit_days=(0, 1), max_alts=1)],
                    [alt("A1")], travel=[("A1", "S1", 10)], days=["mon", "tue"])
    best = 1000 + 500 - 2 * 2 * 10
    assert brute_force_optimum(week) == best
    assert alt_day_bound(week) == best
    assert capacity_bound(week) > best  # it counts one lesson of each class, on different days


def test_two_alts_on_one_day_pay_for_the_second_alt() -> None:
    # Two lessons at the same time: covering both takes two ALTs that day, and the second costs extra_alt.
    week = instance([school("S1", lessons=[("1-1", "mon", "1"), ("1-2", "mon", "1")], visit_days=(0, 2))],
                    [alt("A1"), alt("A2")], travel=[("A1", "S1", 10), ("A2", "S1", 10)], days=["mon"])
    best = 1000 + 1000 - 2 * (2 * 2 * 10) - 300
    assert brute_force_optimum(week) == best
    assert alt_day_bound(week) == best


def test_an_alt_whose_minimum_cannot_be_met_costs_at_least_the_shortfall() -> None:
    week = instance([school("S1", lessons=[("1-1", "mon", "1"), ("1-1", "mon", "2"), ("1-2", "tue", "1")],
                            visit_days=(0, 1), max_alts=1)],
                    [alt("A1", classes=(4, 25))], travel=[("A1", "S1", 10)], days=["mon", "tue"])
    best = 1000 + 500 - 2 * 2 * 10 - (4 - 2) * 400
    assert brute_force_optimum(week) == best
    assert alt_day_bound(week) == best
