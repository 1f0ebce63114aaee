"""The large-neighbourhood search and the parts of the week it re-plans."""

from __future__ import annotations

import time

import pytest

from kakehashi.timetable import solve as solve_module
from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.instance import Instance, Solution
from kakehashi.timetable.score import score
from kakehashi.timetable.solve.construct import construct
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.model import TimetableModel
from kakehashi.timetable.solve.search import improve, replan
from kakehashi.timetable.solve.subproblem import carve, merge


def generated(seed: int, schools: int = 10, alts: int = 3) -> tuple[Instance, Solution]:
    instance = parse_instance(generate_synthetic(schools=schools, alts=alts, seed=seed))
    start = construct(instance, Eligibility(instance))
    assert start is not None
    return instance, start


def test_a_carved_part_merged_back_unchanged_is_the_same_week() -> None:
    instance, start = generated(1)
    first = instance.alts[0].id
    part = carve(instance, start, {day: {first} for day in instance.days})
    same = merge(instance, part, [v for v in start.visits if v.alt == first],
                 [a for a in start.lessons if a.alt == first])
    assert set(same.visits) == set(start.visits) and set(same.lessons) == set(start.lessons)
    assert same.objective == score(instance, start).objective


def test_a_part_is_scored_as_the_whole_week_would_be() -> None:
    # Whatever the part gains or loses in its own objective, the whole week gains or loses the same.
    instance, start = generated(2)
    first = instance.alts[0].id
    part = carve(instance, start, {day: {first} for day in instance.days})

    def part_objective(keep_as_is: bool) -> tuple[int, Solution]:
        model = TimetableModel(part.instance, offsets=part.offsets)
        model.add_rules()
        model.objective()
        if keep_as_is:
            visits = {(v.alt, v.day, v.school) for v in start.visits if v.alt == first}
            joins = {(a.alt, a.lesson) for a in start.lessons if a.alt == first}
            for key, var in model.variables.visit.items():
                model.model.add(var == int(key in visits))
            for key, var in model.variables.join.items():
                model.model.add(var == int(key in joins))
        result = model.solve(time_limit=5, workers=1, seed=0)
        return result.stats["model_objective"], merge(instance, part, result.visits, result.lessons)

    before, week_before = part_objective(keep_as_is=True)
    after, week_after = part_objective(keep_as_is=False)
    assert week_before.objective == score(instance, start).objective
    assert after - before == (week_after.objective or 0) - (week_before.objective or 0)
    assert after >= before


@pytest.mark.parametrize("seed", [1, 3])
def test_the_search_returns_a_valid_week_never_worse_than_its_start(seed: int) -> None:
    instance, start = generated(seed)
    best, counts = improve(instance, start, eligibility=Eligibility(instance), deadline=time.monotonic() + 20,
                           workers=1, seed=seed, max_steps=4)
    assert counts["steps"] == 4
    assert check(instance, best) == []
    assert (best.objective or 0) >= (start.objective or 0)
    assert best.objective == score(instance, best).objective


def test_the_search_with_one_worker_and_a_fixed_number_of_steps_is_reproducible() -> None:
    instance, start = generated(4)
    runs = [improve(instance, start, eligibility=Eligibility(instance), deadline=time.monotonic() + 20,
                    workers=1, seed=7, max_steps=3)[0] for _ in range(2)]
    assert runs[0].visits == runs[1].visits and runs[0].lessons == runs[1].lessons


def test_solve_searches_neighbourhoods_when_the_week_is_too_large_for_one_model(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(solve_module, "FULL_MODEL_VISITS", 0)
    instance, _ = generated(5, schools=8)
    solution = solve_module.solve(instance, time_limit=4, workers=1, seed=0)
    assert solution.stats["strategy"] == "lns"
    # The search proves nothing itself; the bound is the tighter of the counting bounds (capacity_bound.py,
    # and alt_day_bound.py when it finishes in its share of the time: on a busy machine it may not), or the
    # relaxation's (bound.py) where that is tighter. A 4-second solve does not try the relaxation.
    assert solution.stats["relaxation"] == "not tried: too short a time limit"
    counted = [solution.stats["capacity_bound"], solution.stats.get("alt_day_bound")]
    assert solution.bound == min(bound for bound in counted if bound is not None)
    assert check(instance, solution) == []
    assert solution.objective == score(instance, solution).objective


def test_a_caller_can_stop_a_long_solve_and_still_gets_a_valid_week() -> None:
    instance = parse_instance(generate_synthetic(schools=30, alts=9, seed=2))
    began = time.monotonic()
    solution = solve_module.solve(instance, time_limit=120, workers=2, stop=lambda: time.monotonic() - began > 2)
    assert solution.stats["stopped_by_caller"] is True
    assert check(instance, solution) == []


def test_a_re_plan_with_the_whole_weeks_travel_memo_finds_what_a_fresh_one_finds_and_fills_the_memo() -> None:
    # A part has the same schools, homes and travel settings as the week, so the week's memo of travel
    # minutes serves it (and the next part) instead of recomputing every pair each step.
    instance, start = generated(5, schools=14, alts=4)
    shared = Eligibility(instance).travel
    alts = [alt.id for alt in instance.alts[:2]]
    fresh, _ = replan(instance, start, alts, 10, 1, 3)
    memo, _ = replan(instance, start, alts, 10, 1, 3, travel=shared)
    assert fresh is not None and memo is not None
    assert (fresh.visits, fresh.lessons) == (memo.visits, memo.lessons)
    assert shared._cache
