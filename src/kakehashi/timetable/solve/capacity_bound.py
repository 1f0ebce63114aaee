"""A proven upper bound at any size, from counting alone (no model, milliseconds for a prefecture).

The relaxation of bound.py is tighter but is a linear programme over every possible visit: above a
city it does not finish in the time a coordinator gives. This bound holds for every valid timetable
and needs only sums and sorting:

- **Lessons a school can have with an ALT** (`school_capacity`): at most `visit_days.max` ALT-days,
  each on a day with lessons, by at most `max_alts` ALTs a day (and no more ALTs than may work there);
  an ALT-day joins at most the day's most non-overlapping lessons and `max_classes_per_day`.
- **Lessons all ALTs can teach**: the sum of each ALT's `classes_per_week.max`, or their days times
  their daily maximum if that is smaller.
- **Coverage**: each class's k-th lesson is worth `floor(scale * weight / k)`, less than the one before
  (the D'Hondt rule), so the most any n lessons of a school can be worth is the n largest of those
  shares. Taking the largest shares over all schools, at most each school's capacity and at most the
  ALTs' total, bounds the coverage of every timetable.
- **Travel**: each school's `visit_days.min` ALT-days are each at least one commute from the nearest
  home of an ALT who may work there (a one-school day costs two commutes; a two-school day costs a
  commute to each school and the hop between them).
- **Shortfall**: the ALTs' weekly minimums less all the lessons that could be taught, if positive.

The extra-ALT cost is bounded by zero. Every term is an over-estimate of what a timetable can gain or
an under-estimate of what it must pay, so the result is never below a valid timetable's objective
(tested against planted timetables and both benchmark peers).
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from kakehashi.timetable.instance import Instance, School
from kakehashi.timetable.solve.bound import most_disjoint
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.rules.coverage import lesson_value


def capacity_bound(instance: Instance, eligibility: Eligibility | None = None) -> int:
    """An upper bound on the objective of every valid timetable of `instance`."""
    eligibility = eligibility or Eligibility(instance)
    weights = instance.weights
    alt_lessons = sum(min(alt.classes_per_week.max, len(eligibility.days(alt)) * alt.max_classes_per_day)
                      for alt in instance.alts)
    shares: list[int] = []
    school_lessons = 0
    for school in instance.schools:
        capacity = school_capacity(school, eligibility)
        school_lessons += capacity
        shares.extend(_largest_shares(instance, school, capacity))
    teachable = min(alt_lessons, school_lessons)
    coverage = sum(heapq.nlargest(teachable, shares))
    travel = weights.travel_minute * sum(
        school.visit_days.min * min((eligibility.travel.commute(alt, school.id)
                                     for alt in eligibility.alts_of[school.id]), default=0)
        for school in instance.schools)
    shortfall = weights.shortfall_class * max(0, sum(alt.classes_per_week.min for alt in instance.alts) - teachable)
    return coverage - travel - shortfall


def school_capacity(school: School, eligibility: Eligibility) -> int:
    """The most lessons at `school` that any valid timetable gives an ALT."""
    alts = eligibility.alts_of[school.id]
    if not alts or school.visit_days.max == 0:
        return 0
    daily_most = max(alt.max_classes_per_day for alt in alts)
    # Each possible ALT-day's lessons, the j-th ALT of a day taking at most what the earlier ones left.
    alt_days: list[int] = []
    for day in eligibility.instance.days:
        lessons = eligibility.lessons_at(school.id, day)
        if not lessons:
            continue
        on_day = sum(1 for alt in alts if day in eligibility.days(alt))
        left = len(lessons)
        for _ in range(min(school.max_alts, on_day)):
            take = min(daily_most, most_disjoint(lessons), left)
            if take <= 0:
                break
            alt_days.append(take)
            left -= take
    return sum(heapq.nlargest(school.visit_days.max, alt_days))


def _largest_shares(instance: Instance, school: School, count: int) -> list[int]:
    """The `count` largest D'Hondt shares among the school's classes, each class at most its lessons."""
    lessons_of: dict[str, int] = defaultdict(int)
    for lesson in school.lessons:
        lessons_of[lesson.homeroom] += 1
    scale = instance.weights.coverage_scale
    shares = [lesson_value(scale, instance.homeroom_weight[(school.id, homeroom)], k)
              for homeroom, lessons in lessons_of.items() for k in range(1, lessons + 1)]
    return heapq.nlargest(count, shares)
