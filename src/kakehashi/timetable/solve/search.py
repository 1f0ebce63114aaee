"""Large-neighbourhood search: improve a valid timetable a few ALTs at a time.

At prefecture size one CP-SAT model of the whole week does not fit in the time or memory a
coordinator can give it. The search instead frees a neighbourhood — a few ALTs who could work at
the same schools — re-plans their whole week with CP-SAT while everyone else stays put
(subproblem.py scores the part exactly as the whole would be scored), and keeps the result when the
whole week's objective improves and the checker finds nothing wrong. Neighbourhoods grow while
their re-plans are solved to optimality quickly, and shrink when they are not.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Instance, Solution, Status
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.model import Progress, TimetableModel
from kakehashi.timetable.solve.subproblem import carve, merge, week_limit_constraints
from kakehashi.timetable.travel import TravelTimes

# Seconds CP-SAT gets for one neighbourhood, and the sizes a neighbourhood may take (in ALTs).
STEP_SECONDS = 3.0
MIN_ALTS, START_ALTS, MAX_ALTS = 2, 4, 12
# Pair variables per part: parts are small, but an ALT allowed two schools a day brings many.
PART_PAIR_BUDGET = 4_000


def improve(instance: Instance, start: Solution, *, eligibility: Eligibility, deadline: float, workers: int,
            seed: int, progress: Callable[[Progress], None] | None = None, started: float | None = None,
            max_steps: int | None = None, stop: Callable[[], bool] | None = None,
            within: tuple[tuple[str, ...], set[str]] | None = None) -> tuple[Solution, dict[str, int]]:
    """The best timetable found by the search from `start` (valid) before `deadline` (monotonic).

    `max_steps` bounds the number of neighbourhoods, which with `workers=1` makes a run reproducible;
    `stop` is asked between neighbourhoods (and during each) whether the caller wants to end now.
    `within` = (ALTs, schools) re-plans only those ALTs, only at those schools (an area, areas.py)."""
    rng = random.Random(seed)
    best = start
    size = START_ALTS
    counts = {"steps": 0, "improved": 0}
    sharing = _sharing(instance, eligibility)
    reachable: dict[str, set[str]] | None = None
    if within is not None:
        pool = set(within[0])
        sharing = {alt: [other for other in others if other in pool] for alt, others in sharing.items() if alt in pool}
        reachable = dict.fromkeys(within[0], within[1])
    if not sharing:
        return best, counts
    slowest_step = 0.0
    # A step also builds its model in Python, which CP-SAT's time limit does not cover: start one
    # only if the slowest so far would still end before the deadline.
    while time.monotonic() + slowest_step < deadline - 0.5 and (max_steps is None or counts["steps"] < max_steps) \
            and not (stop is not None and stop()):
        step_started = time.monotonic()
        counts["steps"] += 1
        alts = _neighbourhood(instance, sharing, rng, size)
        limit = min(STEP_SECONDS, deadline - time.monotonic() - 0.3)
        candidate, proven = replan(instance, best, alts, limit, workers, seed + counts["steps"], stop,
                                   travel=eligibility.travel, reachable=reachable)
        if candidate is not None and (candidate.objective or 0) > (best.objective or 0) \
                and not check(instance, candidate):
            best = candidate
            counts["improved"] += 1
            if progress is not None:
                progress(Progress(time.monotonic() - (started or 0.0), best.objective or 0, None))
        size = min(MAX_ALTS, size + 1) if proven else max(MIN_ALTS, size - 1)
        slowest_step = max(slowest_step, time.monotonic() - step_started)
    return best, counts


def _sharing(instance: Instance, eligibility: Eligibility) -> dict[str, list[str]]:
    """ALT → the other ALTs who may work at one of their schools, most shared schools first."""
    schools = {alt.id: {s.id for s in eligibility.schools_of[alt.id]} for alt in instance.alts}
    result: dict[str, list[str]] = {}
    for alt in instance.alts:
        overlap = [(len(schools[alt.id] & schools[other.id]), other.id) for other in instance.alts
                   if other.id != alt.id and schools[alt.id] & schools[other.id]]
        result[alt.id] = [other for _, other in sorted(overlap, key=lambda x: (-x[0], x[1]))]
    return result


def _neighbourhood(instance: Instance, sharing: dict[str, list[str]], rng: random.Random, size: int) -> list[str]:
    """A random ALT and some of those who could take over their schools (or they theirs)."""
    seed_alt = rng.choice(sorted(sharing)) if len(sharing) < len(instance.alts) else rng.choice(instance.alts).id
    near = sharing[seed_alt][: 3 * size]
    rng.shuffle(near)
    return [seed_alt, *near[: size - 1]]


def replan(instance: Instance, current: Solution, alts: list[str], time_limit: float, workers: int,
            seed: int, stop: Callable[[], bool] | None = None,
            travel: TravelTimes | None = None, reachable: dict[str, set[str]] | None = None,
            ) -> tuple[Solution | None, bool]:
    """The week with `alts` re-planned (None if CP-SAT found nothing), and whether that part is optimal.

    `travel` is the whole week's memo of travel times: a part has the same schools, homes and travel
    settings, and at 400 schools recomputing them took most of a step's model building. `reachable`
    keeps each ALT to some schools (an area's, areas.py)."""
    if time_limit <= 0.05:
        return None, False
    free = {day: set(alts) for day in instance.days}
    part = carve(instance, current, free, reachable)
    model = TimetableModel(part.instance, eligibility=Eligibility(part.instance, travel=travel),
                           pair_budget=PART_PAIR_BUDGET, keep=current, offsets=part.offsets)
    model.add_rules()
    for variables, at_most in week_limit_constraints(part, instance, model.variables.used):
        model.model.add(sum(variables) <= at_most)  # type: ignore[arg-type]
    model.objective()
    own = set(alts)
    model.add_hint(Solution(Status.FEASIBLE, tuple(v for v in current.visits if v.alt in own),
                            tuple(a for a in current.lessons if a.alt in own)))
    result = model.solve(time_limit=time_limit, workers=workers, seed=seed, stop=stop)
    if result.status not in (Status.OPTIMAL, Status.FEASIBLE):
        return None, False
    return merge(instance, part, result.visits, result.lessons), result.status is Status.OPTIMAL
