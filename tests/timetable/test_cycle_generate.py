"""`kakehashi generate --cycle-weeks`: rotations whose elementary timetables differ between weeks, with
annual contracts, and (planted) a cycle timetable that keeps every rule."""

from __future__ import annotations

from kakehashi.timetable import generate
from kakehashi.timetable.cycle.check import check_cycle_report
from kakehashi.timetable.cycle.format import parse_cycle, parse_cycle_solution
from kakehashi.timetable.cycle.generate import ALT_DAYS_A_YEAR, TEACHING_WEEKS, cycle_from_week


def test_only_elementary_lessons_are_held_in_one_cycle_week_only() -> None:
    week = generate.generate_synthetic(schools=30, alts=8, seed=4)
    cycle = parse_cycle(cycle_from_week(week, weeks=2, seed=4)[0])
    one_week = [lesson for school in cycle.base.schools for lesson in school.lessons
                if len(cycle.lesson_weeks[lesson.id]) == 1]
    assert one_week, "a rotation's A and B weeks differ somewhere"
    assert {cycle.base.school_by_id[lesson.school].level for lesson in one_week} == {"elementary"}


def test_every_school_and_alt_gets_an_annual_contract() -> None:
    week = generate.generate_synthetic(schools=10, alts=3, seed=5)
    cycle = parse_cycle(cycle_from_week(week, weeks=2, seed=5)[0])
    assert cycle.annual_days == {s.id: round(TEACHING_WEEKS * s.visit_days.min / 2) for s in cycle.base.schools}
    assert set(cycle.alt_annual_days.values()) == {ALT_DAYS_A_YEAR}


def test_a_planted_cycle_comes_with_a_timetable_that_keeps_every_rule() -> None:
    week = generate.generate_synthetic(schools=20, alts=6, seed=6)
    document, planted = cycle_from_week(week, weeks=3, seed=6, planted="exact")
    cycle = parse_cycle(document)
    assert planted is not None
    report = check_cycle_report(cycle, parse_cycle_solution(planted))
    assert report.accepted
    days = {s.id: 0 for s in cycle.base.schools}
    for visit in parse_cycle_solution(planted).visits:
        days[visit.school] += 1
    assert all(days[s.id] == s.visit_days.min == s.visit_days.max for s in cycle.base.schools)
