"""The cycle solver: the week solver, once per cycle week, with the cycle's contracts shared out.

First the cycle's visits are planned (`plan_visits.py`, CP-SAT, one school a day): each cycle week then
gets, as its schools' contracts, the days that plan gives them (the room up to each cycle maximum shared
out too), only the plan's ALTs at each school, and the plan's visits as its starting timetable. Each week
is solved by the week@1 solver as it is (construction, CP-SAT, neighbourhood search), in order. So rule 13
holds by construction: no school sees more ALTs over the cycle than the plan sends it.

When no plan is found in its time, `split.py` shares each school's days out by count instead, and a
school's `max_alts` is kept week by week: once earlier weeks have sent it ALTs, a later week may send only
as many new ones as are left, and none once it has its `max_alts` (then only those ALTs).

The objective of the result is the cycle's (`score.py`). A one-week cycle is exactly the week problem,
so its status and bound are the week solver's; for a longer cycle the shares are one choice among many,
so the status is `feasible` at best and no bound is claimed (docs/cycle-format.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from kakehashi.timetable.cycle.model import Cycle, CycleSolution
from kakehashi.timetable.cycle.plan_visits import VisitPlan, plan_cycle_visits
from kakehashi.timetable.cycle.score import cycle_score
from kakehashi.timetable.cycle.split import split_visit_days
from kakehashi.timetable.instance import ForbiddenPair, Instance, Solution, Status, VisitDays
from kakehashi.timetable.solve import Progress, solve
from kakehashi.timetable.solve.model import ProgressReport

# The visit plan gets at most this share of the time limit (it is one model over every cycle week).
PLAN_SHARE = 0.3

# Hears of each better timetable of a cycle week: (the cycle week, the week solver's progress).
CycleProgress = Callable[[int, Progress], None]


def solve_cycle(cycle: Cycle, *, time_limit: float = 30.0, workers: int = 2, seed: int = 0,
                progress: CycleProgress | None = None, stop: Callable[[], bool] | None = None) -> CycleSolution:
    """`stop`, polled by each week's search, ends it early with the best timetable so far (a web app's cancel
    button); the weeks after it are still solved, each as briefly as its construction allows."""
    started = time.monotonic()
    plan = None if cycle.weeks == 1 else plan_cycle_visits(cycle, time_limit=PLAN_SHARE * time_limit,
                                                             workers=workers, seed=seed)
    shares = split_visit_days(cycle) if plan is None else _planned_shares(cycle, plan)
    used: dict[str, set[str]] = {}
    for fixed in cycle.fixed:  # a fixed ALT is the school's in every week; later weeks count them as sent
        used.setdefault(fixed.school, set()).add(fixed.alt)
    weeks: dict[int, Solution] = {}
    stats: dict[str, Any] = {"time_limit": time_limit, "workers": workers, "seed": seed, "weeks": {},
                             "visit_plan": plan is not None}
    for week in cycle.week_numbers:
        left = time_limit - (time.monotonic() - started)
        budget = max(1.0, left / (cycle.weeks - week + 1))
        if plan is None:
            instance, hint = _week_problem(cycle, week, shares[week], used), None
        else:
            instance = _planned_week(cycle, week, shares[week], plan)
            hint = Solution(Status.FEASIBLE, plan.visits[week], ())
        found = solve(instance, time_limit=budget, workers=workers, seed=seed, hint=hint,
                      progress=_in_week(progress, week), stop=stop)
        stats["weeks"][str(week)] = {"status": found.status.value, "objective": found.objective,
                                     "seconds": found.stats.get("total_seconds")}
        if found.status not in (Status.OPTIMAL, Status.FEASIBLE):
            status = found.status if cycle.weeks == 1 else Status.UNKNOWN
            prefix = "" if cycle.weeks == 1 else f"Cycle week {week}, with its share of each school's days: "
            stats["total_seconds"] = round(time.monotonic() - started, 3)
            return CycleSolution(status, (), (), instance=cycle.name, bound=found.bound if cycle.weeks == 1 else None,
                                 explanation=tuple(prefix + s for s in found.explanation), stats=stats)
        weeks[week] = found
        for visit in found.visits:
            used.setdefault(visit.school, set()).add(visit.alt)
    one_week = cycle.weeks == 1
    solution = CycleSolution.from_weeks(
        weeks, status=weeks[1].status if one_week else Status.FEASIBLE, instance=cycle.name,
        bound=weeks[1].bound if one_week else None)
    objective = cycle_score(cycle, solution).objective
    stats["total_seconds"] = round(time.monotonic() - started, 3)
    explanation = weeks[1].explanation if one_week else (
        f"A {cycle.weeks}-week cycle, each week solved in turn with its share of each school's days; "
        f"objective {objective} over the whole cycle (no bound is claimed for a cycle).",)
    return replace(solution, objective=objective, explanation=tuple(explanation), stats=stats)


def _planned_shares(cycle: Cycle, plan: VisitPlan) -> dict[int, dict[str, VisitDays]]:
    """Each week's days as the plan gives them, and the room up to the cycle maximum, a day at a time to
    the week with the fewest."""
    shares: dict[int, dict[str, VisitDays]] = {week: {} for week in cycle.week_numbers}
    for school in cycle.base.schools:
        got = {week: sum(1 for v in plan.visits[week] if v.school == school.id) for week in cycle.week_numbers}
        room = dict(got)
        for _ in range(max(0, school.visit_days.max - sum(got.values()))):
            week = min(cycle.week_numbers, key=lambda w: (room[w], w))
            room[week] += 1
        for week in cycle.week_numbers:
            shares[week][school.id] = VisitDays(got[week], room[week])
    return shares


def _planned_week(cycle: Cycle, week: int, share: dict[str, VisitDays], plan: VisitPlan) -> Instance:
    """Cycle week `week` with the plan's days at each school and only the plan's ALTs there."""
    instance = cycle.week_instance(week, visit_days=share,
                                   max_alts={school.id: school.max_alts for school in cycle.base.schools})
    closed = [ForbiddenPair(alt.id, school.id) for school in cycle.base.schools for alt in cycle.base.alts
              if alt.id not in plan.alts_at[school.id]]
    known = set(instance.forbidden)
    return replace(instance, forbidden=instance.forbidden + tuple(p for p in closed if p not in known))


def _week_problem(cycle: Cycle, week: int, share: dict[str, Any], used: dict[str, set[str]]) -> Instance:
    """Cycle week `week` with its share of the contracts and what is left of each school's max_alts."""
    max_alts: dict[str, int] = {}
    closed: list[ForbiddenPair] = []
    for school in cycle.base.schools:
        sent = used.get(school.id, set())
        if len(sent) >= school.max_alts:
            max_alts[school.id] = school.max_alts
            closed += [ForbiddenPair(alt.id, school.id) for alt in cycle.base.alts if alt.id not in sent]
        else:
            # Week distinct ALTs ≤ max_alts - sent keeps the cycle's within max_alts whoever comes.
            max_alts[school.id] = school.max_alts - len(sent)
    instance = cycle.week_instance(week, visit_days=share, max_alts=max_alts)
    known = set(instance.forbidden)
    return replace(instance, forbidden=instance.forbidden + tuple(p for p in closed if p not in known))


def _in_week(progress: CycleProgress | None, week: int) -> ProgressReport | None:
    if progress is None:
        return None
    report = progress

    def tell(found: Progress) -> None:
        report(week, found)

    return tell
