"""A valid timetable when the greedy construction fails: visits first, by CP-SAT, then lessons.

Tight contracts (each school's `visit_days.min` exactly what it got last year, `max_alts` what it
had) leave greedy choices no room: a school taken early uses the ALT-days a scarcer one needed.
This construction decides only *where each ALT is each day* first, in a small CP-SAT model that
holds every contract term that concerns visits — one school a day, rules 3, 4 and 9 by the
variables it creates, rule 8 (schools a week), rule 10 (visit days and `max_alts`), rule 11 (fixed)
— and nothing about lessons, so it is solved in a fraction of the whole model's time. Its objective
is an estimate (each visit's best lessons, less the trip and an extra ALT); the lessons are then
joined greedily under rules 1, 5, 6 and 7, and visits that pay are added where contracts leave room.

One school a day is a restriction (two-school days come later, from the main model or the search),
so when this model is infeasible nothing is proven: it says so and the caller goes on.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from typing import Any

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance, Lesson, Solution
from kakehashi.timetable.solve.bound import most_disjoint
from kakehashi.timetable.solve.construct import WeekDraft, add_paying_visits, place_fixed
from kakehashi.timetable.solve.eligibility import Eligibility, day_order
from kakehashi.timetable.solve.model import configured_solver

# The first try keeps each school's nearest ALTs and each ALT's nearest schools (see `_candidates`).
NEAREST = 8
# After the first valid set of visits, improving it gets at most this share of the budget.
IMPROVE_SHARE = 0.4


def construct_by_visits(instance: Instance, eligibility: Eligibility, *, time_limit: float, workers: int,
                        seed: int, stats: dict[str, Any] | None = None) -> Solution | None:
    """A valid timetable, or None when the visits model finds none in `time_limit` seconds."""
    stats = stats if stats is not None else {}
    week = WeekDraft(instance, eligibility, {(a.id, d, s.id) for a, d, s in eligibility.visits()})
    if not place_fixed(week):
        stats["visits_model"] = "fixed visits cannot all be placed"
        return None
    deadline = time.monotonic() + time_limit
    chosen = None
    for near in (NEAREST, None):
        # Near pairs first (a coordinator's plan uses them); every open pair if that is not enough.
        left = deadline - time.monotonic()
        if left < 0.5:
            break
        chosen, proven_none = _choose_visits(week, _candidates(week, near), time_limit=left, workers=workers,
                                             seed=seed, stats=stats)
        if chosen is not None or not proven_none:
            break
    if chosen is None:
        return None
    for alt_id, day, school_id in chosen:
        week.add_visit(instance.alt_by_id[alt_id], day, instance.school_by_id[school_id])
    _join_in_turns(week, chosen)
    add_paying_visits(week, deadline)
    return week.solution()


def _candidates(week: WeekDraft, near: int | None) -> set[tuple[str, str]]:
    """(ALT, school) pairs the visits model may use: with `near`, each school's `near` nearest ALTs
    and each ALT's `2 * near` nearest schools (by commute), plus fixed ones; else every open pair."""
    eligibility, travel = week.eligibility, week.eligibility.travel
    pairs = {(alt.id, school.id) for alt in week.instance.alts for school in eligibility.schools_of[alt.id]}
    if near is None:
        return pairs
    kept = {(alt, school) for alt, schools in week.schools_of_alt.items() for school in schools}
    for school in week.instance.schools:
        alts = sorted(eligibility.alts_of[school.id], key=lambda a: (travel.commute(a, school.id), a.id))
        kept |= {(alt.id, school.id) for alt in alts[:near]}
    for alt in week.instance.alts:
        schools = sorted(eligibility.schools_of[alt.id], key=lambda s: (travel.commute(alt, s.id), s.id))
        kept |= {(alt.id, school.id) for school in schools[:2 * near]}
    return kept & pairs


