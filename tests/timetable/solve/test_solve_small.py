"""Hand-made weeks whose best timetable is known by hand: the solver must find it and prove it."""

from __future__ import annotations

from timetable_builders import alt, fixed, instance, school

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Instance, Solution, Status
from kakehashi.timetable.score import score
from kakehashi.timetable.solve import Progress, solve


def solved(week: Instance, **options: float) -> Solution:
    """Solve, and hold the answer to the independent checker and scorer before anything else."""
    solution = solve(week, time_limit=options.get("time_limit", 5.0), workers=int(options.get("workers", 2)))
    assert check(week, solution) == []
    assert solution.objective == score(week, solution).objective
    assert solution.stats.get("model_objective", solution.objective) == solution.objective
    return solution


def lessons_of(solution: Solution) -> set[str]:
    return {assignment.lesson for assignment in solution.lessons}


def schools_on(solution: Solution, alt_id: str, day: str) -> set[str]:
    return {v.school for v in solution.visits if v.alt == alt_id and v.day == day}


def test_one_school_and_one_alt_gets_the_hand_computed_optimum() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1"), ("1-2", "mon", "1"), ("1-1", "tue", "2")])],
                    [alt("A01")], travel=[("A01", "S01", 10)])
    solution = solved(week)
    # Monday 1-2 and Tuesday 1-1 (2 x 1000), two days of 2 x 10 minutes at 2 a minute.
    assert solution.status is Status.OPTIMAL
    assert solution.objective == 2000 - 80
    assert solution.bound == solution.objective
    assert lessons_of(solution) == {"S01/1-2/mon/1", "S01/1-1/tue/2"}


def test_an_alt_lesson_goes_to_a_second_class_before_a_class_gets_two() -> None:
    week = instance([school("S01", lessons=[("A", "mon", "1"), ("A", "mon", "2"), ("B", "mon", "3")])],
                    [alt("A01", max_classes_per_day=2)], travel=[("A01", "S01", 10)])
    solution = solved(week)
    assert solution.status is Status.OPTIMAL
    assert solution.objective == 1000 + 1000 - 40
    assert "S01/B/mon/3" in lessons_of(solution)


def test_the_second_lesson_of_a_class_is_worth_half_the_first() -> None:
    week = instance([school("S01", lessons=[("A", "mon", "1"), ("A", "mon", "2")], weights={"A": 3})],
                    [alt("A01")], travel=[("A01", "S01", 10)])
    solution = solved(week)
    assert solution.objective == 3000 + 1500 - 40


def test_a_two_school_day_is_used_when_it_beats_one_school() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1")]), school("S02", lessons=[("1-1", "mon", "5")])],
                    [alt("A01", max_schools_per_day=2)],
                    travel=[("A01", "S01", 10), ("A01", "S02", 10), ("S01", "S02", 20)], days=["mon"])
    solution = solved(week)
    assert solution.status is Status.OPTIMAL
    assert schools_on(solution, "A01", "mon") == {"S01", "S02"}
    # Home → S01 → S02 → home is 10 + 20 + 10 minutes.
    assert solution.objective == 2000 - 2 * 40


def test_a_two_school_day_is_impossible_when_the_gap_is_shorter_than_the_journey() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1")]),
                     school("S02", lessons=[("1-1", "mon", "2")], weights={"1-1": 2})],
                    [alt("A01", max_schools_per_day=2)],
                    travel=[("A01", "S01", 10), ("A01", "S02", 10), ("S01", "S02", 20)], days=["mon"])
    solution = solved(week)
    # Period 1 ends 09:35 and period 2 starts 09:45: ten minutes, not the twenty it takes.
    assert solution.status is Status.OPTIMAL
    assert schools_on(solution, "A01", "mon") == {"S02"}
    assert solution.objective == 2000 - 40


def test_a_gap_exactly_as_long_as_the_journey_is_enough() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1")]),
                     school("S02", lessons=[("1-1", "mon", "2")], weights={"1-1": 2})],
                    [alt("A01", max_schools_per_day=2)],
                    travel=[("A01", "S01", 10), ("A01", "S02", 10), ("S01", "S02", 10)], days=["mon"])
    solution = solved(week)
    assert schools_on(solution, "A01", "mon") == {"S01", "S02"}
    assert solution.objective == 3000 - 2 * 30


