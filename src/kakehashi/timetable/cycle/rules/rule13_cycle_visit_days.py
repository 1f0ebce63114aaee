"""Rule 13: each school gets between `visit_days.min` and `visit_days.max` ALT-days over the whole cycle,
from at most `max_alts` distinct ALTs over the whole cycle (week@1's rule 10, counted per cycle)."""

from __future__ import annotations

from collections.abc import Iterator

from kakehashi.timetable.check import Broken
from kakehashi.timetable.cycle.model import Cycle, CycleSolution


def schools_get_their_cycle_days(cycle: Cycle, solution: CycleSolution) -> Iterator[Broken]:
    days_at: dict[str, set[tuple[str, int, str]]] = {}
    for visit in solution.visits:
        if visit.alt in cycle.base.alt_by_id:
            days_at.setdefault(visit.school, set()).add((visit.alt, visit.week, visit.day))
    for school in cycle.base.schools:
        days = days_at.get(school.id, set())
        wanted = school.visit_days
        if len(days) < wanted.min:
            yield Broken("too_few_alt_days_in_cycle",
                         f"school {school.id} gets {len(days)} ALT-days in the {cycle.weeks}-week cycle, fewer "
                         f"than its visit_days.min of {wanted.min}.",
                         {"school": school.id, "count": len(days), "limit": wanted.min})
        elif len(days) > wanted.max:
            yield Broken("too_many_alt_days_in_cycle",
                         f"school {school.id} gets {len(days)} ALT-days in the {cycle.weeks}-week cycle, more "
                         f"than its visit_days.max of {wanted.max}.",
                         {"school": school.id, "count": len(days), "limit": wanted.max})
        alts = sorted({alt for alt, _, _ in days})
        if len(alts) > school.max_alts:
            yield Broken("too_many_alts_in_cycle",
                         f"school {school.id} is visited by {len(alts)} ALTs ({', '.join(alts)}) in the cycle, "
                         f"more than its max_alts of {school.max_alts}.",
                         {"school": school.id, "alts": alts, "count": len(alts), "limit": school.max_alts})
