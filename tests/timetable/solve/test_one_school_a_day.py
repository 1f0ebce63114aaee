"""Small weeks with two-school days allowed: the one-school-a-day week is solved first, as a start."""

from __future__ import annotations

from timetable_builders import alt, fixed, instance, school

from kakehashi.timetable.check import check
from kakehashi.timetable.solve import solve


def test_a_small_week_with_two_school_days_starts_from_its_one_school_a_day_timetable() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1"), ("1-2", "tue", "2")]),
                     school("S02", lessons=[("1-1", "mon", "5"), ("1-1", "wed", "3")])],
                    [alt("A01", max_schools_per_day=2), alt("A02")],
                    travel=[("A01", "S01", 10), ("A01", "S02", 10), ("S01", "S02", 20),
                            ("A02", "S01", 15), ("A02", "S02", 15)])
    solution = solve(week, time_limit=5, workers=2)
    assert check(week, solution) == []
    assert solution.stats["one_a_day_status"] in ("OPTIMAL", "FEASIBLE")
    assert (solution.objective or 0) >= solution.stats["one_a_day_objective"]


def test_the_two_school_day_is_still_found_after_the_one_school_a_day_start() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1")]), school("S02", lessons=[("1-1", "mon", "5")])],
                    [alt("A01", max_schools_per_day=2)],
                    travel=[("A01", "S01", 10), ("A01", "S02", 10), ("S01", "S02", 20)], days=["mon"])
    solution = solve(week, time_limit=5, workers=2)
    assert {v.school for v in solution.visits} == {"S01", "S02"}
    assert solution.stats["one_a_day_objective"] < (solution.objective or 0)


def test_a_week_with_a_fixed_two_school_day_skips_the_one_school_a_day_start() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1")]), school("S02", lessons=[("1-1", "mon", "5")])],
                    [alt("A01", max_schools_per_day=2)],
                    travel=[("A01", "S01", 10), ("A01", "S02", 10), ("S01", "S02", 20)], days=["mon"],
                    fixed=fixed(("A01", "mon", "S01"), ("A01", "mon", "S02")))
    solution = solve(week, time_limit=5, workers=2)
    assert check(week, solution) == []
    assert "one_a_day_status" not in solution.stats


def test_a_week_where_nobody_may_visit_two_schools_a_day_has_no_separate_start() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1")])], [alt("A01")], travel=[("A01", "S01", 10)])
    assert "one_a_day_status" not in solve(week, time_limit=5, workers=2).stats