def test_an_alt_short_of_their_weekly_minimum_costs_the_shortfall() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1")])], [alt("A01", classes=(3, 25))],
                    travel=[("A01", "S01", 10)])
    solution = solved(week)
    assert solution.objective == 1000 - 40 - 2 * 400


def test_a_second_alt_at_a_school_costs_the_extra_alt_weight() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1"), ("1-2", "tue", "1")], visit_days=(2, 2))],
                    [alt("A01", unavailable_days=["tue"]), alt("A02", unavailable_days=["mon"])],
                    travel=[("A01", "S01", 10), ("A02", "S01", 10)], days=["mon", "tue"])
    solution = solved(week)
    assert solution.status is Status.OPTIMAL
    assert solution.objective == 2000 - 80 - 300


def test_a_fixed_visit_happens_even_when_it_does_not_pay() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1")]), school("S02", lessons=[("1-1", "mon", "2")])],
                    [alt("A01")], travel=[("A01", "S01", 10), ("A01", "S02", 30)],
                    fixed=fixed(("A01", "tue", "S02")))
    solution = solved(week)
    assert schools_on(solution, "A01", "tue") == {"S02"}
    assert solution.objective == 1000 - 40 - 120


def test_an_empty_week_is_an_optimal_empty_timetable() -> None:
    week = instance([school("S01", lessons=[])], [alt("A01")])
    solution = solved(week)
    assert solution.status is Status.OPTIMAL
    assert solution.visits == () and solution.objective == 0


def test_visits_and_lessons_come_sorted_and_the_stats_carry_the_timings() -> None:
    week = instance([school("S01", lessons=[("1-1", "tue", "1"), ("1-2", "mon", "3"), ("1-3", "mon", "1")]),
                     school("S02", lessons=[("1-1", "mon", "2")])],
                    [alt("A02"), alt("A01")], travel=[("A01", "S01", 10), ("A02", "S02", 10)])
    solution = solved(week)
    assert list(solution.visits) == sorted(solution.visits, key=lambda v: (v.alt, ["mon", "tue"].index(v.day),
                                                                              v.school))
    assert [a.alt for a in solution.lessons] == sorted(a.alt for a in solution.lessons)
    for key in ("construct_seconds", "solve_seconds", "construction_objective", "total_seconds"):
        assert key in solution.stats


def test_progress_hears_of_each_better_timetable() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1"), ("1-2", "tue", "2")])], [alt("A01")],
                    travel=[("A01", "S01", 10)])
    heard: list[Progress] = []
    solution = solve(week, time_limit=5, progress=heard.append)
    assert heard and heard[-1].objective == solution.objective
    assert all(p.bound is None or p.bound >= p.objective for p in heard)


def test_the_same_seed_with_one_worker_gives_the_same_timetable() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1"), ("1-2", "mon", "1"), ("1-1", "tue", "2")]),
                     school("S02", lessons=[("1-1", "mon", "1"), ("1-2", "tue", "1")])],
                    [alt("A01"), alt("A02")],
                    travel=[("A01", "S01", 10), ("A01", "S02", 12), ("A02", "S01", 15), ("A02", "S02", 9)])
    first = solve(week, time_limit=5, workers=1, seed=7)
    second = solve(week, time_limit=5, workers=1, seed=7)
    assert (first.visits, first.lessons, first.objective) == (second.visits, second.lessons, second.objective)


def test_a_valid_hint_is_used_and_an_invalid_one_is_ignored() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1")])], [alt("A01")], travel=[("A01", "S01", 10)])
    good = solve(week, time_limit=5)
    again = solve(week, time_limit=5, hint=good)
    assert again.stats["hint_objective"] == good.objective
    broken = Solution(Status.FEASIBLE, good.visits, (*good.lessons, *good.lessons[:1]))
    assert "hint_ignored" in solve(week, time_limit=5, hint=broken).stats
