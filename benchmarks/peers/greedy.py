"""Peer 1: what a careful coordinator does by hand.

Each ALT in turn (in id order) takes, for each of their days, the nearest school they may work at
that still has room in its contract, and joins the most of its untaken lessons that fit (earliest
first, no overlap, within the daily and weekly caps). Fixed visits are placed first. One school a
day. It keeps every hard rule except, possibly, a school's `visit_days.min`: a coordinator's greedy
pass does not guarantee those, and the benchmark reports the timetable as invalid when it misses one.
"""

from __future__ import annotations

from collections import defaultdict

from kakehashi.timetable.instance import Assignment, Instance, Lesson, Solution, Status, Visit
from kakehashi.timetable.score import score
from kakehashi.timetable.travel import TravelTimes


def solve_greedy(instance: Instance) -> Solution:
    travel = TravelTimes(instance)
    days_at: dict[str, int] = defaultdict(int)  # school → ALT-days so far
    alts_at: dict[str, set[str]] = defaultdict(set)  # school → distinct ALTs
    taken: set[str] = set()
    visits: list[Visit] = []
    joins: list[Assignment] = []
    fixed = {(f.alt, f.day): f.school for f in instance.fixed}

    for alt in instance.alts:
        schools_this_week: set[str] = set()
        week_lessons = 0
        nearest = sorted(
            (s for s in instance.schools
             if instance.school_level_allowed(alt, s) and travel.commute(alt, s.id) <= alt.max_commute_minutes),
            key=lambda s: (travel.commute(alt, s.id), s.id))
        # Fixed days first, so that no later choice can block them.
        days = [d for d in instance.days if d not in alt.unavailable_days]
        days.sort(key=lambda d: (alt.id, d) not in fixed)
        for day in days:
            school = None
            if (alt.id, day) in fixed:
                school = instance.school_by_id[fixed[(alt.id, day)]]
            else:
                for candidate in nearest:
                    new_school = candidate.id not in schools_this_week
                    if days_at[candidate.id] >= candidate.visit_days.max:
                        continue
                    if alt.id not in alts_at[candidate.id] and len(alts_at[candidate.id]) >= candidate.max_alts:
                        continue
                    if new_school and len(schools_this_week) >= alt.max_schools_per_week:
                        continue
                    if not any(lesson.day == day and lesson.id not in taken for lesson in candidate.lessons):
                        continue
                    school = candidate
                    break
            if school is None:
                continue
            visits.append(Visit(alt.id, day, school.id))
            days_at[school.id] += 1
            alts_at[school.id].add(alt.id)
            schools_this_week.add(school.id)
            chosen: list[Lesson] = []
            for lesson in sorted((x for x in school.lessons if x.day == day), key=lambda x: (x.start, x.id)):
                if len(chosen) >= alt.max_classes_per_day or week_lessons >= alt.classes_per_week.max:
                    break
                if lesson.id in taken or any(lesson.overlaps(other) for other in chosen):
                    continue
                chosen.append(lesson)
                taken.add(lesson.id)
                week_lessons += 1
            joins.extend(Assignment(alt.id, lesson.id) for lesson in chosen)

    draft = Solution(Status.FEASIBLE, tuple(visits), tuple(joins), instance=instance.name)
    return Solution(Status.FEASIBLE, draft.visits, draft.lessons, instance=instance.name,
                    objective=score(instance, draft, travel).objective)
