"""A large week in areas: split first, each area solved as a week of its own (in parallel, on other
machines), then joined and improved across the borders (ADR 0018, which replaces ADR 0014's order).

A prefecture's week (1,000 schools, 400 ALTs) is too large for one model, and in one process even its
first valid timetable takes minutes. So the week is split before anything is solved: the map is halved
along its longer side until each area has at most `most_schools` schools, and every ALT goes to the one
area holding most of the schools open to them (their school list, level and commute), kept to that
area's schools there. An area is then a week in its own right (`area_week`) that `solve` takes whole: at
about a hundred schools it builds in seconds and its own model and search get the time.

No school and no ALT belongs to two areas, and every rule and every term of the objective belongs to one
school or one ALT: the areas' valid timetables laid side by side are a valid week of the whole, whose
objective is the sum of theirs. The join lays them side by side, and the neighbourhood search then
re-plans a few ALTs at a time over the whole week, where an ALT may cross the border their area kept
them to. The checker has the last word.

A split can leave an area short of ALT-days for its schools' contracted minimums. `plan_areas` merges
such an area with its neighbour until every area passes the same obvious checks `solve` makes first; an
area that still finds no timetable makes the join solve the whole week in the time left (at least half
the limit), so a week the whole-week solve can do is never lost to the split.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import pairwise

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Assignment, Instance, School, Solution, Status, Visit
from kakehashi.timetable.score import score
from kakehashi.timetable.solve import COUNTING_SHARE, solve
from kakehashi.timetable.solve.alt_day_bound import counting_bound
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.explain_infeasible import precheck
from kakehashi.timetable.solve.search import improve

# A week with more schools than this is solved in areas of at most this many schools: a prefecture of
# 1,000 schools makes 8 areas of 125, each of which the whole-week solve builds in seconds.
AREA_SCHOOLS = 150
# Of the time limit, the join across the borders gets this share; the areas the rest.
JOIN_SHARE = 0.15
# When an area found no timetable, the whole week is solved in the time left, but never in less than
# this share of the limit (the answer is then late rather than missing).
WHOLE_WEEK_SHARE = 0.5
# An area never gets less than this, even when the areas before it overran.
MIN_AREA_SECONDS = 5.0


@dataclass(frozen=True)
class Area:
    number: int  # 1, 2, ...: "area 3 of 8" to a coordinator
    schools: tuple[str, ...]
    alts: tuple[str, ...]  # the ALTs who work in it, at its schools only


@dataclass(frozen=True)
class AreaResult:
    number: int
    visits: tuple[tuple[str, str, str], ...]  # (alt, day, school) of the area's ALTs
    lessons: tuple[tuple[str, str], ...]  # (alt, lesson)
    objective: int


def needs_areas(instance: Instance, most_schools: int = AREA_SCHOOLS) -> bool:
    return len(instance.schools) > most_schools


def plan_areas(instance: Instance, most_schools: int = AREA_SCHOOLS,
               eligibility: Eligibility | None = None) -> list[Area]:
    """Areas of at most `most_schools` nearby schools (more where neighbours had to be merged), each with
    the ALTs who have most of their open schools in it; every area passes `solve`'s obvious checks."""
    eligibility = eligibility or Eligibility(instance)
    halves = _halve(list(instance.schools), most_schools)
    groups = _fixed_together(instance, [[s.id for s in group] for group in halves])
    while True:
        areas = _with_alts(instance, groups, eligibility)
        short = next((k for k, area in enumerate(areas) if len(groups) > 1 and _obviously_short(instance, area)), None)
        if short is None:
            return areas
        # The halving keeps neighbours next to each other: the short area joins the smaller of the two.
        sides = [k for k in (short - 1, short + 1) if 0 <= k < len(groups)]
        other = min(sides, key=lambda k: len(groups[k]))
        first, second = sorted((short, other))
        groups[first:second + 1] = [groups[first] + groups[second]]


