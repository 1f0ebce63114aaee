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
from kakehashi.timetable.score import Score, dhondt_coverage, score_view
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
        for lesson_id in view.alts_by_lesson:
            lesson = base.lesson_by_id[lesson_id]
            covered[(lesson.school, lesson.homeroom)] += 1
    coverage_by_school: Counter[str] = Counter()
    for (school, homeroom), count in covered.items():
        weight = base.homeroom_weight[(school, homeroom)]
        coverage_by_school[school] += dhondt_coverage(base.weights.coverage_scale, weight, count)

    alts_at: dict[str, set[str]] = {}
    for visit in solution.visits:
        if visit.alt in base.alt_by_id and 1 <= visit.week <= cycle.weeks:
            alts_at.setdefault(visit.school, set()).add(visit.alt)
    extra = {school: max(0, len(alts) - 1) for school, alts in alts_at.items() if school in base.school_by_id}
    weights = base.weights
    return Score(
        coverage=sum(coverage_by_school.values()),
        travel_cost=weights.travel_minute * sum(travel_minutes.values()),
        shortfall_cost=weights.shortfall_class * sum(shortfall.values()),
        extra_alt_cost=weights.extra_alt * sum(extra.values()),
        coverage_by_school=dict(coverage_by_school),
        travel_minutes_by_alt=dict(travel_minutes),
        shortfall_by_alt=dict(shortfall),
        extra_alts_by_school=extra,
    )
