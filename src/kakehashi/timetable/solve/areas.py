"""A large week in areas: each area improved on its own (in parallel, on other machines), then joined.

A prefecture's week (1,000 schools, 400 ALTs) is too large for one model, and one process takes
minutes on it. The week is first given a valid timetable (the construction, as `solve` makes it), then
split into areas of nearby schools. An area's ALTs are those whose visits all lie in it; they are
re-planned together with CP-SAT, kept to the area's schools, while everyone else stays as they are
(subproblem.py: the part is scored exactly as the whole would be). ALTs whose week crosses a border
stay put in every area, so no two areas can touch the same school's limits or the same ALT: the areas'
timetables laid side by side keep every rule, and each area's gain adds up. The join then re-plans a
few ALTs at a time across the borders (search.py), and the checker has the last word.

Because every area starts from the valid week, an area that finds nothing better just keeps it: the
split can make the answer better or leave it, never make it disappear.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Assignment, Instance, School, Solution, Status, Visit
from kakehashi.timetable.score import score
from kakehashi.timetable.solve import COUNTING_SHARE, first_timetable, solve
from kakehashi.timetable.solve.alt_day_bound import counting_bound
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.search import improve

# A week with more schools than this is solved in areas of at most about this many schools; at 120
# schools the whole-week model does well inside a minute on two cores (benchmarks/RESULTS.md).
AREA_SCHOOLS = 120
# Of the time after the first valid week, the areas get this share; the join across borders the rest.
AREAS_SHARE = 0.7


@dataclass(frozen=True)
class Area:
    number: int  # 1, 2, ...: "area 3 of 8" to a coordinator
    schools: tuple[str, ...]
    alts: tuple[str, ...]  # the ALTs re-planned in it: every visit of theirs in the start is in the area


@dataclass(frozen=True)
class AreaResult:
    number: int
    alts: tuple[str, ...]  # the area's ALTs, whose whole week `visits` and `lessons` now are
    visits: tuple[tuple[str, str, str], ...]  # (alt, day, school) of the area's ALTs
    lessons: tuple[tuple[str, str], ...]  # (alt, lesson)
    gain: int  # how much the area's re-plan added to the whole week's objective (0: kept as it was)


def needs_areas(instance: Instance, most_schools: int = AREA_SCHOOLS) -> bool:
    return len(instance.schools) > most_schools


def plan_areas(instance: Instance, start: Solution, most_schools: int = AREA_SCHOOLS,
               eligibility: Eligibility | None = None) -> list[Area]:
    """Areas of at most `most_schools` nearby schools (halving the map along its longer side), each with
    the ALTs whose visits in `start` all lie in it (an ALT without visits goes where most of the schools
    open to them are)."""
    groups = _halve(list(instance.schools), most_schools)
    area_of_school = {school.id: k for k, group in enumerate(groups) for school in group}
    visited: dict[str, set[int]] = defaultdict(set)
    for visit in start.visits:
        visited[visit.alt].add(area_of_school[visit.school])
    eligibility = eligibility or Eligibility(instance)
    alts_in: list[list[str]] = [[] for _ in groups]
    for alt in instance.alts:
        areas = visited.get(alt.id)
        if areas is None:
            reach = Counter(area_of_school[school.id] for school in eligibility.schools_of[alt.id])
            if reach:
                alts_in[max(sorted(reach), key=lambda k: reach[k])].append(alt.id)
        elif len(areas) == 1:
            alts_in[next(iter(areas))].append(alt.id)
    return [Area(k + 1, tuple(s.id for s in group), tuple(alts))
            for k, (group, alts) in enumerate(zip(groups, alts_in, strict=True))]


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


def improve_area(instance: Instance, start: Solution, area: Area, *, time_limit: float, workers: int,
                 seed: int = 0) -> AreaResult:
    """The area's ALTs re-planned a few at a time within the area's schools for `time_limit` seconds,
    everyone else as in `start` (valid)."""
    began = time.monotonic()
    own = set(area.alts)
    best = start
    if area.alts:
        best, _counts = improve(instance, start, eligibility=Eligibility(instance), deadline=began + time_limit,
                                workers=workers, seed=seed + area.number, within=(area.alts, set(area.schools)))
    if check(instance, best):
        best = start  # a safety net, as everywhere: a search bug must not reach the join
    return AreaResult(area.number, area.alts, tuple((v.alt, v.day, v.school) for v in best.visits if v.alt in own),
                      tuple((a.alt, a.lesson) for a in best.lessons if a.alt in own),
                      (best.objective or 0) - (start.objective or 0))


def join_areas(instance: Instance, start: Solution, results: list[AreaResult], *, time_limit: float,
               workers: int, seed: int = 0, eligibility: Eligibility | None = None) -> Solution:
    """The start with every area's ALTs as their area planned them, improved across the borders for
    `time_limit` seconds. An area whose plan would break a rule in the whole week is left as it was."""
    started = time.monotonic()
    eligibility = eligibility or Eligibility(instance)
    # The counting bounds hold for the whole week at any size (the areas' own would not: their ALTs were
    # kept inside them); worked out first, so that the join's re-plans keep to the time left.
    bound_stats: dict[str, object] = {}
    bound = counting_bound(instance, eligibility, deadline=started + COUNTING_SHARE * time_limit, stats=bound_stats)
    week = start
    for result in sorted(results, key=lambda r: r.number):
        candidate = _with_area(instance, week, result)
        if not check(instance, candidate):
            week = candidate
    areas_objective = week.objective
    best, counts = improve(instance, week, eligibility=eligibility, deadline=started + time_limit,
                           workers=workers, seed=seed)
    stats = {"strategy": "areas", "areas": len(results), "start_objective": start.objective,
             "areas_objective": areas_objective, "border_steps": counts["steps"],
             "border_improved": counts["improved"], "join_seconds": round(time.monotonic() - started, 3),
             **bound_stats}
    sentence = (f"Improved in {len(results)} areas of nearby schools, then across their borders "
                f"({counts['steps']} re-plans, {counts['improved']} better); not proven optimal.")
    return replace(best, status=Status.FEASIBLE, bound=bound,
                   explanation=(sentence,), stats=stats)


def _with_area(instance: Instance, week: Solution, result: AreaResult) -> Solution:
    own = set(result.alts)
    visits = tuple(v for v in week.visits if v.alt not in own) + tuple(Visit(*v) for v in result.visits)
    lessons = tuple(a for a in week.lessons if a.alt not in own) + tuple(Assignment(*a) for a in result.lessons)
    draft = Solution(Status.FEASIBLE, visits, lessons, instance=instance.name)
    return replace(draft, objective=score(instance, draft).objective)


def solve_by_areas(instance: Instance, *, time_limit: float, workers: int, processes: int = 1, seed: int = 0,
                   most_schools: int = AREA_SCHOOLS) -> Solution:
    """The week solved the way the task queue does it, with `processes` local processes for the areas
    (the command line's way): a valid week, the areas in parallel, the join."""
    started = time.monotonic()
    stats: dict[str, object] = {}
    start = first_timetable(instance, time_limit=time_limit, workers=workers, seed=seed, stats=stats)
    if start is None:
        return solve(instance, time_limit=max(1.0, time_limit - (time.monotonic() - started)), workers=workers,
                     seed=seed)
    # Who may go where is worked out once here for the split and the join (seconds at prefecture size);
    # each area's process works it out for itself.
    eligibility = Eligibility(instance)
    areas = plan_areas(instance, start, most_schools, eligibility)
    left = time_limit - (time.monotonic() - started)
    rounds = -(-len(areas) // max(1, processes))
    per_area = AREAS_SHARE * left / rounds
    with ProcessPoolExecutor(max_workers=max(1, processes)) as pool:
        results = list(pool.map(_improve_area_for_pool, [instance] * len(areas), [start] * len(areas), areas,
                                [per_area] * len(areas), [workers] * len(areas), [seed] * len(areas)))
    joined = join_areas(instance, start, results, time_limit=max(0.0, time_limit - (time.monotonic() - started) - 1),
                        workers=workers, seed=seed, eligibility=eligibility)
    return replace(joined, stats={**stats, **joined.stats, "total_seconds": round(time.monotonic() - started, 3)})


def _improve_area_for_pool(instance: Instance, start: Solution, area: Area, time_limit: float, workers: int,
                           seed: int) -> AreaResult:
    return improve_area(instance, start, area, time_limit=time_limit, workers=workers, seed=seed)
