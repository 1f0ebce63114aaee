"""How large an instance's objective can get, so that a reader can refuse weights (or travel settings) that no
solver could score exactly.

CP-SAT works in 64-bit integers and reports the objective as a double, which holds whole numbers exactly up to
2^53; an instance whose objective could pass that is refused when it is read, with the largest term named,
rather than failing inside the solver with an integer-overflow message. Every bound here is generous (a trip
between the two farthest points of the Earth, every lesson joined), so no instance a program uses comes near."""

from __future__ import annotations

import math

from kakehashi.timetable.instance import Instance
from kakehashi.timetable.travel import EARTH_RADIUS_KM

EXACT_LIMIT = 2**53
# No two places on Earth are farther apart than half its circumference.
FARTHEST_KM = math.pi * EARTH_RADIUS_KM


def longest_trip_minutes(instance: Instance) -> float:
    """An upper bound of any travel time in the instance: the farthest formula trip, or the longest override."""
    travel = instance.travel
    used = {alt.mode for alt in instance.alts}
    formula = [
        60 * FARTHEST_KM * travel.detour / mode.kmh + mode.overhead_min
        for name, mode in travel.modes.items()
        if name in used
    ]
    return max([0.0, *formula, *(float(o.minutes) for o in travel.minutes)])


def objective_terms_bound(instance: Instance) -> dict[str, float]:
    """An upper bound of each term of the objective, as in the spec's "Objective" section."""
    weights = instance.weights
    weight_of = {(s.id, h.id): h.weight for s in instance.schools for h in s.homerooms}
    lessons_worth = sum(weight_of.get((x.school, x.homeroom), 0) for s in instance.schools for x in s.lessons)
    alt_days = len(instance.alts) * len(instance.days)
    return {
        "coverage_scale": float(weights.coverage_scale) * lessons_worth,
        # A day's trip has at most three legs (home, first school, second school, home).
        "travel_minute": float(weights.travel_minute) * alt_days * 3 * longest_trip_minutes(instance),
        "shortfall_class": float(weights.shortfall_class) * sum(a.classes_per_week.min for a in instance.alts),
        "extra_alt": float(weights.extra_alt) * len(instance.schools) * len(instance.alts),
    }


def objective_problem(instance: Instance) -> tuple[str, str] | None:
    """(the weight's name, why) when the objective could exceed what is scored exactly; else None."""
    terms = objective_terms_bound(instance)
    total = sum(terms.values())
    if math.isfinite(total) and total <= EXACT_LIMIT:
        return None
    largest = max(terms, key=lambda name: terms[name])
    size = "an unbounded number" if not math.isfinite(terms[largest]) else f"about {terms[largest]:.3g}"
    travel = " (times the longest trip its travel modes and minutes allow)" if largest == "travel_minute" else ""
    return largest, (
        f"too large for this instance{travel}: its part of the objective could reach {size}, and the objective "
        f"must stay within 2^53 ({EXACT_LIMIT:,}) to be computed exactly"
    )