def _fixed_together(instance: Instance, groups: list[list[str]]) -> list[list[str]]:
    """An ALT's fixed visits in one area: a school fixed for an ALT whose other fixed visits lie mostly in
    another area moves there (a school fixed for two such ALTs is left, and the merging sees to it)."""
    area_of_school = {school: k for k, group in enumerate(groups) for school in group}
    by_alt: dict[str, list[str]] = {}
    for fixed in instance.fixed:
        by_alt.setdefault(fixed.alt, []).append(fixed.school)
    moved: set[str] = set()
    for alt in sorted(by_alt):
        count = Counter(area_of_school[school] for school in by_alt[alt])
        home = max(sorted(count), key=lambda k: count[k])
        for school in by_alt[alt]:
            if area_of_school[school] != home and school not in moved:
                moved.add(school)
                area_of_school[school] = home
    return [[school for group in groups for school in group if area_of_school[school] == k] for k in range(len(groups))]


def _with_alts(instance: Instance, groups: list[list[str]], eligibility: Eligibility) -> list[Area]:
    """Every ALT in one area. In a dense prefecture an ALT may reach most of the map, so the nearest
    area would crowd the centre: each ALT goes, among the areas where they reach at least half as many
    schools as in their best one, to the one furthest from its share of the week's ALT-days (its
    schools' contracted days, counted halfway between minimum and maximum). A fixed visit decides."""
    area_of_school = {school: k for k, group in enumerate(groups) for school in group}
    wanted = [sum(_days_wanted(instance.school_by_id[s]) for s in group) for group in groups]
    supply = sum(len(eligibility.days(alt)) for alt in instance.alts)
    target = [supply * w / max(1.0, sum(wanted)) for w in wanted]
    given = [0.0 for _ in groups]
    alts_in: list[list[str]] = [[] for _ in groups]
    fixed_at: dict[str, Counter[int]] = {}
    for fixed in instance.fixed:
        fixed_at.setdefault(fixed.alt, Counter())[area_of_school[fixed.school]] += 1
    reach = {alt.id: fixed_at.get(alt.id) or Counter(area_of_school[s.id] for s in eligibility.schools_of[alt.id])
             for alt in instance.alts}
    choices = {alt: [k for k, n in sorted(count.items()) if 2 * n >= max(count.values())] or [0]
               for alt, count in reach.items()}
    for alt in sorted(instance.alts, key=lambda a: (len(choices[a.id]), a.id)):
        k = max(choices[alt.id], key=lambda k: ((target[k] - given[k]) / max(1.0, target[k]), reach[alt.id][k]))
        alts_in[k].append(alt.id)
        given[k] += len(eligibility.days(alt))
    return [Area(k + 1, tuple(group), tuple(alts)) for k, (group, alts) in enumerate(zip(groups, alts_in, strict=True))]


def _days_wanted(school: School) -> float:
    return (school.visit_days.min + school.visit_days.max) / 2


def _obviously_short(instance: Instance, area: Area) -> bool:
    week = area_week(instance, area)
    if len(week.fixed) < sum(1 for f in instance.fixed if f.alt in set(area.alts)):
        return True  # an ALT with fixed visits in two areas
    return bool(precheck(week, Eligibility(week)))


def _halve(schools: list[School], most: int) -> list[list[School]]:
    if len(schools) <= most:
        return [schools]
    lats, lons = [s.location.lat for s in schools], [s.location.lon for s in schools]
    # A degree of longitude is shorter than one of latitude in Japan (about 0.8 at 36°N).
    by_lat = max(lats) - min(lats) >= 0.8 * (max(lons) - min(lons))
    ordered = sorted(schools, key=lambda s: (s.location.lat, s.location.lon, s.id) if by_lat
                     else (s.location.lon, s.location.lat, s.id))
    half = len(ordered) // 2
    return _halve(ordered[:half], most) + _halve(ordered[half:], most)


def area_week(instance: Instance, area: Area) -> Instance:
    """The area as a week of its own: its schools, its ALTs kept to its schools, their fixed visits there."""
    schools, alts = set(area.schools), set(area.alts)
    return replace(
        instance, name=f"{instance.name}, area {area.number}",
        schools=tuple(s for s in instance.schools if s.id in schools),
        alts=tuple(replace(a, schools=tuple(s for s in (area.schools if a.schools is None else a.schools)
                                            if s in schools)) for a in instance.alts if a.id in alts),
        travel=replace(instance.travel, minutes=tuple(
            m for m in instance.travel.minutes if {m.origin, m.destination} <= schools | alts)),
        fixed=tuple(f for f in instance.fixed if f.alt in alts and f.school in schools),
        forbidden=tuple(f for f in instance.forbidden if f.alt in alts and f.school in schools))


