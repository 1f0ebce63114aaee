"""Each hard rule of the spec: a timetable that keeps it, one that breaks it, and the exact sentence."""

from __future__ import annotations

import pytest
from week_builders import alt, school, timetable, week

from kakehashi.timetable.check import KINDS, check, check_report
from kakehashi.timetable.instance import Instance, Solution


def messages(instance: Instance, solution: Solution, rule: int | None = None) -> list[str]:
    found = check(instance, solution)
    # Every violation of every rule test also has a known kind of the rule it breaks (screens word it by kind).
    assert all(KINDS.get(v.kind) == v.rule for v in found), [(v.rule, v.kind) for v in found]
    return [v.message for v in found if rule is None or v.rule == rule]


def one_school_week(**alt_fields: object) -> Instance:
    return week([school(1)], [alt(1, **alt_fields)])


MON_AT_S01 = [("A01", "mon", "S01")]


def test_a_plain_valid_timetable_has_no_violation() -> None:
    solution = timetable(MON_AT_S01, [("A01", "S01/5-1/mon/1"), ("A01", "S01/6-1/mon/3")])
    assert check(one_school_week(), solution) == []


# -- rule 1 -------------------------------------------------------------------------------------


def test_a_lesson_with_two_alts_breaks_rule_1() -> None:
    instance = week([school(1)], [alt(1), alt(2)])
    solution = timetable([("A01", "mon", "S01"), ("A02", "mon", "S01")],
                         [("A01", "S01/5-1/mon/1"), ("A02", "S01/5-1/mon/1")])
    assert messages(instance, solution, 1) == [
        "rule 1: lesson S01/5-1/mon/1 has 2 ALTs (A01, A02); a lesson takes at most one."]


def test_two_alts_on_different_lessons_keep_rule_1() -> None:
    instance = week([school(1)], [alt(1), alt(2)])
    solution = timetable([("A01", "mon", "S01"), ("A02", "mon", "S01")],
                         [("A01", "S01/5-1/mon/1"), ("A02", "S01/5-2/mon/2")])
    assert messages(instance, solution, 1) == []


# -- rule 2 -------------------------------------------------------------------------------------


def test_joining_a_lesson_without_visiting_its_school_that_day_breaks_rule_2() -> None:
    solution = timetable([("A01", "tue", "S01")], [("A01", "S01/5-1/mon/1")])
    assert messages(one_school_week(), solution, 2) == [
        "rule 2: ALT A01 joins lesson S01/5-1/mon/1 but does not visit S01 on mon."]


# -- rule 3 -------------------------------------------------------------------------------------


def test_visiting_a_school_of_another_level_breaks_rule_3() -> None:
    solution = timetable(MON_AT_S01, [])
    assert messages(one_school_week(levels=["junior_high"]), solution, 3) == [
        "rule 3: ALT A01 visits S01 on mon, a elementary school, but teaches only at junior_high level."]


def test_visiting_a_school_outside_the_alts_list_breaks_rule_3() -> None:
    instance = week([school(1), school(2)], [alt(1, schools=["S02"])])
    assert messages(instance, timetable(MON_AT_S01, []), 3) == [
        "rule 3: ALT A01 visits S01 on mon, which is not among their schools (S02)."]


def test_visiting_a_forbidden_school_breaks_rule_3() -> None:
    instance = week([school(1)], [alt(1)], forbidden=[{"alt": "A01", "school": "S01"}])
    assert messages(instance, timetable(MON_AT_S01, []), 3) == [
        "rule 3: ALT A01 visits S01 on mon, which is forbidden for them."]


def test_a_school_on_the_alts_list_of_their_level_keeps_rule_3() -> None:
    instance = week([school(1), school(2)], [alt(1, schools=["S01"], levels=["elementary"])])
    assert messages(instance, timetable(MON_AT_S01, []), 3) == []


# -- rule 4 -------------------------------------------------------------------------------------


def test_a_visit_on_an_unavailable_day_breaks_rule_4() -> None:
    assert messages(one_school_week(unavailable_days=["mon"]), timetable(MON_AT_S01, []), 4) == [
        "rule 4: ALT A01 visits S01 on mon, one of their unavailable days."]


def test_a_visit_on_a_day_outside_the_week_breaks_rule_4() -> None:
    assert messages(one_school_week(), timetable([("A01", "sat", "S01")], []), 4) == [
        "rule 4: ALT A01 visits S01 on 'sat', which is not one of the week's days (mon, tue, wed, thu, fri)."]


def test_a_visit_on_an_available_day_keeps_rule_4() -> None:
    assert messages(one_school_week(unavailable_days=["tue"]), timetable(MON_AT_S01, []), 4) == []


