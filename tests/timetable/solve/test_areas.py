"""A large week in areas, split first: nearby schools together, every ALT in one area with enough ALT-days
for its schools, areas that are weeks of their own, and a join that keeps every rule (or solves the whole
week when an area found nothing)."""

from __future__ import annotations

from dataclasses import replace

from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.generate_planted import Tightness, plant
from kakehashi.timetable.instance import FixedVisit, Instance
from kakehashi.timetable.score import score
from kakehashi.timetable.solve.areas import area_week, join_areas, plan_areas, solve_area, solve_by_areas
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.explain_infeasible import precheck


def tight_city(schools: int = 60, seed: int = 7, tightness: Tightness = "normal") -> Instance:
    document, _planted = plant(generate_synthetic(schools=schools, alts=round(schools / 3.3), seed=seed),
                               tightness=tightness, seed=seed)
    return parse_instance(document)


def test_areas_split_every_school_and_every_alt_once_and_each_area_passes_the_obvious_checks() -> None:
    week = tight_city()
    areas = plan_areas(week, most_schools=20)
    schools = [school for area in areas for school in area.schools]
    alts = [alt for area in areas for alt in area.alts]
    assert len(areas) >= 2
    assert sorted(schools) == sorted(s.id for s in week.schools)
    assert sorted(alts) == sorted(a.id for a in week.alts)
    for area in areas:
        part = area_week(week, area)
        assert precheck(part, Eligibility(part)) == []


def test_an_area_is_a_week_of_its_own_whose_alts_work_only_at_its_schools() -> None:
    week = tight_city()
    area = plan_areas(week, most_schools=20)[0]
    part = area_week(week, area)
    assert {s.id for s in part.schools} == set(area.schools) and {a.id for a in part.alts} == set(area.alts)
    eligibility = Eligibility(part)
    assert all(school.id in area.schools for alt in part.alts for school in eligibility.schools_of[alt.id])
    assert all(f.school in area.schools and f.alt in area.alts for f in part.fixed)


def test_an_alts_fixed_visits_keep_the_alt_and_those_schools_in_one_area() -> None:
    week = tight_city()
    first, last = week.schools[0], week.schools[-1]
    alt = next(a for a in week.alts if first.level in a.levels and last.level in a.levels)
    # Two fixed visits far apart on the map: the split would put them in different areas.
    spread = replace(week, fixed=(FixedVisit(alt.id, "mon", first.id), FixedVisit(alt.id, "tue", last.id)),
                     alts=tuple(replace(a, schools=None, max_commute_minutes=600) if a.id == alt.id else a
                                for a in week.alts))
    areas = plan_areas(spread, most_schools=20)
    home = next(area for area in areas if alt.id in area.alts)
    assert {first.id, last.id} <= set(home.schools)


def test_the_areas_side_by_side_keep_every_rule_and_their_objectives_add_up() -> None:
    week = tight_city()
    areas = plan_areas(week, most_schools=20)
    results = [solve_area(week, area, time_limit=5, workers=1) for area in areas]
    joined = join_areas(week, areas, results, time_limit=0, workers=1)
    assert joined.stats["strategy"] == "areas"
    assert check(week, joined) == []
    assert joined.objective == score(week, joined).objective
    assert joined.stats["areas_objective"] == sum(r.objective for r in results if r is not None)
    assert joined.bound is not None and joined.bound >= (joined.objective or 0)


def test_when_an_area_found_no_timetable_the_join_solves_the_whole_week_and_it_is_valid() -> None:
    week = tight_city(tightness="exact")
    areas = plan_areas(week, most_schools=20)
    results = [solve_area(week, area, time_limit=5, workers=1) for area in areas]
    results[0] = None
    joined = join_areas(week, areas, results, time_limit=20, workers=1)
    assert joined.stats["strategy"] == "areas, then the whole week"
    assert check(week, joined) == []


def test_the_join_re_plans_neighbouring_areas_across_their_border_and_keeps_every_rule() -> None:
    week = tight_city()
    areas = plan_areas(week, most_schools=20)
    results = [solve_area(week, area, time_limit=3, workers=1) for area in areas]
    joined = join_areas(week, areas, results, time_limit=25, workers=1)
    assert check(week, joined) == []
    assert joined.stats["border_steps"] >= 1
    assert (joined.objective or 0) >= joined.stats["areas_objective"]


def test_a_week_solved_in_areas_in_two_processes_is_valid_and_at_least_its_areas_side_by_side() -> None:
    week = tight_city(schools=45, seed=11)
    solution = solve_by_areas(week, time_limit=20, workers=1, processes=2, most_schools=15)
    assert check(week, solution) == []
    assert solution.stats["strategy"] == "areas" and solution.stats["areas"] >= 3
    assert (solution.objective or 0) >= solution.stats["areas_objective"]


def test_planted_weeks_solved_in_areas_are_valid_whatever_their_tightness() -> None:
    cases: tuple[tuple[Tightness, int], ...] = (("exact", 3), ("normal", 5))
    for tightness, seed in cases:
        week = tight_city(schools=40, seed=seed, tightness=tightness)
        solution = solve_by_areas(week, time_limit=15, workers=1, processes=1, most_schools=12)
        assert check(week, solution) == [], (tightness, solution.stats.get("strategy"))
