"""Each school's cycle contract shared out over the cycle weeks, so that every cycle week is an
ordinary week@1 week the week solver knows how to solve.

A school's `visit_days.min` over the cycle is spread as evenly as its weeks allow (a school with two
days in a two-week cycle gets one in each week), first to the weeks it has lessons in, then to the weeks
the other schools have asked least of so far, so that every cycle week asks about as much of the ALTs.
The room between min and max is spread the same way. A fixed visit keeps its week.
"""

from __future__ import annotations

from collections import Counter

from kakehashi.timetable.cycle.model import Cycle
from kakehashi.timetable.instance import School, VisitDays


def split_visit_days(cycle: Cycle) -> dict[int, dict[str, VisitDays]]:
    weeks = list(cycle.week_numbers)
    load: Counter[int] = Counter()
    shares: dict[int, dict[str, VisitDays]] = {week: {} for week in weeks}
    fixed_days: dict[str, Counter[int]] = {}
    for fixed in set(cycle.fixed):
        fixed_days.setdefault(fixed.school, Counter())[fixed.week] += 1
    # The largest contracts first: they have the least freedom, the small ones fill in around them.
    for school in sorted(cycle.base.schools, key=lambda s: (-s.visit_days.min, s.id)):
        mins = Counter(fixed_days.get(school.id, Counter()))
        lessons = _lessons_per_week(cycle, school)
        low = max(school.visit_days.min, sum(mins.values()))
        high = max(school.visit_days.max, low)
        for _ in range(low - sum(mins.values())):
            week = min(weeks, key=lambda w: (mins[w], lessons[w] == 0, load[w], w))
            mins[week] += 1
        maxes = Counter(mins)
        for _ in range(high - low):
            week = min(weeks, key=lambda w: (maxes[w], lessons[w] == 0, w))
            maxes[week] += 1
        for week in weeks:
            load[week] += mins[week]
            shares[week][school.id] = VisitDays(mins[week], maxes[week])
    return shares


def _lessons_per_week(cycle: Cycle, school: School) -> Counter[int]:
    return Counter(week for lesson in school.lessons for week in cycle.lesson_weeks.get(lesson.id, ()))
