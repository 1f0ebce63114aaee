"""Repair after an absence: absent ALTs' lessons are covered by others, and little else moves."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance, parse_solution
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.instance import Instance, Solution
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.repair import Absence, RepairError, repair, with_absences

BELLS = {"default": [{"period": "1", "start": "08:45", "end": "09:30"},
                     {"period": "2", "start": "09:35", "end": "10:20"}]}


def school(school_id: str, lat: float, *, visit_min: int = 0) -> dict[str, Any]:
    return {
        "id": school_id, "name": f"School {school_id}", "level": "elementary",
        "location": {"lat": lat, "lon": 139.0}, "bells": BELLS,
        "visit_days": {"min": visit_min, "max": 5}, "max_alts": 2,
        "homerooms": [{"id": "5-1", "grade": 5, "weight": 10}, {"id": "6-1", "grade": 6, "weight": 10}],
        "lessons": [{"id": f"{school_id}/5-1/mon/1", "homeroom": "5-1", "day": "mon", "period": "1"},
                    {"id": f"{school_id}/6-1/mon/2", "homeroom": "6-1", "day": "mon", "period": "2"},
                    {"id": f"{school_id}/5-1/tue/1", "homeroom": "5-1", "day": "tue", "period": "1"}],
    }


def alt(alt_id: str, lat: float, **fields: Any) -> dict[str, Any]:
    return {"id": alt_id, "name": f"ALT {alt_id}", "home": {"lat": lat, "lon": 139.0}, "mode": "car",
            "levels": ["elementary"], "classes_per_week": {"min": 0, "max": 25}, **fields}


def two_alts_two_schools(s01_min: int = 1, **second_alt: Any) -> Instance:
    return parse_instance({
        "format": "kakehashi/week@1", "name": "Repair",
        "schools": [school("S01", 36.30, visit_min=s01_min), school("S02", 36.40)],
        "alts": [alt("A01", 36.30), alt("A02", 36.40, **second_alt)],
    })


def timetable(*visits: tuple[str, str, str], lessons: list[tuple[str, str]]) -> Solution:
    return parse_solution({
        "format": "kakehashi/week-solution@1", "status": "feasible", "objective": None,
        "visits": [{"alt": a, "day": d, "school": s} for a, d, s in visits],
        "lessons": [{"alt": a, "lesson": lesson} for a, lesson in lessons],
    })


def test_a_free_colleague_covers_the_absent_alts_lessons() -> None:
    instance = two_alts_two_schools()
    before = timetable(("A01", "mon", "S01"), ("A01", "tue", "S01"),
                       lessons=[("A01", "S01/5-1/mon/1"), ("A01", "S01/6-1/mon/2"), ("A01", "S01/5-1/tue/1")])
    result = repair(instance, before, [Absence("A01", "mon")])
    assert result.uncovered == ()
    assert ("+ A02 visits S01 on mon") in result.changes
    assert "  S01/5-1/mon/1: covered by A02" in result.changes
    assert check(with_absences(instance, [Absence("A01", "mon")]), result.solution) == []


def test_the_other_days_stay_exactly_as_they_were() -> None:
    instance = two_alts_two_schools()
    before = timetable(("A01", "mon", "S01"), ("A01", "tue", "S01"), ("A02", "tue", "S02"),
                       lessons=[("A01", "S01/5-1/mon/1"), ("A01", "S01/5-1/tue/1"), ("A02", "S02/5-1/tue/1")])
    after = repair(instance, before, [Absence("A01", "mon")]).solution
    assert {v for v in after.visits if v.day == "tue"} == {v for v in before.visits if v.day == "tue"}
    assert {a.lesson for a in after.lessons if "/tue/" in a.lesson} == {"S01/5-1/tue/1", "S02/5-1/tue/1"}


def test_a_colleague_busy_elsewhere_stays_when_moving_gains_nothing() -> None:
    instance = two_alts_two_schools(s01_min=0)
    before = timetable(("A01", "mon", "S01"), ("A02", "mon", "S02"),
                       lessons=[("A01", "S01/5-1/mon/1"), ("A01", "S01/6-1/mon/2"),
                                ("A02", "S02/5-1/mon/1"), ("A02", "S02/6-1/mon/2")])
    result = repair(instance, before, [Absence("A01", "mon")])
    # Moving A02 would uncover two lessons to cover two: no more lessons with an ALT, only changes.
    assert result.uncovered == ("S01/5-1/mon/1", "S01/6-1/mon/2")
    assert [line for line in result.changes if line.startswith(("+", "-"))] == []
    assert result.violations == ()


def test_a_colleague_moves_when_the_school_would_fall_below_its_contracted_minimum() -> None:
    instance = two_alts_two_schools(s01_min=1)
    before = timetable(("A01", "mon", "S01"), ("A02", "mon", "S02"),
                       lessons=[("A01", "S01/5-1/mon/1"), ("A01", "S01/6-1/mon/2"),
                                ("A02", "S02/5-1/mon/1"), ("A02", "S02/6-1/mon/2")])
    result = repair(instance, before, [Absence("A01", "mon")])
    assert result.uncovered == ()
    assert "+ A02 visits S01 on mon" in result.changes
    assert "- A02 no longer visits S02 on mon" in result.changes
    assert result.violations == ()


def test_lessons_stay_uncovered_when_no_one_else_may_work_there() -> None:
    instance = two_alts_two_schools(levels=["junior_high"])
    before = timetable(("A01", "mon", "S01"), lessons=[("A01", "S01/5-1/mon/1")])
    result = repair(instance, before, [Absence("A01", "mon")])
    assert result.uncovered == ("S01/5-1/mon/1",)
    assert result.changes[0] == "A01 is absent on mon: visit to S01, 1 lesson(s) to cover"


@pytest.mark.parametrize(("absence", "message"), [
    (Absence("A09", "mon"), "--absent A09:mon: there is no ALT 'A09'"),
    (Absence("A01", "sat"), "--absent A01:sat: 'sat' is not one of the week's days (mon, tue, wed, thu, fri)"),
])
def test_an_unknown_alt_or_day_is_refused(absence: Absence, message: str) -> None:
    instance = two_alts_two_schools()
    with pytest.raises(RepairError, match=message.replace("(", r"\(").replace(")", r"\)")):
        repair(instance, timetable(("A01", "mon", "S01"), lessons=[]), [absence])


def test_an_absence_is_written_alt_colon_day() -> None:
    assert Absence.parse("A07:Tue") == Absence("A07", "tue")
    with pytest.raises(RepairError, match="expected ALT:DAY"):
        Absence.parse("A07-tue")


def test_a_timetable_that_already_breaks_a_rule_is_not_repaired() -> None:
    instance = two_alts_two_schools()
    broken = timetable(("A01", "mon", "S01"), lessons=[("A01", "S02/5-1/mon/1")])
    with pytest.raises(RepairError, match="breaks 1 hard rule"):
        repair(instance, broken, [Absence("A01", "mon")])


@pytest.mark.parametrize("seed", [1, 2])
def test_a_repaired_generated_week_keeps_every_rule_but_possibly_the_lost_minimum(seed: int) -> None:
    instance = parse_instance(generate_synthetic(schools=10, alts=4, seed=seed))
    week = solve(instance, time_limit=3, workers=1, seed=seed)
    busiest = max(week.visits, key=lambda v: sum(
        1 for a in week.lessons if a.alt == v.alt and instance.lesson_by_id[a.lesson].day == v.day))
    absence = Absence(busiest.alt, busiest.day)
    result = repair(instance, week, [absence])
    assert {v.rule for v in result.violations} <= {10}
    assert check(with_absences(instance, [absence]), result.solution) == list(result.violations)
    unchanged_days = [d for d in instance.days if d != absence.day]
    assert {v for v in result.solution.visits if v.day in unchanged_days} == \
        {v for v in week.visits if v.day in unchanged_days}


def test_a_day_one_free_colleague_takes_whole_is_answered_by_the_quick_start_without_the_solver() -> None:
    instance = two_alts_two_schools()
    before = timetable(("A01", "mon", "S01"), ("A01", "tue", "S01"),
                       lessons=[("A01", "S01/5-1/mon/1"), ("A01", "S01/6-1/mon/2"), ("A01", "S01/5-1/tue/1")])
    result = repair(instance, before, [Absence("A01", "mon")], time_limit=30)
    assert result.uncovered == ()
    assert result.solution.stats["repair_status"] == "STAND_IN"
    assert check(with_absences(instance, [Absence("A01", "mon")]), result.solution) == []


def test_the_solver_still_decides_when_the_quick_start_leaves_a_lesson_uncovered() -> None:
    # A02 may not go to S01: the quick start covers nothing, so the solver has the last word.
    instance = two_alts_two_schools(schools=["S02"])
    before = timetable(("A01", "mon", "S01"), lessons=[("A01", "S01/5-1/mon/1"), ("A01", "S01/6-1/mon/2")])
    result = repair(instance, before, [Absence("A01", "mon")], time_limit=5)
    assert len(result.uncovered) == 2
    assert result.solution.stats["repair_status"] != "STAND_IN"
