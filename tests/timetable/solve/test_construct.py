"""The greedy construction: always a valid timetable when it returns one, and a sensible one."""

from __future__ import annotations

import time
from dataclasses import replace

from timetable_builders import alt, fixed, instance, school

from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.instance import Instance, Solution
from kakehashi.timetable.score import score
from kakehashi.timetable.solve.construct import WeekDraft, construct
from kakehashi.timetable.solve.eligibility import Eligibility


def constructed(week: Instance) -> Solution:
    start = construct(week)
    assert start is not None
    assert check(week, start) == []
    assert start.objective == score(week, start).objective
    return start


def test_it_meets_every_schools_minimum_even_when_visits_do_not_pay() -> None:
    week = instance([school("S01", lessons=[], visit_days=(2, 2)), school("S02", lessons=[("1-1", "mon", "1")])],
                    [alt("A01")], travel=[("A01", "S01", 10), ("A01", "S02", 10)])
    start = constructed(week)
    assert sum(v.school == "S01" for v in start.visits) == 2


def test_it_serves_the_scarcest_school_first() -> None:
    # Only A01 works on Monday and only A01 may go to S02, which needs that Monday; S01 can wait.
    week = instance([school("S01", lessons=[("1-1", "mon", "1")], visit_days=(1, 1), weights={"1-1": 3}),
                     school("S02", lessons=[("1-1", "mon", "2")], visit_days=(1, 1))],
                    [alt("A01", schools=["S01", "S02"], unavailable_days=["tue", "wed", "thu", "fri"]),
                     alt("A02", schools=["S01"])])
    start = constructed(week)
    assert {(v.alt, v.school) for v in start.visits} == {("A01", "S02"), ("A02", "S01")}


def test_it_adds_only_visits_that_pay() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1")]), school("S02", lessons=[])],
                    [alt("A01")], travel=[("A01", "S01", 10)])
    start = constructed(week)
    assert [(v.day, v.school) for v in start.visits] == [("mon", "S01")]
    assert start.objective == 1000 - 40


def test_each_visit_takes_as_many_lessons_as_fit_most_valuable_first() -> None:
    lessons = [("A", "mon", "1"), ("B", "mon", "1"), ("C", "mon", "2"), ("A", "mon", "3")]
    week = instance([school("S01", lessons=lessons, weights={"A": 1, "B": 2, "C": 1})],
                    [alt("A01", max_classes_per_day=2)], travel=[("A01", "S01", 10)], days=["mon"])
    start = constructed(week)
    # B is worth most; A and C are worth the same, and C has no other lesson in the week while A has.
    assert {a.lesson for a in start.lessons} == {"S01/B/mon/1", "S01/C/mon/2"}


def test_a_fixed_two_school_day_gets_a_lesson_at_each_school_in_travel_order() -> None:
    week = instance([school("S01", lessons=[("1-1", "mon", "1"), ("1-2", "mon", "4")]),
                     school("S02", lessons=[("1-1", "mon", "2"), ("1-2", "mon", "6")])],
                    [alt("A01", max_schools_per_day=2)], travel=[("S01", "S02", 30)], days=["mon"],
                    fixed=fixed(("A01", "mon", "S01"), ("A01", "mon", "S02")))
    start = constructed(week)
    joined = {a.lesson for a in start.lessons}
    assert any(x.startswith("S01") for x in joined) and any(x.startswith("S02") for x in joined)


def test_it_gives_up_when_greedy_choices_cannot_meet_a_minimum() -> None:
    week = instance([school("S01", lessons=[], visit_days=(2, 2))], [alt("A01")], days=["mon"])
    assert construct(week) is None


def test_a_school_days_optimistic_rating_is_never_below_the_exact_plan_for_any_alt() -> None:
    # The lazy greedy is only right if the shared rating is an upper bound: ALTs with a weekly cap
    # below the school-day's lessons, a shortfall to make up, another ALT already at the school.
    week = parse_instance(generate_synthetic(schools=12, alts=4, seed=8))
    eligibility = Eligibility(week)
    draft = WeekDraft(week, eligibility, {(a.id, d, s.id) for a, d, s in eligibility.visits()})
    capped = replace(week.alts[0], classes_per_week=replace(week.alts[0].classes_per_week, max=1))
    rated: dict[tuple[str, str, int], tuple[int, int]] = {}
    checked = 0
    for alt_, day, school_ in eligibility.visits():
        for someone in (alt_, capped if alt_.id == capped.id else alt_):
            if draft.may_visit(someone, day, school_):
                assert draft.optimistic_gain(someone, day, school_, rated) >= draft.plan(someone, day, school_).gain
                checked += 1
        if checked % 7 == 0 and draft.may_visit(alt_, day, school_):  # the week moves on under the ratings
            draft.add_visit(alt_, day, school_)
            draft.join(alt_, draft.plan(alt_, day, school_).lessons)
    assert checked > 100


def test_visits_that_pay_go_on_being_added_after_the_minimums_deadline_until_the_fill_deadline() -> None:
    week = parse_instance(generate_synthetic(schools=20, alts=6, seed=4))
    later = time.monotonic() + 600
    full = construct(week, deadline=later)
    thin = construct(week, deadline=later, fill_deadline=time.monotonic() - 1)
    filled = construct(week, deadline=time.monotonic() + 600, fill_deadline=later)
    assert full is not None and thin is not None and filled is not None
    assert check(week, thin) == []
    assert (thin.objective or 0) < (full.objective or 0) == (filled.objective or 0)
