"""The cycle's checker: week@1's rules in each cycle week, rules 13 and 14 over the cycle, and the
objective over the whole cycle (a class seen every other week counts half as often)."""

from __future__ import annotations

from cycle_builders import a_valid_timetable, cycle_timetable, small_cycle
from week_builders import alt

from kakehashi.timetable.cycle.check import CYCLE_KINDS, check_cycle_report
from kakehashi.timetable.score import dhondt_coverage

FIRST = 1000 * 10  # a first ALT lesson of a weight-10 class, at the default coverage_scale


def messages(visits: list[tuple[str, int, str, str]], lessons: list[tuple[str, int, str]]) -> list[str]:
    return [v.message for v in check_cycle_report(small_cycle(), cycle_timetable(visits, lessons)).violations]


def test_a_timetable_that_keeps_every_rule_is_valid_and_scored_over_the_cycle() -> None:
    report = check_cycle_report(small_cycle(), a_valid_timetable())
    assert report.violations == ()
    # 5-1 and 6-1 once each, S02's 1-1 on both Mondays (a first and a second lesson of one class).
    assert report.score.coverage == FIRST + FIRST + FIRST + FIRST // 2
    assert report.score.extra_alt_cost == 0


def test_a_class_seen_every_other_week_counts_half_as_often_as_one_seen_every_week() -> None:
    cycle = small_cycle()
    every_week = check_cycle_report(cycle, cycle_timetable(
        [("A01", 1, "mon", "S01"), ("A01", 2, "mon", "S01")],
        [("A01", 1, "S01/5-1/mon/1"), ("A01", 2, "S01/5-1/mon/1")])).score
    every_other = check_cycle_report(cycle, cycle_timetable(
        [("A01", 1, "mon", "S01")], [("A01", 1, "S01/5-1/mon/1")])).score
    assert every_week.coverage == dhondt_coverage(1000, 10, 2) == FIRST + FIRST // 2
    assert every_other.coverage == FIRST


def test_the_extra_alt_cost_counts_alts_over_the_whole_cycle() -> None:
    report = check_cycle_report(small_cycle(), cycle_timetable(
        [("A01", 1, "mon", "S01"), ("A02", 2, "mon", "S01"), ("A02", 1, "mon", "S02"), ("A02", 2, "tue", "S02")], []))
    assert report.score.extra_alts_by_school == {"S01": 1, "S02": 0}


def test_rule_13_counts_a_schools_days_over_the_cycle() -> None:
    found = messages([("A02", 1, "mon", "S02")], [])
    assert "rule 13: school S01 gets 0 ALT-days in the 2-week cycle, fewer than its visit_days.min of 1." in found
    assert "rule 13: school S02 gets 1 ALT-days in the 2-week cycle, fewer than its visit_days.min of 2." in found


def test_rule_13_allows_only_max_alts_over_the_cycle() -> None:
    found = messages([("A01", 1, "mon", "S01"), ("A01", 1, "tue", "S02"), ("A02", 2, "mon", "S02")], [])
    assert found == ["rule 13: school S02 is visited by 2 ALTs (A01, A02) in the cycle, more than its max_alts of 1."]


def test_two_days_in_one_week_meet_a_two_day_cycle_contract() -> None:
    assert messages([("A01", 1, "mon", "S01"), ("A02", 1, "mon", "S02"), ("A02", 1, "tue", "S02")], []) == []


def test_rule_14_refuses_a_lesson_in_a_week_it_is_not_held() -> None:
    found = messages([("A01", 1, "mon", "S01"), ("A02", 1, "mon", "S02"), ("A02", 2, "mon", "S02"),
                      ("A01", 2, "mon", "S01")], [("A01", 2, "S01/6-1/mon/2")])
    assert found == ["rule 14: ALT A01 joins lesson S01/6-1/mon/2 in cycle week 2, but it is held only in week(s) 1."]


def test_rule_14_refuses_a_week_outside_the_cycle() -> None:
    found = messages([("A01", 1, "mon", "S01"), ("A02", 1, "mon", "S02"), ("A02", 2, "mon", "S02"),
                      ("A01", 3, "tue", "S01")], [])
    assert found == ["rule 14: visits[3] is in week 3, but the cycle has 2 week(s)."]


def test_the_week_rules_hold_in_each_cycle_week_and_say_which() -> None:
    found = messages([("A01", 1, "mon", "S01"), ("A02", 1, "mon", "S02"), ("A02", 2, "mon", "S02")],
                     [("A01", 1, "S01/5-1/mon/1"), ("A02", 2, "S01/5-1/mon/1")])
    assert found == ["cycle week 2: rule 2: ALT A02 joins lesson S01/5-1/mon/1 but does not visit S01 on mon."]


def test_an_alts_weekly_cap_holds_in_each_week_not_over_the_cycle() -> None:
    cycle = small_cycle(alts=[alt(1, classes_per_week={"min": 0, "max": 1}), alt(2)])
    one_a_week = cycle_timetable(
        [("A01", 1, "mon", "S01"), ("A01", 2, "mon", "S01"), ("A02", 1, "mon", "S02"), ("A02", 2, "mon", "S02")],
        [("A01", 1, "S01/5-1/mon/1"), ("A01", 2, "S01/5-1/mon/1")])
    two_in_week_1 = cycle_timetable(
        [("A01", 1, "mon", "S01"), ("A02", 1, "mon", "S02"), ("A02", 2, "mon", "S02")],
        [("A01", 1, "S01/5-1/mon/1"), ("A01", 1, "S01/6-1/mon/2")])
    assert check_cycle_report(cycle, one_a_week).valid
    broken = check_cycle_report(cycle, two_in_week_1).violations
    assert [(v.rule, v.kind, v.parts["week"]) for v in broken] == [(7, "too_many_lessons_a_week", 1)]


def test_every_cycle_violation_has_a_listed_kind_of_its_own_rule() -> None:
    found = check_cycle_report(small_cycle(), cycle_timetable(
        [("A01", 1, "mon", "S02"), ("A02", 2, "mon", "S02"), ("A01", 5, "mon", "S01")],
        [("A01", 2, "S01/6-1/mon/2"), ("A01", 9, "S01/5-1/mon/1")])).violations
    cycle_rules = [v for v in found if v.rule in (13, 14)]
    assert {v.rule for v in cycle_rules} == {13, 14}
    assert all(CYCLE_KINDS[v.kind] == v.rule for v in cycle_rules)

