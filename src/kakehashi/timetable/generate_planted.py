"""Weeks written around a timetable that exists: the contracts coordinators really sign.

A board's contracts are not drawn at random: they are written from last year's timetable, so each
school's `visit_days.min` is the days it got then (sometimes one less) and there is a valid week with
little slack. `plant` takes a generated week, plans it as a careful coordinator would (below), then
rewrites every school's contract around that plan at a chosen tightness and returns both: the week,
and the planted timetable, valid by construction (checked before it is returned).

The coordinator's plan, one school a day as most programs work:
1. Schools that few ALTs can reach first, each to the nearest ALT who still has a free day and room
   for another school in the week (`max_schools_per_week`).
2. Each ALT's remaining days go to their schools with the most lessons not yet taught per day given.
3. Each school-visit takes a weekday on which the school has lessons, busiest day first.
4. Each ALT-day joins the most valuable lessons that fit (no overlap, daily and weekly caps), ALT-days
   taken in turns so that the weekly caps spread over the week.
Visits that end with no lesson are dropped: nobody sends an ALT to a school with nothing to teach.
"""

from __future__ import annotations

import copy
import random
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any, Literal

from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance, solution_to_json
from kakehashi.timetable.instance import Alt, Assignment, Instance, Lesson, School, Solution, Status, Visit
from kakehashi.timetable.score import score
from kakehashi.timetable.solve.eligibility import Eligibility, day_order
from kakehashi.timetable.solve.rules.coverage import lesson_value

Tightness = Literal["loose", "normal", "exact"]
TIGHTNESS: tuple[Tightness, ...] = ("loose", "normal", "exact")

# At "normal", this share of visited schools had a day less written into their contract than they
# got (a school that asked for less than it was given); the rest have exactly what they got.
NORMAL_ONE_LESS_SHARE = 0.2
# A few standing days (fixed visits) and ruled-out pairs (forbidden), as in a real program.
FIXED_PER_SCHOOLS = 15
FORBIDDEN_PER_SCHOOLS = 20

Document = dict[str, Any]


class PlantError(ValueError):
    """The planted timetable broke a rule: a bug in this module, never the caller's input."""


def plant(document: Document, *, tightness: Tightness, seed: int) -> tuple[Document, Document]:
    """(the week with contracts written around a planted timetable, that timetable as a solution file)."""
    if tightness not in TIGHTNESS:
        raise ValueError(f"tightness must be one of {', '.join(TIGHTNESS)}, not {tightness!r}")
    rng = random.Random(seed)
    open_week = without_contracts(document)
    instance = parse_instance(open_week)
    planted = coordinators_plan(instance)

    week = copy.deepcopy(open_week)
    days_at = Counter(visit.school for visit in planted.visits)
    alts_at: dict[str, set[str]] = defaultdict(set)
    for visit in planted.visits:
        alts_at[visit.school].add(visit.alt)
    for school in week["schools"]:
        school["visit_days"], school["max_alts"] = contract_around(
            rng, tightness, days_at[school["id"]], len(alts_at[school["id"]]))
    week["fixed"] = _fixed(rng, planted, len(week["schools"]))
    week["forbidden"] = _forbidden(rng, instance, planted, len(week["schools"]))
    week["name"] = f"{document['name']}, contracts around a planted week ({tightness})"

    final = parse_instance(week)
    planted = replace(planted, instance=final.name)
    planted = replace(planted, objective=score(final, planted).objective,
                      explanation=("The planted timetable the contracts were written around.",))
    broken = check(final, planted)
    if broken:
        raise PlantError(f"the planted timetable breaks {broken[0].message}")
    return week, solution_to_json(planted)


def without_contracts(document: Document) -> Document:
    """The week with no contract term yet: any school may take any number of ALT-days."""
    week = copy.deepcopy(document)
    for school in week["schools"]:
        school["visit_days"] = {"min": 0, "max": 5 * len(week.get("days", ())) or 25}
        school["max_alts"] = max(1, len(week["alts"]))
    week["fixed"], week["forbidden"] = [], []
    return week


def contract_around(rng: random.Random, tightness: Tightness, got: int, distinct: int) -> tuple[dict[str, int], int]:
    """visit_days and max_alts for a school that got `got` ALT-days from `distinct` ALTs."""
    if tightness == "exact":
        return {"min": got, "max": got}, max(1, distinct)
    if tightness == "loose":
        return {"min": max(0, got - 1), "max": got + 2}, distinct + 1
    low = got - 1 if got > 0 and rng.random() < NORMAL_ONE_LESS_SHARE else got
    return {"min": low, "max": got + 1}, max(1, distinct)


