"""The objective of any timetable, exactly as the spec defines it, with a breakdown by term.

`objective = coverage - travel_cost - shortfall_cost - extra_alt_cost`. This module knows nothing
about how a timetable was made: it is the yardstick that solver, checker and reports share.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kakehashi.timetable.instance import Instance, Solution, Weights
from kakehashi.timetable.timetable_view import TimetableView
from kakehashi.timetable.travel import TravelTimes


def dhondt_coverage(scale: int, weight: int, covered: int) -> int:
    """The worth of `covered` ALT lessons of one class: the k-th is worth 1/k of the first."""
    return sum((scale * weight) // k for k in range(1, covered + 1))


@dataclass(frozen=True)
class Score:
    coverage: int
    travel_cost: int
    shortfall_cost: int
    extra_alt_cost: int
    # Where each term comes from, for reports and `kakehashi explain`.
    coverage_by_school: dict[str, int] = field(default_factory=dict)
    travel_minutes_by_alt: dict[str, int] = field(default_factory=dict)
    shortfall_by_alt: dict[str, int] = field(default_factory=dict)
    extra_alts_by_school: dict[str, int] = field(default_factory=dict)

    @property
    def objective(self) -> int:
        return self.coverage - self.travel_cost - self.shortfall_cost - self.extra_alt_cost

    def terms(self) -> dict[str, int]:
        return {
            "coverage": self.coverage,
            "travel_cost": self.travel_cost,
            "shortfall_cost": self.shortfall_cost,
            "extra_alt_cost": self.extra_alt_cost,
        }

    def to_json(self) -> dict[str, Any]:
        return {"objective": self.objective, "terms": self.terms()}


def lessons_per_homeroom(instance: Instance, lessons: Iterable[str]) -> Counter[tuple[str, str]]:
    """How many of `lessons` (ids, each with an ALT) each class (school id, homeroom id) gets."""
    return Counter((instance.lesson_by_id[lesson].school, instance.lesson_by_id[lesson].homeroom) for lesson in lessons)


def coverage_by_school(instance: Instance, covered_per_homeroom: Counter[tuple[str, str]]) -> Counter[str]:
    """Each school's coverage term: D'Hondt on the ALT lessons each of its classes gets."""
    coverage: Counter[str] = Counter()
    for (school, homeroom), covered in covered_per_homeroom.items():
        weight = instance.homeroom_weight[(school, homeroom)]
        coverage[school] += dhondt_coverage(instance.weights.coverage_scale, weight, covered)
    return coverage


def weighed_score(weights: Weights, coverage: Counter[str], travel_minutes_by_alt: Counter[str],
                  shortfall_by_alt: dict[str, int], extra_alts_by_school: dict[str, int]) -> Score:
    """The terms from their parts, each cost at its weight."""
    return Score(
        coverage=sum(coverage.values()),
        travel_cost=weights.travel_minute * sum(travel_minutes_by_alt.values()),
        shortfall_cost=weights.shortfall_class * sum(shortfall_by_alt.values()),
        extra_alt_cost=weights.extra_alt * sum(extra_alts_by_school.values()),
        coverage_by_school=dict(coverage),
        travel_minutes_by_alt=dict(travel_minutes_by_alt),
        shortfall_by_alt=shortfall_by_alt,
        extra_alts_by_school=extra_alts_by_school,
    )


def score(instance: Instance, solution: Solution, travel: TravelTimes | None = None) -> Score:
    return score_view(TimetableView.of(instance, solution), travel or TravelTimes(instance))


def score_view(view: TimetableView, travel: TravelTimes) -> Score:
    instance = view.instance
    weights = instance.weights

    travel_minutes_by_alt: Counter[str] = Counter()
    for (alt_id, day) in view.schools_by_alt_day:
        alt = instance.alt_by_id[alt_id]
        travel_minutes_by_alt[alt_id] += travel.day_trip(alt, view.schools_in_order(alt_id, day))

    shortfall_by_alt = {
        alt.id: max(0, alt.classes_per_week.min - len(view.lessons_by_alt.get(alt.id, [])))
        for alt in instance.alts
    }

    extra_alts_by_school = {
        school: max(0, len({alt for alt, _ in alt_days}) - 1)
        for school, alt_days in view.alt_days_by_school().items()
    }

    coverage = coverage_by_school(instance, lessons_per_homeroom(instance, view.alts_by_lesson))
    return weighed_score(weights, coverage, travel_minutes_by_alt, shortfall_by_alt, extra_alts_by_school)
