"""A fast greedy timetable that keeps every hard rule: the hint for CP-SAT and the fallback.

In three passes: the fixed visits; then each school's `visit_days.min`, scarcest school first; then
visits that pay (their lessons are worth more than the trip and any extra ALT), best first. Every
visit takes as many lessons as fit, most valuable first. Apart from fixed ones, the construction
never makes a two-school day: one school a day always keeps rule 6, and CP-SAT finds the pairs.
It returns None when greedy choices leave a rule it cannot keep (usually a school's minimum).
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from kakehashi.timetable.instance import Alt, Assignment, Instance, Lesson, School, Solution, Status, Visit
from kakehashi.timetable.score import score
from kakehashi.timetable.solve.eligibility import Eligibility, day_order
from kakehashi.timetable.solve.rules.coverage import lesson_value

# The weekly cap left out when a school-day is rated for every ALT at once (optimistic_gain).
UNCAPPED_WEEK = 10**6


@dataclass
class _Plan:
    """What adding a visit (or filling a day) would do: the lessons joined and the objective gained."""

    lessons: list[Lesson]
    gain: int


@dataclass
class WeekDraft:
    """A timetable under construction, with the counts its rule checks need."""

    instance: Instance
    eligibility: Eligibility
    open: set[tuple[str, str, str]]
    schools_on: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    lessons_on: dict[tuple[str, str], list[Lesson]] = field(default_factory=lambda: defaultdict(list))
    alt_of_lesson: dict[str, str] = field(default_factory=dict)
    lessons_of_alt: Counter[str] = field(default_factory=Counter)
    schools_of_alt: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    alts_at: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    alt_days_at: Counter[str] = field(default_factory=Counter)
    covered: Counter[tuple[str, str]] = field(default_factory=Counter)
    # (school, homeroom) → its lessons in the week: among equally valuable lessons, the class with
    # fewer other chances goes first
    chances: Counter[tuple[str, str]] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.chances.update((lesson.school, lesson.homeroom) for lesson in self.instance.lesson_by_id.values())

    # -- rule checks ---------------------------------------------------------------------------

    def has_room(self, alt: Alt, school: School) -> bool:
        """Rules 8 and 10 (max, max_alts) allow one more ALT-day of `alt` at `school`."""
        schools_of_alt = self.schools_of_alt[alt.id]
        if school.id not in schools_of_alt and len(schools_of_alt) >= alt.max_schools_per_week:
            return False
        if alt.id not in self.alts_at[school.id] and len(self.alts_at[school.id]) >= school.max_alts:
            return False
        return self.alt_days_at[school.id] < school.visit_days.max

    def may_visit(self, alt: Alt, day: str, school: School) -> bool:
        """A new one-school day for `alt`: rules 3, 4, 9 (eligibility), 6 (day still free), 8 and 10."""
        return ((alt.id, day, school.id) in self.open and not self.schools_on.get((alt.id, day))
                and self.has_room(alt, school))

    def fits(self, alt: Alt, lesson: Lesson, taken: list[Lesson]) -> bool:
        """Rules 1, 5, 6 and 7 for one more lesson on a day whose lessons so far are `taken`."""
        if lesson.id in self.alt_of_lesson or any(lesson.overlaps(other) for other in taken):
            return False
        if len(taken) >= alt.max_classes_per_day:
            return False
        week = self.lessons_of_alt[alt.id] + len(taken) - len(self.lessons_on.get((alt.id, lesson.day), ()))
        if week >= alt.classes_per_week.max:
            return False
        schools = self.schools_on.get((alt.id, lesson.day), [])
        if len(schools) == 2:
            first, second = schools
            gap = self.eligibility.travel.between(alt, first, second)
            if lesson.school == first:
                return all(lesson.end + gap <= other.start for other in taken if other.school == second)
            return all(other.end + gap <= lesson.start for other in taken if other.school == first)
        return True

    # -- planning ------------------------------------------------------------------------------

    def plan(self, alt: Alt, day: str, new_school: School | None = None) -> _Plan:
        """The lessons a day would add, most valuable first, and the objective they (and the visit) add."""
        schools = list(self.schools_on.get((alt.id, day), []))
        if new_school is not None:
            schools.append(new_school.id)
        picks, value = self.pick_lessons(alt, day, schools)
        return _Plan(picks, value + self.visit_terms(alt, new_school, len(picks)))

    def pick_lessons(self, alt: Alt, day: str, schools: list[str]) -> tuple[list[Lesson], int]:
        """The lessons `alt` would join at `schools` on `day`, most valuable first, and their value."""
        weights = self.instance.weights
        candidates = [lesson for school in schools for lesson in self.eligibility.lessons_at(school, day)
                      if lesson.id not in self.alt_of_lesson]
        taken = list(self.lessons_on.get((alt.id, day), []))
        covered = Counter[tuple[str, str]]()
        picks: list[Lesson] = []
        value_sum = 0
        while True:
            best: tuple[int, int, Lesson] | None = None
            for lesson in candidates:
                if lesson in picks or not self.fits(alt, lesson, taken):
                    continue
                key = (lesson.school, lesson.homeroom)
                value = lesson_value(weights.coverage_scale, self.instance.homeroom_weight[key],
                                     self.covered[key] + covered[key] + 1)
                if best is None or (value, -self.chances[key]) > best[:2]:
                    best = (value, -self.chances[key], lesson)
            if best is None:
                break
            value, _, lesson = best
            picks.append(lesson)
            taken.append(lesson)
            covered[(lesson.school, lesson.homeroom)] += 1
            value_sum += value
        return picks, value_sum

    def visit_terms(self, alt: Alt, new_school: School | None, lessons: int) -> int:
        """What a day of `lessons` adds besides their value: classes short of the weekly minimum made
        up, less the trip and the extra ALT a new school's visit costs."""
        weights = self.instance.weights
        short = max(0, alt.classes_per_week.min - self.lessons_of_alt[alt.id])
        gain = weights.shortfall_class * min(short, lessons)
        if new_school is not None:
            gain -= weights.travel_minute * self.eligibility.travel.day_trip(alt, [new_school.id])
            if self.alts_at[new_school.id] and alt.id not in self.alts_at[new_school.id]:
                gain -= weights.extra_alt
        return gain

    def optimistic_gain(self, alt: Alt, day: str, school: School,
                        rated: dict[tuple[str, str, int], tuple[int, int]]) -> int:
        """At least what a new one-school day would add (`plan(...).gain`), at a fraction of the cost.

        A fresh day's lessons depend on the ALT only through the daily and weekly caps; leaving the
        weekly cap out can only add lessons, so the school-day is rated once for each daily cap in
        `rated` and shared by every ALT. The lazy greedy re-plans exactly before it adds a visit."""
        key = (school.id, day, alt.max_classes_per_day)
        if key not in rated:
            uncapped = replace(alt, classes_per_week=replace(alt.classes_per_week, max=UNCAPPED_WEEK))
            picks, value = self.pick_lessons(uncapped, day, [school.id])
            rated[key] = (value, len(picks))
        value, count = rated[key]
        return value + self.visit_terms(alt, school, count)

    # -- changes -------------------------------------------------------------------------------

    def add_visit(self, alt: Alt, day: str, school: School) -> None:
        self.schools_on[(alt.id, day)].append(school.id)
        self.schools_of_alt[alt.id].add(school.id)
        self.alts_at[school.id].add(alt.id)
        self.alt_days_at[school.id] += 1

    def join(self, alt: Alt, lessons: list[Lesson]) -> None:
        for lesson in lessons:
            self.lessons_on[(alt.id, lesson.day)].append(lesson)
            self.alt_of_lesson[lesson.id] = alt.id
            self.lessons_of_alt[alt.id] += 1
            self.covered[(lesson.school, lesson.homeroom)] += 1

    def solution(self) -> Solution:
        visits = sorted((Visit(alt, day, school) for (alt, day), schools in self.schools_on.items()
                         for school in schools), key=lambda v: (v.alt, day_order(v.day), v.school))
        lessons = sorted((Assignment(alt, lesson_id) for lesson_id, alt in self.alt_of_lesson.items()),
                         key=lambda a: (a.alt, a.lesson))
        draft = Solution(Status.FEASIBLE, tuple(visits), tuple(lessons), instance=self.instance.name)
        return replace(draft, objective=score(self.instance, draft, self.eligibility.travel).objective)


