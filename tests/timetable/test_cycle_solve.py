"""The cycle solver gives valid cycle timetables: on the hand-written cycle, on generated cycles planted
around a cycle timetable that exists, and on a week read as a one-week cycle."""

from __future__ import annotations

import pytest
from cycle_builders import small_cycle
from week_builders import alt, instance_doc, school

from kakehashi.timetable import generate
from kakehashi.timetable.cycle.check import check_cycle_report
from kakehashi.timetable.cycle.format import parse_cycle, parse_cycle_solution
from kakehashi.timetable.cycle.generate import cycle_from_week
from kakehashi.timetable.cycle.plan_visits import plan_cycle_visits
from kakehashi.timetable.cycle.solve import solve_cycle
from kakehashi.timetable.cycle.split import split_visit_days
from kakehashi.timetable.instance import Status, VisitDays


def test_the_hand_written_cycle_is_solved_validly_with_its_true_objective() -> None:
    cycle = small_cycle()
    solution = solve_cycle(cycle, time_limit=5, workers=1)
    report = check_cycle_report(cycle, solution)
    assert solution.status is Status.FEASIBLE
    assert report.violations == ()
    assert report.objective_matches


def test_a_two_day_cycle_contract_is_shared_one_day_a_week() -> None:
    shares = split_visit_days(small_cycle())
    assert shares[1]["S02"] == VisitDays(1, 1) and shares[2]["S02"] == VisitDays(1, 1)


def test_a_one_day_cycle_contract_goes_to_one_week_and_its_room_to_the_other() -> None:
    shares = split_visit_days(small_cycle())
    assert sorted([shares[1]["S01"], shares[2]["S01"]], key=lambda v: v.min) == [VisitDays(0, 1), VisitDays(1, 1)]


def test_a_school_with_one_alt_per_cycle_gets_the_same_alt_in_every_week() -> None:
    cycle = small_cycle()
    solution = solve_cycle(cycle, time_limit=5, workers=1)
    assert len({v.alt for v in solution.visits if v.school == "S02"}) == 1


def test_a_week_solved_as_a_one_week_cycle_keeps_the_week_solvers_status() -> None:
    cycle = parse_cycle(instance_doc([school(1, visit_min=1)], [alt(1)]))
    solution = solve_cycle(cycle, time_limit=5, workers=1)
    assert solution.status is Status.OPTIMAL
    assert check_cycle_report(cycle, solution).accepted


def test_a_cycle_week_that_cannot_be_solved_says_which_week() -> None:
    # S02 wants two days a cycle from its one ALT, but nobody may teach junior high.
    cycle = small_cycle(alts=[alt(1, levels=["elementary"])])
    solution = solve_cycle(cycle, time_limit=3, workers=1)
    assert solution.status is Status.UNKNOWN
    assert solution.explanation[0].startswith("Cycle week 1, with its share of each school's days: ")


@pytest.mark.parametrize(("weeks", "tightness", "seed"), [(2, "normal", 1), (2, "exact", 2), (3, "loose", 3)])
def test_generated_cycles_planted_around_a_timetable_are_solved_validly(weeks: int, tightness: str, seed: int) -> None:
    week = generate.generate_synthetic(schools=14, alts=5, seed=seed)
    document, planted = cycle_from_week(week, weeks=weeks, seed=seed, planted=tightness)  # type: ignore[arg-type]
    cycle = parse_cycle(document)
    assert planted is not None and check_cycle_report(cycle, parse_cycle_solution(planted)).accepted
    solution = solve_cycle(cycle, time_limit=4, workers=1, seed=seed)
    report = check_cycle_report(cycle, solution)
    assert [v.message for v in report.violations] == []
    assert report.objective_matches


def test_the_visit_plan_keeps_each_schools_cycle_contract_and_its_alts() -> None:
    week = generate.generate_synthetic(schools=16, alts=5, seed=8)
    cycle = parse_cycle(cycle_from_week(week, weeks=2, seed=8, planted="normal")[0])
    plan = plan_cycle_visits(cycle, time_limit=10, workers=1, seed=0)
    assert plan is not None
    for one in cycle.base.schools:
        days = [v for visits in plan.visits.values() for v in visits if v.school == one.id]
        assert one.visit_days.min <= len(days) <= one.visit_days.max
        assert {v.alt for v in days} == plan.alts_at[one.id] and len(plan.alts_at[one.id]) <= one.max_alts
    for week_number, visits in plan.visits.items():
        alt_days = [(v.alt, v.day) for v in visits]
        assert len(alt_days) == len(set(alt_days)), f"one school a day in week {week_number}"
