"""The objective of a cycle timetable: the week@1 objective summed over the cycle, with coverage and
the extra-ALT term counted over the whole cycle (docs/cycle-format.md).

- coverage: D'Hondt on each class's ALT lessons over the whole cycle: a class seen once in a two-week
  cycle is worth one first lesson, a class seen every week of it a first and a second (1 + 1/2), so a
  class seen every other week counts half as often as one seen every week.
- travel_cost and shortfall_cost: each cycle week's, as week@1 counts them, added up (an ALT's
  `classes_per_week.min` is a week's aim, so a short week costs whatever the other weeks do).
- extra_alt_cost: distinct ALTs at a school over the whole cycle, less one.
"""

from __future__ import annotations

from collections import Counter

from kakehashi.timetable.cycle.model import Cycle, CycleSolution
from kakehashi.timetable.score import Score, coverage_by_school, lessons_per_homeroom, score_view, weighed_score
from kakehashi.timetable.timetable_view import TimetableView
from kakehashi.timetable.travel import TravelTimes


def cycle_score(cycle: Cycle, solution: CycleSolution, travel: TravelTimes | None = None) -> Score:
    base = cycle.base
    travel = travel or TravelTimes(base)
    travel_minutes: Counter[str] = Counter()
    shortfall: Counter[str] = Counter()
    covered: Counter[tuple[str, str]] = Counter()
    for week in cycle.week_numbers:
        view = TimetableView.of(cycle.weeks_instances[week], solution.week_solution(week))
        week_score = score_view(view, travel)
        travel_minutes.update(week_score.travel_minutes_by_alt)
        shortfall.update(week_score.shortfall_by_alt)
        # The week's view holds only lessons held that week, each once, as the week's scorer counts them.
        covered.update(lessons_per_homeroom(base, view.alts_by_lesson))

    alts_at: dict[str, set[str]] = {}
    for visit in solution.visits:
        if visit.alt in base.alt_by_id and 1 <= visit.week <= cycle.weeks:
            alts_at.setdefault(visit.school, set()).add(visit.alt)
    extra = {school: max(0, len(alts) - 1) for school, alts in alts_at.items() if school in base.school_by_id}
    return weighed_score(base.weights, coverage_by_school(base, covered), travel_minutes, dict(shortfall), extra)
