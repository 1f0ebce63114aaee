"""Peer 1: what a careful coordinator does by hand.

A coordinator honours the contracts first. Fixed visits go in; then each school that still has
fewer ALT-days than its `visit_days.min` (the school the fewest ALTs can reach first) gets, day by
day, the nearest ALT who is free that day and still has room in the week (`max_schools_per_week`,
the school's `max_alts`), on the free day with the most lessons there. Then each ALT in turn (in id
order) fills their other days with the nearest school that still has room in its contract. Each
visit joins the most of its untaken lessons that fit (earliest first, no overlap, within the daily
and weekly caps). One school a day. When nobody is free, a day is moved from another school (a chain
of at most three moves); when a minimum still cannot be met, the coordinator starts the sheet again
with the schools in another order (six drafts at most). A timetable that misses a minimum even then
is reported invalid.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from kakehashi.timetable.instance import Alt, Assignment, Instance, Lesson, School, Solution, Status, Visit
from kakehashi.timetable.score import score
from kakehashi.timetable.travel import TravelTimes

# A coordinator on the phone moves a day, and perhaps that school's day, and perhaps one more: no longer
# chains than this.
CHAIN_MOVES = 3


class _Draft:
    """The coordinator's sheet: who is where each day, and the counts the contracts limit."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.travel = TravelTimes(instance)
        self.school_on: dict[tuple[str, str], str] = {}  # (alt, day) → school
        self.days_at: dict[str, int] = defaultdict(int)
        self.alts_at: dict[str, set[str]] = defaultdict(set)
        self.schools_of: dict[str, set[str]] = defaultdict(set)

    def reachable(self, alt: Alt) -> list[School]:
        return sorted((s for s in self.instance.schools
                       if self.instance.school_level_allowed(alt, s)
                       and self.travel.commute(alt, s.id) <= alt.max_commute_minutes),
                      key=lambda s: (self.travel.commute(alt, s.id), s.id))

    def free_days(self, alt: Alt) -> list[str]:
        return [d for d in self.instance.days if d not in alt.unavailable_days and (alt.id, d) not in self.school_on]

    def room(self, alt: Alt, school: School) -> bool:
        if self.days_at[school.id] >= school.visit_days.max:
            return False
        if alt.id not in self.alts_at[school.id] and len(self.alts_at[school.id]) >= school.max_alts:
            return False
        return school.id in self.schools_of[alt.id] or len(self.schools_of[alt.id]) < alt.max_schools_per_week

    def remove(self, alt_id: str, day: str) -> None:
        school_id = self.school_on.pop((alt_id, day))
        self.days_at[school_id] -= 1
        if school_id not in {s for (a, _d), s in self.school_on.items() if a == alt_id}:
            self.alts_at[school_id].discard(alt_id)
            self.schools_of[alt_id].discard(school_id)

    def place(self, alt_id: str, day: str, school_id: str) -> None:
        self.school_on[(alt_id, day)] = school_id
        self.days_at[school_id] += 1
        self.alts_at[school_id].add(alt_id)
        self.schools_of[alt_id].add(school_id)


def solve_greedy(instance: Instance) -> Solution:
    """The first draft that meets every contract, the schools taken in one order after another (a
    coordinator who misses a minimum starts the sheet again from the hardest school); if none does,
    the last draft, which the benchmark reports as invalid."""
    travel = TravelTimes(instance)
    reach = {alt.id: {s.id for s in instance.schools if instance.school_level_allowed(alt, s)
                      and travel.commute(alt, s.id) <= alt.max_commute_minutes} for alt in instance.alts}
    reachable_by = {s.id: sum(s.id in reach[a.id] for a in instance.alts) for s in instance.schools}
    orders = [
        # the fewest ALTs can reach it; the most days asked of the fewest ALTs allowed; the most days asked
        lambda s: (reachable_by[s.id], s.id),
        lambda s: (-s.visit_days.min / s.max_alts, reachable_by[s.id], s.id),
        lambda s: (-s.visit_days.min, reachable_by[s.id], s.id),
    ]
    draft = _Draft(instance)
    for whole, order in itertools.product((False, True), orders):
        draft = _Draft(instance)
        for fixed in instance.fixed:
            draft.place(fixed.alt, fixed.day, fixed.school)
        if _meet_minimums(draft, sorted(instance.schools, key=order), reach, whole=whole):
            break
    _fill_days(draft)
    return _with_lessons(draft)