# -- rule 5 -------------------------------------------------------------------------------------


def test_two_lessons_at_the_same_time_break_rule_5() -> None:
    instance = week([school(1, lessons=[("5-1", "mon", "1"), ("5-2", "mon", "1")])], [alt(1)])
    solution = timetable(MON_AT_S01, [("A01", "S01/5-1/mon/1"), ("A01", "S01/5-2/mon/1")])
    assert messages(instance, solution, 5) == [
        "rule 5: ALT A01 has two lessons at once on mon: S01/5-1/mon/1 (08:45-09:30) and "
        "S01/5-2/mon/1 (08:45-09:30)."]


def test_back_to_back_lessons_keep_rule_5() -> None:
    solution = timetable(MON_AT_S01, [("A01", "S01/5-1/mon/1"), ("A01", "S01/5-2/mon/2")])
    assert messages(one_school_week(), solution, 5) == []


# -- rule 6 -------------------------------------------------------------------------------------


def two_school_week(**alt_fields: object) -> Instance:
    return week([school(1), school(2), school(3)], [alt(1, **alt_fields)])


def test_three_schools_in_a_day_break_rule_6() -> None:
    solution = timetable([("A01", "mon", "S01"), ("A01", "mon", "S02"), ("A01", "mon", "S03")],
                         [("A01", "S01/5-1/mon/1"), ("A01", "S02/6-1/mon/3")])
    assert messages(two_school_week(), solution, 6) == [
        "rule 6: ALT A01 visits 3 schools on mon (S01, S02, S03), more than their max_schools_per_day of 2."]


def test_two_schools_for_a_one_school_alt_break_rule_6() -> None:
    solution = timetable([("A01", "mon", "S01"), ("A01", "mon", "S02")],
                         [("A01", "S01/5-1/mon/1"), ("A01", "S02/6-1/mon/3")])
    assert messages(two_school_week(max_schools_per_day=1), solution, 6) == [
        "rule 6: ALT A01 visits 2 schools on mon (S01, S02), more than their max_schools_per_day of 1."]


def test_a_two_school_day_without_a_lesson_at_one_school_breaks_rule_6() -> None:
    solution = timetable([("A01", "mon", "S01"), ("A01", "mon", "S02")], [("A01", "S01/5-1/mon/1")])
    assert messages(two_school_week(), solution, 6) == [
        "rule 6: ALT A01 visits two schools on mon (S01 and S02) but joins no lesson at S02; each school of a "
        "two-school day needs at least one."]


def test_interleaved_lessons_at_two_schools_break_rule_6() -> None:
    solution = timetable([("A01", "mon", "S01"), ("A01", "mon", "S02")],
                         [("A01", "S01/5-1/mon/1"), ("A01", "S02/5-2/mon/2"), ("A01", "S01/6-1/mon/3")])
    assert messages(two_school_week(), solution, 6) == [
        "rule 6: ALT A01 on mon: lesson S02/5-2/mon/2 at S02 starts at 09:35, before lesson S01/6-1/mon/3 at "
        "S01 ends at 13:45."]


def test_a_gap_shorter_than_the_journey_breaks_rule_6() -> None:
    # 1.0008 km on foot: ceil(60 * 1.0008 * 1.3 / 4.5) = 18 minutes, but only 5 between periods 1 and 2.
    solution = timetable([("A01", "mon", "S01"), ("A01", "mon", "S02")],
                         [("A01", "S01/5-1/mon/1"), ("A01", "S02/5-2/mon/2")])
    assert messages(two_school_week(), solution, 6) == [
        "rule 6: ALT A01 on mon has 5 minutes between S01 (last lesson ends 09:30) and S02 (first lesson "
        "starts 09:35), less than the 18-minute journey."]


def test_a_gap_exactly_as_long_as_the_journey_keeps_rule_6() -> None:
    instance = two_school_week()
    # Period 1 ends 09:30; an 18-minute period-2 start at S02 would need 09:48: use period 3 (13:00).
    solution = timetable([("A01", "mon", "S01"), ("A01", "mon", "S02")],
                         [("A01", "S01/5-1/mon/1"), ("A01", "S02/6-1/mon/3")])
    assert messages(instance, solution, 6) == []
    exact = week([school(1), school(2)], [alt(1)],
                 travel={"minutes": [{"from": "S01", "to": "S02", "mode": "walk", "minutes": 5}]})
    close = timetable([("A01", "mon", "S01"), ("A01", "mon", "S02")],
                      [("A01", "S01/5-1/mon/1"), ("A01", "S02/5-2/mon/2")])
    assert messages(exact, close, 6) == []