def _choose_visits(week: WeekDraft, candidates: set[tuple[str, str]], *, time_limit: float, workers: int, seed: int,
                   stats: dict[str, Any]) -> tuple[list[tuple[str, str, str]] | None, bool]:
    """The chosen (ALT, day, school) visits, or None and whether the model was proven infeasible.

    The model decides *how many* days each ALT spends at each school, not which weekdays: any
    weekdays keep the visit rules (a visit needs no lesson), so the weekdays are placed afterwards
    for the lessons (`_place_weekdays`), and the search is spared the weekdays' symmetry."""
    instance, eligibility, travel = week.instance, week.eligibility, week.eligibility.travel
    weights = instance.weights
    model = cp_model.CpModel()
    free_days = {alt.id: [d for d in eligibility.days(alt) if not week.schools_on.get((alt.id, d))]
                 for alt in instance.alts}
    # (alt, school) → booleans "at least k days there", k = 1, 2, …; the first is "the ALT works there"
    days_at: dict[tuple[str, str], list[Any]] = {}
    of_alt: dict[str, list[Any]] = defaultdict(list)
    at_school: dict[str, list[Any]] = defaultdict(list)
    lessons_estimate: dict[str, list[tuple[int, Any]]] = defaultdict(list)
    value_terms: list[Any] = []
    for alt in instance.alts:
        for school in eligibility.schools_of[alt.id]:
            if (alt.id, school.id) not in candidates:
                continue
            room = min(len(free_days[alt.id]), school.visit_days.max - week.alt_days_at[school.id])
            best = _best_days(week, alt.id, school.id, free_days[alt.id])
            if school.visit_days.min <= week.alt_days_at[school.id]:
                room = min(room, len(best))  # a day with nothing to teach is only wanted for a minimum
            if room <= 0:
                continue
            at_least = [model.new_bool_var("") for _ in range(room)]
            for more, fewer in itertools.pairwise(at_least):
                model.add_implication(fewer, more)
            days_at[(alt.id, school.id)] = at_least
            of_alt[alt.id].extend(at_least)
            at_school[school.id].extend(at_least)
            commute = weights.travel_minute * 2 * travel.commute(alt, school.id)
            for k, var in enumerate(at_least):
                count, value = best[k] if k < len(best) else (0, 0)
                lessons_estimate[alt.id].append((count, var))
                value_terms.append((value - commute) * var)

    firsts_of: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for (alt_id, school_id), at_least in days_at.items():
        firsts_of[alt_id].append((school_id, at_least[0]))
    for alt in instance.alts:
        if of_alt.get(alt.id):
            model.add(sum(of_alt[alt.id]) <= len(free_days[alt.id]))
        before = week.schools_of_alt[alt.id]
        fresh = [var for school_id, var in firsts_of[alt.id] if school_id not in before]
        if len(fresh) > alt.max_schools_per_week - len(before):
            model.add(sum(fresh) <= alt.max_schools_per_week - len(before))
    firsts_at: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for (alt_id, school_id), at_least in days_at.items():
        firsts_at[school_id].append((alt_id, at_least[0]))
    for school in instance.schools:
        given = week.alt_days_at[school.id]
        school_days = at_school.get(school.id, [])
        if school.visit_days.min > given and not school_days:
            stats["visits_model"] = f"no ALT may visit {school.id} on a day left"
            return None, True
        model.add_linear_constraint(sum(school_days), school.visit_days.min - given, school.visit_days.max - given)
        before = week.alts_at[school.id]
        fresh = [var for alt_id, var in firsts_at[school.id] if alt_id not in before]
        if len(fresh) > school.max_alts - len(before):
            model.add(sum(fresh) <= school.max_alts - len(before))

    # The objective, estimated: each day's best lessons and its trip, an extra ALT at a school, and an
    # ALT's classes below their weekly minimum.
    penalties: list[Any] = [weights.extra_alt * at_least[0] for at_least in days_at.values()]
    for alt in instance.alts:
        if alt.classes_per_week.min > 0 and lessons_estimate.get(alt.id):
            short = model.new_int_var(0, alt.classes_per_week.min, "")
            model.add(short >= alt.classes_per_week.min - sum(c * v for c, v in lessons_estimate[alt.id]))
            penalties.append(weights.shortfall_class * short)
    model.maximize(sum(value_terms) - sum(penalties))

    # A valid week is what this phase is for: first any one, with the whole budget if need be (a
    # one-worker search is bounded by deterministic time, which a busy machine does not stretch,
    # so it gets the wall-clock budget itself here)...
    began = time.monotonic()
    solver = configured_solver(time_limit, workers, seed)
    solver.parameters.max_deterministic_time = time_limit
    solver.parameters.stop_after_first_solution = True
    code = solver.solve(model)
    stats["visits_model"] = {"status": solver.status_name(code), "variables": sum(map(len, days_at.values())),
                             "seconds": round(solver.wall_time, 3)}
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, code == cp_model.INFEASIBLE
    counts = {key: sum(solver.boolean_value(v) for v in at_least) for key, at_least in days_at.items()}
    # ... then a better one, in a short share of what is left, starting from the first.
    left = min(IMPROVE_SHARE * time_limit, time_limit - (time.monotonic() - began))
    if code == cp_model.FEASIBLE and left > 0.2:
        for key, at_least in days_at.items():
            for k, var in enumerate(at_least):
                model.add_hint(var, k < counts[key])
        better = configured_solver(left, workers, seed)
        better.parameters.relative_gap_limit = 0.02
        if better.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE) and \
                better.objective_value >= solver.objective_value:
            counts = {key: sum(better.boolean_value(v) for v in at_least) for key, at_least in days_at.items()}
            stats["visits_model"]["improved_seconds"] = round(better.wall_time, 3)
    chosen = _place_weekdays(week, {key: n for key, n in counts.items() if n}, free_days)
    return sorted(chosen, key=lambda k: (k[0], day_order(k[1]), k[2])), False


