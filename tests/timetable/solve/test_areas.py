"""A large week in areas: nearby schools together, areas that cannot touch each other, a join that keeps
every rule and never loses what the start had."""

from __future__ import annotations

from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.generate_planted import plant
from kakehashi.timetable.instance import Instance, Solution
from kakehashi.timetable.score import score
from kakehashi.timetable.solve import first_timetable
from kakehashi.timetable.solve.areas import AreaResult, improve_area, join_areas, plan_areas, solve_by_areas


def tight_city(schools: int = 60, seed: int = 7) -> Instance:
    document, _planted = plant(generate_synthetic(schools=schools, alts=round(schools / 3.3), seed=seed),
                               tightness="normal", seed=seed)
    return parse_instance(document)


def started(week: Instance) -> Solution:
    start = first_timetable(week, time_limit=20, workers=2)
    assert start is not None and check(week, start) == []
    return start


def test_areas_split_every_school_once_and_give_each_alt_at_most_one_area() -> None:
    week = tight_city()
    start = started(week)
    areas = plan_areas(week, start, most_schools=20)
    schools = [school for area in areas for school in area.schools]
    alts = [alt for area in areas for alt in area.alts]
    assert len(areas) >= 3 and all(len(area.schools) <= 20 for area in areas)
    assert sorted(schools) == sorted(s.id for s in week.schools)
    assert len(alts) == len(set(alts))
    for area in areas:
        # An area's ALTs visit only its schools in the start, so no two areas touch one school's limits.
        assert {v.school for v in start.visits if v.alt in area.alts} <= set(area.schools)


def test_an_area_re_plans_only_its_own_alts_at_its_own_schools_and_never_loses() -> None:
    week = tight_city()
    start = started(week)
    area = max(plan_areas(week, start, most_schools=20), key=lambda a: len(a.alts))
    result = improve_area(week, start, area, time_limit=6, workers=1)
    assert {alt for alt, _, _ in result.visits} <= set(area.alts)
    assert {school for _, _, school in result.visits} <= set(area.schools)
    assert result.gain >= 0


def test_the_joined_week_keeps_every_rule_and_adds_up_the_areas_gains() -> None:
    week = tight_city()
    start = started(week)
    areas = plan_areas(week, start, most_schools=20)
    results = [improve_area(week, start, area, time_limit=4, workers=1) for area in areas]
    joined = join_areas(week, start, results, time_limit=0, workers=1)
    assert check(week, joined) == []
    assert joined.objective == score(week, joined).objective
    assert joined.stats["areas_objective"] == (start.objective or 0) + sum(r.gain for r in results)
    assert joined.bound is not None and joined.bound >= (joined.objective or 0)


def test_an_area_plan_that_would_break_a_rule_in_the_whole_week_is_left_out_of_the_join() -> None:
    week = tight_city()
    start = started(week)
    area = plan_areas(week, start, most_schools=20)[0]
    # Everything the area's ALTs did, taken away: their schools fall short of their contracted days.
    emptied = AreaResult(area.number, area.alts, (), (), gain=10**9)
    joined = join_areas(week, start, [emptied], time_limit=0, workers=1)
    assert check(week, joined) == []
    assert joined.stats["areas_objective"] == start.objective


def test_a_week_solved_in_areas_in_two_processes_is_valid_and_at_least_its_start() -> None:
    week = tight_city(schools=45, seed=11)
    solution = solve_by_areas(week, time_limit=20, workers=1, processes=2, most_schools=15)
    assert check(week, solution) == []
    assert solution.stats["strategy"] == "areas" and solution.stats["areas"] >= 3
    assert (solution.objective or 0) >= solution.stats["start_objective"]