def _meet_minimums(draft: _Draft, schools: list[School], reach: dict[str, set[str]], *, whole: bool) -> bool:
    """Whether every school's minimum was met, the schools taken in the order given; `whole`: when only
    one more ALT may come to a school, pick one who can give every day it is still owed."""
    instance = draft.instance
    met = True
    for school in schools:
        lessons_on = defaultdict(int)
        for lesson in school.lessons:
            lessons_on[lesson.day] += 1
        while draft.days_at[school.id] < school.visit_days.min:
            need = school.visit_days.min - draft.days_at[school.id]
            last_slot = whole and school.max_alts - len(draft.alts_at[school.id]) <= 1
            options = [(not (alt.id in draft.alts_at[school.id] or not last_slot
                             or len(draft.free_days(alt)) >= need),
                        draft.travel.commute(alt, school.id), -lessons_on[day], alt.id, day)
                       for alt in instance.alts if school.id in reach[alt.id] and draft.room(alt, school)
                       for day in draft.free_days(alt)]
            if options:
                _short, _minutes, _lessons, alt_id, day = min(options)
                draft.place(alt_id, day, school.id)
            elif not _take_a_spare_day(draft, school, reach):
                met = False  # the draft misses this school's minimum
                break
    return met


def _take_a_spare_day(draft: _Draft, school: School, reach: dict[str, set[str]], depth: int = 0) -> bool:
    """What a coordinator does when nobody is free: move an ALT's day from another school (never a
    fixed visit), the nearest ALT first; if that school falls below its minimum, find it a day the same
    way, a chain of at most `CHAIN_MOVES` moves."""
    instance = draft.instance
    fixed = {(f.alt, f.day) for f in instance.fixed}
    alts = sorted((a for a in instance.alts if school.id in reach[a.id]),
                  key=lambda a: (draft.travel.commute(a, school.id), a.id))
    for alt in alts:
        for day in instance.days:
            other = draft.school_on.get((alt.id, day))
            if other is None or (alt.id, day) in fixed or other == school.id:
                continue
            spare = draft.days_at[other] > instance.school_by_id[other].visit_days.min
            if not spare and depth + 1 >= CHAIN_MOVES:
                continue
            draft.remove(alt.id, day)
            if draft.room(alt, school):
                draft.place(alt.id, day, school.id)
                if spare or _free_day_for(draft, instance.school_by_id[other], reach) \
                        or _take_a_spare_day(draft, instance.school_by_id[other], reach, depth + 1):
                    return True
                draft.remove(alt.id, day)
            draft.place(alt.id, day, other)
    return False


def _free_day_for(draft: _Draft, school: School, reach: dict[str, set[str]]) -> bool:
    options = [(draft.travel.commute(alt, school.id), alt.id, day) for alt in draft.instance.alts
               if school.id in reach[alt.id] and draft.room(alt, school) for day in draft.free_days(alt)]
    if not options:
        return False
    _minutes, alt_id, day = min(options)
    draft.place(alt_id, day, school.id)
    return True


def _fill_days(draft: _Draft) -> None:
    instance = draft.instance
    for alt in instance.alts:
        nearest = draft.reachable(alt)
        for day in draft.free_days(alt):
            for school in nearest:
                if draft.room(alt, school) and any(lesson.day == day for lesson in school.lessons):
                    draft.place(alt.id, day, school.id)
                    break


def _with_lessons(draft: _Draft) -> Solution:
    instance = draft.instance
    taken: set[str] = set()
    joins: list[Assignment] = []
    week_lessons: dict[str, int] = defaultdict(int)
    days = sorted(draft.school_on.items(), key=lambda item: (item[0][0], instance.days.index(item[0][1])))
    for (alt_id, day), school_id in days:
        alt = instance.alt_by_id[alt_id]
        chosen: list[Lesson] = []
        for lesson in sorted((x for x in instance.school_by_id[school_id].lessons if x.day == day),
                             key=lambda x: (x.start, x.id)):
            if len(chosen) >= alt.max_classes_per_day or week_lessons[alt_id] >= alt.classes_per_week.max:
                break
            if lesson.id in taken or any(lesson.overlaps(other) for other in chosen):
                continue
            chosen.append(lesson)
            taken.add(lesson.id)
            week_lessons[alt_id] += 1
        joins.extend(Assignment(alt_id, lesson.id) for lesson in chosen)
    visits = tuple(Visit(alt, day, school) for (alt, day), school in draft.school_on.items())
    result = Solution(Status.FEASIBLE, visits, tuple(joins), instance=instance.name)
    return Solution(Status.FEASIBLE, visits, tuple(joins), instance=instance.name,
                    objective=score(instance, result, draft.travel).objective)