def test_the_first_school_is_the_one_with_the_earlier_first_lesson_whatever_the_listing_order() -> None:
    solution = timetable([("A01", "mon", "S02"), ("A01", "mon", "S01")],
                         [("A01", "S02/6-1/mon/3"), ("A01", "S01/5-1/mon/1")])
    assert messages(two_school_week(), solution, 6) == []


# -- rule 7 -------------------------------------------------------------------------------------


def test_more_lessons_in_a_day_than_allowed_break_rule_7() -> None:
    solution = timetable(MON_AT_S01, [("A01", "S01/5-1/mon/1"), ("A01", "S01/5-2/mon/2")])
    assert messages(one_school_week(max_classes_per_day=1), solution, 7) == [
        "rule 7: ALT A01 joins 2 lessons on mon, more than their max_classes_per_day of 1."]


def test_more_lessons_in_a_week_than_allowed_break_rule_7() -> None:
    solution = timetable(MON_AT_S01, [("A01", "S01/5-1/mon/1"), ("A01", "S01/5-2/mon/2")])
    assert messages(one_school_week(classes_per_week={"min": 0, "max": 1}), solution, 7) == [
        "rule 7: ALT A01 joins 2 lessons in the week, more than their classes_per_week.max of 1."]


def test_lessons_at_the_caps_keep_rule_7() -> None:
    solution = timetable(MON_AT_S01, [("A01", "S01/5-1/mon/1"), ("A01", "S01/5-2/mon/2")])
    instance = one_school_week(max_classes_per_day=2, classes_per_week={"min": 0, "max": 2})
    assert messages(instance, solution, 7) == []


# -- rule 8 -------------------------------------------------------------------------------------


def test_more_schools_in_a_week_than_allowed_break_rule_8() -> None:
    instance = two_school_week(max_schools_per_week=2)
    solution = timetable([("A01", "mon", "S01"), ("A01", "tue", "S02"), ("A01", "wed", "S03")], [])
    assert messages(instance, solution, 8) == [
        "rule 8: ALT A01 visits 3 schools in the week (S01, S02, S03), more than their max_schools_per_week of 2."]


def test_the_same_school_on_several_days_counts_once_for_rule_8() -> None:
    solution = timetable([("A01", "mon", "S01"), ("A01", "tue", "S01")], [])
    assert messages(two_school_week(max_schools_per_week=1), solution, 8) == []


# -- rule 9 -------------------------------------------------------------------------------------


def test_a_commute_over_the_limit_breaks_rule_9() -> None:
    instance = two_school_week(max_commute_minutes=30)
    # S03 is 2.0016 km away: ceil(60 * 2.0016 * 1.3 / 4.5) = 35 minutes on foot.
    assert messages(instance, timetable([("A01", "mon", "S03")], []), 9) == [
        "rule 9: ALT A01 commutes 35 minutes from home to S03, more than their max_commute_minutes of 30."]


def test_a_commute_exactly_at_the_limit_keeps_rule_9() -> None:
    instance = two_school_week(max_commute_minutes=35)
    assert messages(instance, timetable([("A01", "mon", "S03")], []), 9) == []


# -- rule 10 ------------------------------------------------------------------------------------


def test_fewer_alt_days_than_the_contract_minimum_break_rule_10() -> None:
    instance = week([school(1, visit_min=2)], [alt(1)])
    assert messages(instance, timetable(MON_AT_S01, []), 10) == [
        "rule 10: school S01 gets 1 ALT-days, fewer than its visit_days.min of 2."]


def test_more_alt_days_than_the_contract_maximum_break_rule_10() -> None:
    instance = week([school(1, visit_max=1)], [alt(1), alt(2)])
    solution = timetable([("A01", "mon", "S01"), ("A02", "mon", "S01")], [])
    assert messages(instance, solution, 10) == [
        "rule 10: school S01 gets 2 ALT-days, more than its visit_days.max of 1."]


def test_more_distinct_alts_than_allowed_break_rule_10() -> None:
    instance = week([school(1, max_alts=1)], [alt(1), alt(2)])
    solution = timetable([("A01", "mon", "S01"), ("A02", "tue", "S01")], [])
    assert messages(instance, solution, 10) == [
        "rule 10: school S01 is visited by 2 ALTs (A01, A02), more than its max_alts of 1."]


def test_alt_days_within_the_contract_keep_rule_10() -> None:
    instance = week([school(1, visit_min=2, visit_max=2, max_alts=1)], [alt(1)])
    assert messages(instance, timetable([("A01", "mon", "S01"), ("A01", "tue", "S01")], []), 10) == []


# -- rule 11 ------------------------------------------------------------------------------------


