"""`explain`: the objective by term, school and ALT, and why each class without an ALT has none."""

from __future__ import annotations

from typing import Any

from kakehashi.timetable.explain import explain, explanation_text
from kakehashi.timetable.format import parse_instance, parse_solution
from kakehashi.timetable.instance import Instance, Solution
from kakehashi.timetable.score import score

BELLS = {"default": [{"period": "1", "start": "08:45", "end": "09:30"},
                     {"period": "2", "start": "09:35", "end": "10:20"}]}


def week(*, level: str = "elementary", visit_max: int = 5, max_per_day: int = 6,
         lessons: list[tuple[str, str, str]] | None = None) -> Instance:
    """One school (S01) next to one ALT (A01); lessons as (homeroom, day, period)."""
    lessons = lessons or [("5-1", "mon", "1"), ("6-1", "tue", "1")]
    document: dict[str, Any] = {
        "format": "kakehashi/week@1", "name": "Explain",
        "schools": [{
            "id": "S01", "name": "Chuo Elementary School", "level": "elementary",
            "location": {"lat": 36.3, "lon": 139.0}, "bells": BELLS,
            "visit_days": {"min": 0, "max": visit_max},
            "homerooms": [{"id": "5-1", "grade": 5, "weight": 10}, {"id": "6-1", "grade": 6, "weight": 12}],
            "lessons": [{"id": f"S01/{h}/{d}/{p}", "homeroom": h, "day": d, "period": p} for h, d, p in lessons],
        }],
        "alts": [{"id": "A01", "name": "Jamie Smith", "home": {"lat": 36.3, "lon": 139.0}, "mode": "walk",
                  "levels": [level], "classes_per_week": {"min": 0, "max": 25},
                  "max_classes_per_day": max_per_day}],
    }
    return parse_instance(document)


def timetable(visits: list[tuple[str, str]], lessons: list[str]) -> Solution:
    return parse_solution({
        "format": "kakehashi/week-solution@1", "status": "feasible", "objective": None,
        "visits": [{"alt": "A01", "day": d, "school": s} for d, s in visits],
        "lessons": [{"alt": "A01", "lesson": lesson} for lesson in lessons],
    })


def test_the_breakdown_adds_up_to_the_objective() -> None:
    instance = week()
    solution = timetable([("mon", "S01")], ["S01/5-1/mon/1"])
    explanation = explain(instance, solution)
    assert explanation.score == score(instance, solution)
    assert explanation.to_json()["by_school"]["S01"] == {
        "coverage": 10000, "extra_alts": 0, "visit_days": {"min": 0, "max": 5, "delivered": 1}, "alts": ["A01"]}


def test_a_class_at_a_school_no_alt_may_work_at_is_explained_as_no_eligible_alt() -> None:
    explanation = explain(week(level="junior_high"), timetable([], []))
    assert [u.homeroom for u in explanation.uncovered] == ["5-1", "6-1"]
    assert explanation.uncovered[0].reason.startswith(
        "Class 5-1 at Chuo Elementary School (S01): no eligible ALT within commute")


def test_a_class_whose_days_the_contract_has_no_room_for_is_explained_as_a_contract_limit() -> None:
    explanation = explain(week(visit_max=1), timetable([("mon", "S01")], ["S01/5-1/mon/1"]))
    assert [u.homeroom for u in explanation.uncovered] == ["6-1"]
    assert "contract limit — the school already has its maximum of 1 ALT-days" in explanation.uncovered[0].reason
    assert "契約上限 — この学校はALT訪問日数の上限（1日）に達しており" in explanation.uncovered[0].reason_ja


def test_a_class_taught_while_the_alt_is_in_another_class_is_explained_as_a_clash() -> None:
    instance = week(lessons=[("5-1", "mon", "1"), ("6-1", "mon", "1")])
    explanation = explain(instance, timetable([("mon", "S01")], ["S01/5-1/mon/1"]))
    assert explanation.uncovered[0].reason == (
        "Class 6-1 at Chuo Elementary School (S01): clash — ALT A01 was at the school on mon but teaches "
        "S01/5-1/mon/1 at the same time as S01/6-1/mon/1.")
    assert explanation.uncovered[0].reason_ja == (
        "Chuo Elementary School（S01）の6-1: 時間の重複 — ALT A01は月曜日に学校にいましたが、S01/6-1/mon/1と同じ時間に"
        "S01/5-1/mon/1を担当しています。")


def test_a_class_after_the_alts_daily_limit_is_explained_as_capacity() -> None:
    instance = week(max_per_day=1, lessons=[("5-1", "mon", "1"), ("6-1", "mon", "2")])
    explanation = explain(instance, timetable([("mon", "S01")], ["S01/5-1/mon/1"]))
    assert "capacity — ALT A01 was at the school on mon but already joins 1 lessons that day" in \
        explanation.uncovered[0].reason


def test_a_class_on_a_day_no_alt_came_is_explained_as_capacity_elsewhere() -> None:
    explanation = explain(week(), timetable([("mon", "S01")], ["S01/5-1/mon/1"]))
    assert explanation.uncovered[0].reason == (
        "Class 6-1 at Chuo Elementary School (S01): capacity — no ALT visits on this class's lesson days "
        "(tue); the 1 eligible ALT(s) were worth more at other schools those days.")
    assert "このクラスの授業曜日（火）にALTの訪問がありません" in explanation.uncovered[0].reason_ja


def test_the_text_lists_contracted_and_delivered_days_and_each_uncovered_class() -> None:
    instance = week()
    text = explanation_text(instance, explain(instance, timetable([("mon", "S01")], ["S01/5-1/mon/1"])))
    assert "objective" in text.splitlines()[0]
    assert "0-5  delivered 1" in text
    assert "Classes left without an ALT all week: 1" in text