def solve_area(instance: Instance, area: Area, *, time_limit: float, workers: int, seed: int = 0,
               stop: Callable[[], bool] | None = None) -> AreaResult | None:
    """The area solved as a week of its own for `time_limit` seconds; None when it found no timetable."""
    return _solved(area_week(instance, area), area.number, time_limit=time_limit, workers=workers, seed=seed,
                   stop=stop)


def _solved(week: Instance, number: int, *, time_limit: float, workers: int, seed: int,
            stop: Callable[[], bool] | None) -> AreaResult | None:
    found = solve(week, time_limit=time_limit, workers=workers, seed=seed + number, stop=stop)
    if found.status not in (Status.OPTIMAL, Status.FEASIBLE) or check(week, found):
        return None
    return AreaResult(number, tuple((v.alt, v.day, v.school) for v in found.visits),
                      tuple((a.alt, a.lesson) for a in found.lessons), found.objective or 0)


def join_areas(instance: Instance, areas: list[Area], results: list[AreaResult | None], *, time_limit: float,
               workers: int, seed: int = 0, eligibility: Eligibility | None = None,
               stop: Callable[[], bool] | None = None) -> Solution:
    """Every area's timetable side by side, improved across the borders for `time_limit` seconds; or,
    when an area found none (or the union breaks a rule), the whole week solved in one piece."""
    started = time.monotonic()
    found = [r for r in results if r is not None]
    joined = _side_by_side(instance, found) if len(found) == len(results) else None
    if joined is None or check(instance, joined):
        whole = solve(instance, time_limit=time_limit, workers=workers, seed=seed, stop=stop)
        return replace(whole, stats={**whole.stats, "strategy": "areas, then the whole week",
                                     "areas": len(results), "areas_solved": len(found)})
    areas_objective = joined.objective
    # The counting bounds hold for the whole week at any size (the areas' own would not: their ALTs were
    # kept inside them); worked out first, so that the re-plans across the borders keep to the time left.
    bound_stats: dict[str, object] = {}
    bound = counting_bound(instance, eligibility or Eligibility(instance),
                           deadline=started + COUNTING_SHARE * time_limit, stats=bound_stats)
    best, counts = _across_borders(instance, areas, joined, deadline=started + time_limit, workers=workers, seed=seed,
                                   stop=stop)
    if check(instance, best):
        best = joined  # a safety net, as everywhere: a search bug must not reach the caller
    stats = {"strategy": "areas", "areas": len(results), "areas_objective": areas_objective,
             "border_steps": counts["steps"], "border_improved": counts["improved"],
             "join_seconds": round(time.monotonic() - started, 3), **bound_stats}
    sentence = (f"Solved in {len(results)} areas of nearby schools, then improved across their borders "
                f"({counts['steps']} re-plans, {counts['improved']} better); not proven optimal.")
    return replace(best, status=Status.FEASIBLE, bound=bound,
                   explanation=(sentence,), stats=stats)


def _across_borders(instance: Instance, areas: list[Area], week: Solution, *, deadline: float, workers: int,
                    seed: int, stop: Callable[[], bool] | None) -> tuple[Solution, dict[str, int]]:
    """Two neighbouring areas at a time (the halving keeps neighbours next to each other) as one week of
    their own, re-planned a few ALTs at a time where each ALT may now work on both sides of the border.
    A pair is small where the whole prefecture is not: its re-plans fit in the join's time."""
    counts = {"steps": 0, "improved": 0}
    pairs = list(pairwise(areas))
    for k, (one, other) in enumerate(pairs):
        now = time.monotonic()
        if now >= deadline - 1 or (stop is not None and stop()):
            break
        pair = _settled_part(week, set(one.alts) | set(other.alts), set(one.schools) | set(other.schools))
        if not pair.alts:
            continue
        part = area_week(instance, pair)
        own = set(pair.alts)
        start = _side_by_side(part, [AreaResult(0, tuple((v.alt, v.day, v.school) for v in week.visits if v.alt in own),
                                                tuple((a.alt, a.lesson) for a in week.lessons if a.alt in own), 0)])
        if check(part, start):
            continue
        better, step = improve(part, start, eligibility=Eligibility(part), workers=workers, seed=seed + k, stop=stop,
                               deadline=now + (deadline - now) / (len(pairs) - k))
        counts = {key: counts[key] + step[key] for key in counts}
        if (better.objective or 0) > (start.objective or 0):
            week = _side_by_side(instance, [AreaResult(
                0, tuple((v.alt, v.day, v.school) for v in week.visits if v.alt not in own)
                + tuple((v.alt, v.day, v.school) for v in better.visits),
                tuple((a.alt, a.lesson) for a in week.lessons if a.alt not in own)
                + tuple((a.alt, a.lesson) for a in better.lessons), 0)])
    return week, counts