def _fixed(rng: random.Random, planted: Solution, schools: int) -> list[Document]:
    # Only days with one school: a fixed visit is a school's standing day.
    singles = [v for v in planted.visits
               if sum(1 for w in planted.visits if w.alt == v.alt and w.day == v.day) == 1]
    chosen = rng.sample(singles, min(len(singles), max(1, schools // FIXED_PER_SCHOOLS)))
    return [{"alt": v.alt, "day": v.day, "school": v.school}
            for v in sorted(chosen, key=lambda v: (v.alt, day_order(v.day), v.school))]


def _forbidden(rng: random.Random, instance: Instance, planted: Solution, schools: int) -> list[Document]:
    if schools < 5:
        return []
    used = {(v.alt, v.school) for v in planted.visits}
    eligibility = Eligibility(instance)
    candidates = sorted({(alt.id, school.id) for alt, _day, school in eligibility.visits()} - used)
    chosen = rng.sample(candidates, min(len(candidates), max(1, schools // FORBIDDEN_PER_SCHOOLS)))
    return [{"alt": alt, "school": school} for alt, school in sorted(chosen)]


# -- the coordinator's plan ----------------------------------------------------------------------


def coordinators_plan(instance: Instance) -> Solution:
    eligibility = Eligibility(instance)
    travel = eligibility.travel
    free_days = {alt.id: list(eligibility.days(alt)) for alt in instance.alts}
    schools_of: dict[str, list[str]] = defaultdict(list)

    def reachable(school: School) -> list[Alt]:
        return [alt for alt in eligibility.alts_of[school.id] if _lesson_days(eligibility, school, free_days[alt.id])]

    # 1. A first day for each school, scarcest first, from the nearest ALT with room.
    order = sorted(instance.schools, key=lambda s: (len(eligibility.alts_of[s.id]), s.id))
    days_given: Counter[tuple[str, str]] = Counter()
    for school in order:
        candidates = [alt for alt in reachable(school)
                      if len(schools_of[alt.id]) < min(alt.max_schools_per_week, len(free_days[alt.id]))]
        if not candidates:
            continue
        alt = min(candidates, key=lambda a: (travel.commute(a, school.id), a.id))
        schools_of[alt.id].append(school.id)
        days_given[(alt.id, school.id)] += 1

    # 2. The ALT's other days to their schools with the most lessons left per day given.
    lessons_at = Counter(lesson.school for lesson in instance.lesson_by_id.values())
    for alt in instance.alts:
        mine = schools_of[alt.id]
        spare = len(free_days[alt.id]) - len(mine)
        while mine and spare > 0:
            school_id = max(mine, key=lambda s: (lessons_at[s] / (1 + days_given[(alt.id, s)]), s))
            days_given[(alt.id, school_id)] += 1
            spare -= 1

    # 3. Weekdays: the school with the fewest lesson days first takes its busiest free day.
    visits: list[Visit] = []
    for alt in instance.alts:
        free = list(free_days[alt.id])
        for school_id in sorted(schools_of[alt.id], key=lambda s: (len(_lesson_days(
                eligibility, instance.school_by_id[s], free)), s)):
            for _ in range(days_given[(alt.id, school_id)]):
                options = _lesson_days(eligibility, instance.school_by_id[school_id], free)
                if not options:
                    break
                day = max(options, key=lambda d: (len(eligibility.lessons_at(school_id, d)), -day_order(d)))
                free.remove(day)
                visits.append(Visit(alt.id, day, school_id))

    # 4. Lessons, ALT-days in turns.
    joined = _join_lessons(instance, visits)
    teaching = {(alt, lesson.day) for alt, lesson in joined}
    kept = [v for v in visits if (v.alt, v.day) in teaching]
    draft = Solution(Status.FEASIBLE, tuple(sorted(kept, key=lambda v: (v.alt, day_order(v.day), v.school))),
                     tuple(sorted((Assignment(alt, lesson.id) for alt, lesson in joined),
                                  key=lambda a: (a.alt, a.lesson))), instance=instance.name)
    return replace(draft, objective=score(instance, draft).objective)


def _lesson_days(eligibility: Eligibility, school: School, days: list[str]) -> list[str]:
    return [day for day in days if eligibility.lessons_at(school.id, day)]


def _join_lessons(instance: Instance, visits: list[Visit]) -> list[tuple[str, Lesson]]:
    """Round after round, each ALT-day takes its most valuable lesson that still fits."""
    weights = instance.weights
    covered: Counter[tuple[str, str]] = Counter()
    taken: set[str] = set()
    day_lessons: dict[tuple[str, str], list[Lesson]] = defaultdict(list)
    week_count: Counter[str] = Counter()
    joined: list[tuple[str, Lesson]] = []
    open_days = sorted(visits, key=lambda v: (v.alt, day_order(v.day)))
    while open_days:
        still_open = []
        for visit in open_days:
            alt = instance.alt_by_id[visit.alt]
            mine = day_lessons[(visit.alt, visit.day)]
            if len(mine) >= alt.max_classes_per_day or week_count[alt.id] >= alt.classes_per_week.max:
                continue
            options = [lesson for lesson in instance.school_by_id[visit.school].lessons
                       if lesson.day == visit.day and lesson.id not in taken
                       and not any(lesson.overlaps(other) for other in mine)]
            if not options:
                continue
            best = max(options, key=lambda x: (lesson_value(weights.coverage_scale,
                                                             instance.homeroom_weight[(x.school, x.homeroom)],
                                                             covered[(x.school, x.homeroom)] + 1), -x.start, x.id))
            mine.append(best)
            taken.add(best.id)
            covered[(best.school, best.homeroom)] += 1
            week_count[alt.id] += 1
            joined.append((alt.id, best))
            still_open.append(visit)
        open_days = still_open
    return joined