def construct(instance: Instance, eligibility: Eligibility | None = None, *,
              deadline: float | None = None, fill_deadline: float | None = None,
              stats: dict[str, Any] | None = None) -> Solution | None:
    """A valid timetable, or None if the greedy passes cannot keep every hard rule, or cannot meet
    the minimums before `deadline` (time.monotonic()); visits that pay stop being added at
    `fill_deadline` (by default the same). A week cut short there is valid but thin, and thin starts
    cost the search far more than the seconds, so callers give the fill a later deadline."""
    eligibility = eligibility or Eligibility(instance)
    week = WeekDraft(instance, eligibility, {(a.id, d, s.id) for a, d, s in eligibility.visits()})
    if not place_fixed(week):
        return None
    if not _meet_minimums(week, deadline):
        if stats is not None and deadline is not None and time.monotonic() > deadline:
            # Out of time, not out of options: the caller may finish it later as a last resort.
            stats["greedy_cut_short"] = True
        return None
    add_paying_visits(week, fill_deadline if fill_deadline is not None else deadline)
    return week.solution()


def place_fixed(week: WeekDraft) -> bool:
    instance = week.instance
    by_day: dict[tuple[str, str], list[str]] = defaultdict(list)
    for fixed in instance.fixed:
        by_day[(fixed.alt, fixed.day)].append(fixed.school)
    for (alt_id, day), school_ids in by_day.items():
        alt = instance.alt_by_id[alt_id]
        schools = [instance.school_by_id[s] for s in school_ids]
        if len(schools) > alt.max_schools_per_day:
            return False
        if len(schools) == 1:
            if not week.may_visit(alt, day, schools[0]):
                return False
            week.add_visit(alt, day, schools[0])
        elif not _place_fixed_pair(week, alt, day, schools[0], schools[1]):
            return False
        week.join(alt, week.plan(alt, day).lessons)
    return True