def test_a_missing_fixed_visit_breaks_rule_11() -> None:
    instance = week([school(1), school(2)], [alt(1)], fixed=[{"alt": "A01", "day": "tue", "school": "S02"}])
    assert messages(instance, timetable(MON_AT_S01, []), 11) == [
        "rule 11: ALT A01 must be at S02 on tue (a fixed visit), but is not."]


def test_a_fixed_visit_in_the_timetable_keeps_rule_11() -> None:
    instance = week([school(1)], [alt(1)], fixed=[{"alt": "A01", "day": "mon", "school": "S01"}])
    assert messages(instance, timetable(MON_AT_S01, []), 11) == []


# -- rule 12 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("visits", "lessons", "expected"), [
    ([("A09", "mon", "S01")], [], "rule 12: visits[0] names ALT 'A09', which does not exist."),
    ([("A01", "mon", "S09")], [], "rule 12: visits[0] names school 'S09', which does not exist."),
    (MON_AT_S01, [("A09", "S01/5-1/mon/1")], "rule 12: lessons[0] names ALT 'A09', which does not exist."),
    (MON_AT_S01, [("A01", "S01/9-9/mon/1")], "rule 12: lessons[0] names lesson 'S01/9-9/mon/1', which does not exist."),
    (MON_AT_S01 * 2, [], "rule 12: the visit of ALT A01 to S01 on mon is listed 2 times."),
    (MON_AT_S01, [("A01", "S01/5-1/mon/1")] * 2, "rule 12: ALT A01 joining lesson S01/5-1/mon/1 is listed 2 times."),
])
def test_unknown_ids_and_entries_listed_twice_break_rule_12(
        visits: list[tuple[str, str, str]], lessons: list[tuple[str, str]], expected: str) -> None:
    assert messages(one_school_week(), timetable(visits, lessons), 12) == [expected]


def test_every_violation_is_reported_not_just_the_first() -> None:
    instance = week([school(1, visit_min=3)], [alt(1, max_classes_per_day=1)])
    solution = timetable(MON_AT_S01, [("A01", "S01/5-1/mon/1"), ("A01", "S01/5-2/mon/2"), ("A01", "S01/9-9/mon/1")])
    assert [v.rule for v in check(instance, solution)] == [7, 10, 12]


def test_the_report_says_valid_only_with_no_violation_and_the_true_objective() -> None:
    instance = one_school_week()
    solution = timetable(MON_AT_S01, [("A01", "S01/5-1/mon/1")], objective=10000)
    report = check_report(instance, solution)
    assert report.valid and report.objective_matches and report.accepted
    wrong = check_report(instance, timetable(MON_AT_S01, [("A01", "S01/5-1/mon/1")], objective=1))
    assert wrong.valid and not wrong.accepted


def test_every_rule_has_a_japanese_name_for_bilingual_screens() -> None:
    from kakehashi.timetable.check import RULE_TITLES_JA, Violation

    assert sorted(RULE_TITLES_JA) == list(range(1, 13))
    violation = Violation(5, "rule 5: ALT A01 has two lessons at once on mon.")
    assert violation.bilingual == ("rule 5: ALT A01 has two lessons at once on mon. / "
                                   "規則5（授業の時間の重なり）に違反しています。")


def test_a_violation_carries_its_kind_and_its_parts_for_screens_that_word_it_themselves() -> None:
    solution = timetable([("A01", "mon", "S01"), ("A01", "mon", "S02")],
                         [("A01", "S01/5-1/mon/1"), ("A01", "S02/6-1/mon/3")])
    [violation] = [v for v in check(two_school_week(max_schools_per_day=1), solution) if v.rule == 6]
    assert violation.kind == "too_many_schools_a_day"
    assert violation.parts == {"alt": "A01", "day": "mon", "schools": ["S01", "S02"], "count": 2, "limit": 1}
    assert violation.to_json()["kind"] == "too_many_schools_a_day"


def test_every_kind_of_violation_names_the_rule_it_breaks_and_every_rule_has_a_kind() -> None:
    assert sorted(set(KINDS.values())) == list(range(1, 13))
    instance = week([school(1, visit_min=3)], [alt(1, max_classes_per_day=1)])
    solution = timetable(MON_AT_S01, [("A01", "S01/5-1/mon/1"), ("A01", "S01/5-2/mon/2"), ("A01", "S01/9-9/mon/1")])
    assert [(v.rule, v.kind) for v in check(instance, solution)] == [
        (7, "too_many_lessons_a_day"), (10, "too_few_alt_days"), (12, "unknown_lesson")]
    assert all(KINDS[v.kind] == v.rule for v in check(instance, solution))