def _settled_part(week: Solution, alts: set[str], schools: set[str]) -> Area:
    """The ALTs of `alts` whose visits all lie in `schools`, and the schools of `schools` nobody else
    visits: re-planned together, they touch no other school's limits and no other ALT (an earlier pair
    may have moved an ALT across its own border)."""
    while True:
        outsiders = {v.school for v in week.visits if v.alt not in alts}
        free = schools - outsiders
        settled = {alt for alt in alts if all(v.school in free for v in week.visits if v.alt == alt)}
        if settled == alts and free == schools:
            return Area(0, tuple(sorted(schools)), tuple(sorted(alts)))
        alts, schools = settled, free


def _side_by_side(instance: Instance, results: list[AreaResult]) -> Solution:
    visits = tuple(Visit(*v) for r in results for v in r.visits)
    lessons = tuple(Assignment(*a) for r in results for a in r.lessons)
    draft = Solution(Status.FEASIBLE, visits, lessons, instance=instance.name)
    return replace(draft, objective=score(instance, draft).objective)


def whole_week_seconds(time_limit: float, elapsed: float) -> float:
    """The join's time when it must solve the whole week: what is left, but at least a share of the limit."""
    return max(WHOLE_WEEK_SHARE * time_limit, time_limit - elapsed)


def solve_by_areas(instance: Instance, *, time_limit: float, workers: int, processes: int = 1, seed: int = 0,
                   most_schools: int = AREA_SCHOOLS) -> Solution:
    """The week solved the way the task queue does it, with `processes` local processes standing for
    the queue's workers (the command line's way): the split, the areas side by side, the join."""
    started = time.monotonic()
    eligibility = Eligibility(instance)
    areas = plan_areas(instance, most_schools, eligibility)
    plan_seconds = time.monotonic() - started
    if len(areas) == 1:
        return solve(instance, time_limit=time_limit - plan_seconds, workers=workers, seed=seed)
    processes = max(1, processes)
    # The areas end by this wall-clock time; each takes its share of what is left when it starts, so
    # one that overran shortens the next instead of the join.
    areas_end = time.time() + (1 - JOIN_SHARE) * time_limit - plan_seconds
    with ProcessPoolExecutor(max_workers=processes) as pool:
        results = list(pool.map(_area_in_pool, [area_week(instance, a) for a in areas], areas,
                                [-(-(len(areas) - k) // processes) for k in range(len(areas))],
                                [areas_end] * len(areas), [workers] * len(areas), [seed] * len(areas)))
    areas_seconds = time.monotonic() - started
    left = time_limit - areas_seconds
    join_limit = max(0.0, left - 1) if all(results) else whole_week_seconds(time_limit, areas_seconds)
    joined = join_areas(instance, areas, results, time_limit=join_limit, workers=workers, seed=seed,
                        eligibility=eligibility)
    return replace(joined, stats={**joined.stats, "areas_seconds": round(areas_seconds, 3),
                                  "area_objectives": [r.objective if r else None for r in results],
                                  "total_seconds": round(time.monotonic() - started, 3)})


def _area_in_pool(week: Instance, area: Area, rounds_left: int, areas_end: float, workers: int,
                  seed: int) -> AreaResult | None:
    """An area in a pool's process: its share of the areas' time left when it starts, at least a few seconds."""
    limit = max(MIN_AREA_SECONDS, (areas_end - time.time()) / max(1, rounds_left))
    return _solved(week, area.number, time_limit=limit, workers=workers, seed=seed, stop=None)
