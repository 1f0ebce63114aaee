"""Small weeks with two-school days allowed: the one-school-a-day week is solved first, as a start."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import pytest
from timetable_builders import alt, fixed, instance, school

import kakehashi.timetable.solve as solve_module
from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Assignment, Instance, Solution, Status, Visit
from kakehashi.timetable.score import score
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


def _two_school_monday() -> Instance:
    """One ALT, one day, two schools: the best week visits both (a two-school day), S02 alone beats S01 alone."""
    return instance([school("S01", lessons=[("1-1", "mon", "1")]),
                     school("S02", lessons=[("1-1", "mon", "5")], weights={"1-1": 2})],
                    [alt("A01", max_schools_per_day=2)],
                    travel=[("A01", "S01", 10), ("A01", "S02", 10), ("S01", "S02", 20)], days=["mon"])


def test_when_the_one_school_a_day_phase_leaves_too_little_time_its_timetable_is_the_answer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    week = _two_school_monday()
    one_school = Solution(Status.FEASIBLE, (Visit("A01", "mon", "S02"),), (Assignment("A01", "S02/1-1/mon/5"),))
    one_school = replace(one_school, objective=score(week, one_school).objective)
    monkeypatch.setattr(solve_module, "_one_school_a_day", lambda *args, **kwargs: one_school)
    # As if the one-school-a-day phase had used the time: the whole-week model is not built.
    monkeypatch.setattr(solve_module, "_time_for_whole_week", lambda *args: False)
    monkeypatch.setattr(solve_module, "construct", lambda *args, **kwargs: None)
    monkeypatch.setattr(solve_module, "construct_by_visits", _only_school("S01"))
    solution = solve(week, time_limit=5, workers=1)
    assert check(week, solution) == []
    assert solution.visits == one_school.visits
    assert solution.stats["whole_week_model"] == "not tried: too little time left"
    assert "cp_sat_status" not in solution.stats
    assert "every ALT at one school a day" in solution.explanation[0]


def test_when_the_one_school_a_day_phase_finds_nothing_the_whole_week_model_still_gets_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    week = _two_school_monday()
    monkeypatch.setattr(solve_module, "_one_school_a_day", lambda *args, **kwargs: None)
    monkeypatch.setattr(solve_module, "construct", lambda *args, **kwargs: None)
    monkeypatch.setattr(solve_module, "construct_by_visits", _only_school("S01"))
    solution = solve(week, time_limit=5, workers=1)
    assert check(week, solution) == []
    assert {v.school for v in solution.visits} == {"S01", "S02"}
    assert solution.stats["cp_sat_status"] == "OPTIMAL"


def test_a_worse_one_school_a_day_timetable_does_not_replace_the_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    week = _two_school_monday()
    empty = Solution(Status.FEASIBLE, (), (), objective=0)
    monkeypatch.setattr(solve_module, "_one_school_a_day", lambda *args, **kwargs: empty)
    monkeypatch.setattr(solve_module, "_time_for_whole_week", lambda *args: False)
    monkeypatch.setattr(solve_module, "construct", lambda *args, **kwargs: None)
    monkeypatch.setattr(solve_module, "construct_by_visits", _only_school("S01"))
    solution = solve(week, time_limit=5, workers=1)
    assert [v.school for v in solution.visits] == ["S01"]
    assert solution.stats["source"] == "construction"


def _only_school(school_id: str) -> Callable[..., Solution]:
    """A stand-in for the visits-first construction: the week's ALT at one school, its lesson joined."""
    def construct(week: Instance, *args: object, **kwargs: object) -> Solution:
        lesson = next(lesson for s in week.schools if s.id == school_id for lesson in s.lessons)
        draft = Solution(Status.FEASIBLE, (Visit("A01", lesson.day, school_id),), (Assignment("A01", lesson.id),))
        return replace(draft, objective=score(week, draft).objective)
    return construct


def test_the_whole_week_model_is_worth_building_with_most_of_a_short_limit_left_and_not_at_its_end() -> None:
    now = time.monotonic()
    assert solve_module._time_for_whole_week(now, 2.0)
    assert solve_module._time_for_whole_week(now, 20.0)
    assert not solve_module._time_for_whole_week(now - 19.0, 20.0)
    assert not solve_module._time_for_whole_week(now - 1.9, 2.0)
