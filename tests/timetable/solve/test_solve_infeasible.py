"""Weeks with no valid timetable: the answer says so, and why, naming the schools, ALTs and terms."""

from __future__ import annotations

from timetable_builders import alt, fixed, instance, school

from kakehashi.timetable.instance import Instance, Solution, Status
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.construct import construct

LESSONS = [("1-1", "mon", "1"), ("1-1", "tue", "1"), ("1-1", "wed", "1")]


def infeasible(week: Instance) -> Solution:
    solution = solve(week, time_limit=5)
    assert solution.status is Status.INFEASIBLE
    assert solution.visits == () and solution.lessons == ()
    assert solution.explanation
    assert construct(week) is None
    return solution


def said(solution: Solution) -> str:
    return " ".join(solution.explanation)


def test_a_school_minimum_with_no_alt_of_its_level_names_the_school_and_why() -> None:
    week = instance([school("S01", lessons=LESSONS, level="junior_high", visit_days=(2, 3))], [alt("A01")])
    text = said(infeasible(week))
    assert "School S01 (S01) needs at least 2 ALT-days" in text
    assert "no ALT may work there" in text and "A01 teaches only at elementary level" in text


def test_a_school_minimum_beyond_the_days_its_alts_work_counts_those_days() -> None:
    week = instance([school("S01", lessons=LESSONS, visit_days=(3, 3))], [alt("A01", unavailable_days=["mon", "tue"])],
                    days=["mon", "tue", "wed"])
    text = said(infeasible(week))
    assert "needs at least 3 ALT-days" in text and "ALT A01 (A01) on wed" in text and "1 working day" in text


def test_a_commute_beyond_the_limit_closes_the_school() -> None:
    week = instance([school("S01", lessons=LESSONS, visit_days=(1, 3))], [alt("A01", max_commute_minutes=30)],
                    travel=[("A01", "S01", 45)])
    assert "commute to S01 takes 45 minutes, more than their max_commute_minutes of 30" in said(infeasible(week))


def test_a_fixed_visit_on_an_unavailable_day_is_named() -> None:
    week = instance([school("S01", lessons=LESSONS)], [alt("A01", unavailable_days=["wed"])],
                    fixed=fixed(("A01", "wed", "S01")))
    assert said(infeasible(week)) == ("ALT A01 (A01) must be at School S01 (S01) on wed (a fixed visit), but wed is "
                                      "one of their unavailable_days.")


def test_a_fixed_visit_outside_the_alts_school_list_is_named() -> None:
    week = instance([school("S01", lessons=LESSONS), school("S02", lessons=[])], [alt("A01", schools=["S02"])],
                    fixed=fixed(("A01", "mon", "S01")))
    assert "S01 is not among A01's schools (S02)" in said(infeasible(week))


def test_two_fixed_schools_on_a_one_school_day_are_named() -> None:
    week = instance([school("S01", lessons=LESSONS), school("S02", lessons=LESSONS)], [alt("A01")],
                    fixed=fixed(("A01", "mon", "S01"), ("A01", "mon", "S02")))
    assert "fixed visits at 2 schools on mon (S01 and S02), more than their max_schools_per_day of 1" in said(
        infeasible(week))


def test_two_fixed_schools_without_time_to_travel_between_them_are_named() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1")]), school("S02", lessons=[("1-1", "mon", "2")])],
                    [alt("A01", max_schools_per_day=2)], travel=[("S01", "S02", 30)],
                    fixed=fixed(("A01", "mon", "S01"), ("A01", "mon", "S02")))
    assert "time to travel between them (30 minutes)" in said(infeasible(week))


def test_more_fixed_days_than_a_school_takes_are_named() -> None:
    week = instance([school("S01", lessons=LESSONS, visit_days=(0, 1))], [alt("A01")],
                    fixed=fixed(("A01", "mon", "S01"), ("A01", "tue", "S01")))
    assert "School S01 (S01) has 2 fixed ALT-days, more than its visit_days.max of 1." in said(infeasible(week))


def test_minimums_adding_up_to_more_alt_days_than_the_week_has_are_named() -> None:
    schools = [school(f"S0{i}", lessons=LESSONS, visit_days=(2, 3)) for i in range(1, 3)]
    week = instance(schools, [alt("A01")], days=["mon", "tue", "wed"])
    assert "visit_days.min add up to 4 ALT-days, but the ALTs can give at most 3" in said(infeasible(week))


def test_a_conflict_only_cp_sat_can_see_lists_the_terms_involved() -> None:
    # Each school alone is fine, but A01 may visit only one school a week and is the only ALT for both.
    week = instance([school("S01", lessons=LESSONS, visit_days=(1, 3)),
                     school("S02", lessons=LESSONS, visit_days=(1, 3)), school("S03", lessons=LESSONS)],
                    [alt("A01", max_schools_per_week=1)])
    solution = infeasible(week)
    assert solution.stats["infeasible_by"] == "cp-sat"
    assert solution.explanation[0] == "No timetable can keep all of the following together:"
    assert set(solution.explanation[1:4]) == {
        "School S01 (S01) needs at least 1 ALT-day a week (visit_days.min).",
        "School S02 (S02) needs at least 1 ALT-day a week (visit_days.min).",
        "ALT A01 (A01) visits at most 1 school a week (max_schools_per_week).",
    }
    assert "ALT A01 (A01) on mon, tue, wed, thu, fri" in solution.explanation[-1]


def test_a_conflict_between_a_fixed_visit_and_a_minimum_is_shrunk_to_those_two() -> None:
    # S02 can only have A01 on Monday, but A01 is fixed at S01 that day; S03's minimum plays no part.
    week = instance([school("S01", lessons=LESSONS), school("S02", lessons=LESSONS, visit_days=(1, 1)),
                     school("S03", lessons=LESSONS, visit_days=(1, 1))],
                    [alt("A01", unavailable_days=["tue", "wed", "thu", "fri"], schools=["S01", "S02"]),
                     alt("A02", schools=["S03"])],
                    fixed=fixed(("A01", "mon", "S01")))
    explanation = infeasible(week).explanation
    assert "ALT A01 (A01) must be at School S01 (S01) on mon (a fixed visit)." in explanation
    assert "School S02 (S02) needs at least 1 ALT-day a week (visit_days.min)." in explanation
    assert not any("S03" in sentence for sentence in explanation)