def _best_days(week: WeekDraft, alt_id: str, school_id: str, free: list[str]) -> list[tuple[int, int]]:
    """(lessons, value) of the ALT's free days with lessons at the school, most valuable first."""
    instance, eligibility = week.instance, week.eligibility
    alt = instance.alt_by_id[alt_id]
    days = []
    for day in free:
        lessons = eligibility.lessons_at(school_id, day)
        if lessons:
            count = min(alt.max_classes_per_day, most_disjoint(lessons))
            days.append((count, _first_lessons_value(instance, lessons, count)))
    return sorted(days, key=lambda d: d[1], reverse=True)


def _place_weekdays(week: WeekDraft, counts: dict[tuple[str, str], int],
                    free_days: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """Each ALT's schools onto their free weekdays, the assignment worth the most lessons (every
    order of at most five days is tried; days with nothing to teach are still visits)."""
    instance = week.instance
    slots_of: dict[str, list[str]] = defaultdict(list)
    for (alt_id, school_id), n in sorted(counts.items()):
        slots_of[alt_id].extend([school_id] * n)
    chosen: list[tuple[str, str, str]] = []
    for alt_id, slots in slots_of.items():
        alt = instance.alt_by_id[alt_id]
        worth: dict[tuple[str, str], int] = {}
        for school_id in set(slots):
            for day in free_days[alt_id]:
                lessons = week.eligibility.lessons_at(school_id, day)
                count = min(alt.max_classes_per_day, most_disjoint(lessons))
                worth[(school_id, day)] = _first_lessons_value(instance, lessons, count)
        days = free_days[alt_id]
        best: tuple[int, tuple[str, ...]] | None = None
        for order in itertools.permutations(days, len(slots)):
            total = sum(worth[(school_id, day)] for school_id, day in zip(slots, order, strict=True))
            if best is None or total > best[0]:
                best = (total, order)
        assert best is not None
        chosen.extend((alt_id, day, school_id) for school_id, day in zip(slots, best[1], strict=True))
    return chosen


def _first_lessons_value(instance: Instance, lessons: tuple[Lesson, ...], count: int) -> int:
    """What the `count` most valuable lessons would add if each were its class's first ALT lesson."""
    scale = instance.weights.coverage_scale
    values = sorted((scale * instance.homeroom_weight[(x.school, x.homeroom)] for x in lessons), reverse=True)
    return sum(values[:count])


def _join_in_turns(week: WeekDraft, chosen: list[tuple[str, str, str]]) -> None:
    """Round after round, each ALT-day takes its most valuable lesson that still fits, so that weekly
    caps and the D'Hondt shares spread over the week instead of going to whichever day came first."""
    instance = week.instance
    open_days = list(dict.fromkeys((alt, day) for alt, day, _school in chosen))
    while open_days:
        still_open = []
        for alt_id, day in open_days:
            alt = instance.alt_by_id[alt_id]
            plan = week.plan(alt, day)
            if not plan.lessons:
                continue
            week.join(alt, plan.lessons[:1])
            still_open.append((alt_id, day))
        open_days = still_open