def _place_fixed_pair(week: WeekDraft, alt: Alt, day: str, one: School, other: School) -> bool:
    """A fixed two-school day: the best pair of lessons, one at each school, that leaves time to travel."""
    if any((alt.id, day, s.id) not in week.open for s in (one, other)):
        return False
    weights, best = week.instance.weights, None
    for first, second in ((one, other), (other, one)):
        gap = week.eligibility.travel.between(alt, first.id, second.id)
        for early, late in itertools.product(week.eligibility.lessons_at(first.id, day),
                                             week.eligibility.lessons_at(second.id, day)):
            if early.end + gap > late.start or {early.id, late.id} & week.alt_of_lesson.keys():
                continue
            value = sum(weights.coverage_scale * week.instance.homeroom_weight[(x.school, x.homeroom)]
                        for x in (early, late))
            if best is None or value > best[0]:
                best = (value, first, second, early, late)
    if best is None or alt.max_classes_per_day < 2 or alt.classes_per_week.max - week.lessons_of_alt[alt.id] < 2:
        return False
    _value, first, second, early, late = best
    if not week.has_room(alt, first):
        return False
    week.add_visit(alt, day, first)
    if not week.has_room(alt, second):
        return False
    week.add_visit(alt, day, second)
    week.join(alt, [early, late])
    return True


def _meet_minimums(week: WeekDraft, deadline: float | None) -> bool:
    instance, eligibility = week.instance, week.eligibility
    # The school with the least to spare goes first, before others use up the ALT-days it needs.
    schools = sorted(instance.schools, key=lambda s: (eligibility.alt_days_at(s) - s.visit_days.min, s.id))
    # Lessons are only ever taken, never given back, so a rating made earlier stays an upper bound.
    rated: dict[tuple[str, str, int], tuple[int, int]] = {}
    for school in schools:
        if deadline is not None and time.monotonic() > deadline:
            return False
        while week.alt_days_at[school.id] < school.visit_days.min:
            best = _best_new_day(week, school, rated)
            if best is None:
                return False
            _gain, alt, day, plan = best
            week.add_visit(alt, day, school)
            week.join(alt, plan.lessons)
    return True


def _best_new_day(week: WeekDraft, school: School,
                  rated: dict[tuple[str, str, int], tuple[int, int]]) -> tuple[int, Alt, str, _Plan] | None:
    """The ALT and day whose new visit to `school` adds the most: exact plans are made in order of the
    optimistic ratings, and only until no remaining rating could beat the best plan so far."""
    eligibility = week.eligibility
    candidates = [(week.optimistic_gain(alt, day, school, rated), alt, day)
                  for alt in eligibility.alts_of[school.id] for day in eligibility.days(alt)
                  if week.may_visit(alt, day, school)]
    candidates.sort(key=lambda candidate: -candidate[0])
    best: tuple[int, Alt, str, _Plan] | None = None
    for optimistic, alt, day in candidates:
        if best is not None and best[0] >= optimistic:
            break
        plan = week.plan(alt, day, school)
        if best is None or plan.gain > best[0]:
            best = (plan.gain, alt, day, plan)
    return best


def add_paying_visits(week: WeekDraft, deadline: float | None = None) -> None:
    """Lazy greedy: a visit's gain only goes stale as others are placed, so re-rate it when it comes up.
    Every visit added keeps the rules, so stopping at `deadline` leaves a valid timetable."""
    instance = week.instance
    heap: list[tuple[int, int, str, str, str]] = []
    counter = itertools.count()
    rated: dict[tuple[str, str, int], tuple[int, int]] = {}
    for alt, day, school in week.eligibility.visits():
        if deadline is not None and time.monotonic() > deadline:
            return
        if week.may_visit(alt, day, school):
            gain = week.optimistic_gain(alt, day, school, rated)
            if gain > 0:
                heap.append((-gain, next(counter), alt.id, day, school.id))
    heapq.heapify(heap)
    while heap and (deadline is None or time.monotonic() <= deadline):
        _stale, _, alt_id, day, school_id = heapq.heappop(heap)
        alt, school = instance.alt_by_id[alt_id], instance.school_by_id[school_id]
        if not week.may_visit(alt, day, school):
            continue
        plan = week.plan(alt, day, school)
        if plan.gain <= 0:
            continue
        if heap and plan.gain < -heap[0][0]:
            heapq.heappush(heap, (-plan.gain, next(counter), alt_id, day, school_id))
            continue
        week.add_visit(alt, day, school)
        week.join(alt, plan.lessons)
