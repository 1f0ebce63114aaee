"""The cycle's visits first: which ALT goes to which school on which day of which cycle week, one school a
day, with every school's cycle contract and `max_alts`, each ALT's `max_schools_per_week` in every week and
the fixed visits kept (CP-SAT). Each cycle week is then a week@1 problem whose school contracts are what
this plan gives it, whose ALTs at each school are the plan's, and which starts from the plan's visits: so
the cycle's rules 13 hold by construction, and the week solver only has to add lessons and improve.

The plan is worth the lessons it makes possible (each ALT-day as many of the school's lessons that day as
the ALT may teach in a day), less a little for every ALT beyond the first at a school.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from kakehashi.timetable.cycle.model import Cycle
from kakehashi.timetable.instance import Visit
from kakehashi.timetable.solve.eligibility import Eligibility

# The worth of one more ALT at a school, in lessons (ALTs beyond the first cost the week's extra_alt).
EXTRA_ALT_LESSONS = 3


@dataclass(frozen=True)
class VisitPlan:
    visits: dict[int, tuple[Visit, ...]]  # cycle week → its visits
    alts_at: dict[str, frozenset[str]]  # school → the ALTs the plan sends over the cycle


def plan_cycle_visits(cycle: Cycle, *, time_limit: float, workers: int, seed: int) -> VisitPlan | None:
    """The plan, or None when none was found in the time (the caller shares contracts out by count)."""
    base = cycle.base
    eligibility = Eligibility(base)
    model = cp_model.CpModel()
    x: dict[tuple[str, int, str, str], cp_model.IntVar] = {}
    worth: list[cp_model.LinearExprT] = []
    fixed = {(f.alt, f.week, f.day, f.school) for f in cycle.fixed}
    for week in cycle.week_numbers:
        lessons = cycle.weeks_instances[week]
        held = {(lesson.school, lesson.day) for school in lessons.schools for lesson in school.lessons}
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for school in lessons.schools:
            for lesson in school.lessons:
                counts[(school.id, lesson.day)] += 1
        for alt, day, school in eligibility.visits():
            key = (alt.id, week, day, school.id)
            if (school.id, day) in held or key in fixed:
                x[key] = var = model.new_bool_var("")
                worth.append(min(counts[(school.id, day)], alt.max_classes_per_day) * var)
    for key in fixed:
        if key not in x:
            return None  # a fixed visit the rules do not allow: the week solver will say why
        model.add(x[key] == 1)

    by_alt_day: dict[tuple[str, int, str], list[cp_model.IntVar]] = defaultdict(list)
    by_school: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    by_pair: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
    by_alt_week_school: dict[tuple[str, int, str], list[cp_model.IntVar]] = defaultdict(list)
    for (alt_id, week, day, school_id), var in x.items():
        by_alt_day[(alt_id, week, day)].append(var)
        by_school[school_id].append(var)
        by_pair[(alt_id, school_id)].append(var)
        by_alt_week_school[(alt_id, week, school_id)].append(var)
    for group in by_alt_day.values():
        model.add_at_most_one(group)
    used: dict[tuple[str, str], cp_model.IntVar] = {}
    for pair, group in by_pair.items():
        used[pair] = model.new_bool_var("")
        for var in group:
            model.add_implication(var, used[pair])
    for school in base.schools:
        model.add(sum(by_school[school.id]) >= school.visit_days.min)
        model.add(sum(by_school[school.id]) <= school.visit_days.max)
        model.add(sum(v for (a, s), v in used.items() if s == school.id) <= school.max_alts)
    schools_in_week: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    for (alt_id, week, _school), group in by_alt_week_school.items():
        present = model.new_bool_var("")
        for var in group:
            model.add_implication(var, present)
        schools_in_week[(alt_id, week)].append(present)
    for (alt_id, _week), there in schools_in_week.items():
        limit = base.alt_by_id[alt_id].max_schools_per_week
        if len(there) > limit:
            model.add(sum(there) <= limit)
    model.maximize(cp_model.LinearExpr.sum(worth) - EXTRA_ALT_LESSONS * cp_model.LinearExpr.sum(list(used.values())))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    # Presolve's probing and symmetry search took most of an 8-second limit on Maebashi's cycle before the
    # search began, and found nothing the search needed.
    solver.parameters.symmetry_level = 0
    solver.parameters.cp_model_probing_level = 0
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    visits: dict[int, list[Visit]] = {week: [] for week in cycle.week_numbers}
    alts_at: dict[str, set[str]] = defaultdict(set)
    for (alt_id, week, day, school_id), var in x.items():
        if solver.boolean_value(var):
            visits[week].append(Visit(alt_id, day, school_id))
            alts_at[school_id].add(alt_id)
    return VisitPlan({w: tuple(v) for w, v in visits.items()},
                     {school.id: frozenset(alts_at.get(school.id, ())) for school in base.schools})
