"""A proven upper bound from the week's ALT-days, school by school (a Lagrangian relaxation).

The counting bound (capacity_bound.py) pools every ALT's weekly lessons and hands them to the best
lessons anywhere. On most weeks that is not what runs out: an ALT has five days, one or two schools a
day, and a small school's day has three or four lessons, so the *ALT-days* run out first, and a
school's days decide which classes it can reach at all. This bound keeps both, and splits the week
by school:

- **A school's visit pattern**: how many ALTs come on each day (`k_d`), between `visit_days.min` and
  `max` in all, at most `max_alts` and at most the ALTs who may work there that day. For each pattern
  the most its lessons can be worth with `n` of them covered is bounded by the best D'Hondt shares
  with each class taking at most its lessons on the days visited and each day at most what `k_d`
  ALT-days can join (`school_capacity`'s count). Those limits are a transportation problem, whose
  feasible counts per class form a polymatroid, so the largest shares taken greedily while they fit
  are the exact optimum of that relaxation for every `n` at once.
- **What the pattern must pay**: at least the cheapest commute of an ALT who may come that day, for
  each ALT-day (twice for an ALT who works at one school a day: home and back; on a two-school day
  the two commutes are split between the schools), and `extra_alt` for each ALT beyond the first when
  `k_d` ALTs come on one day (they are different people).
- **What couples the schools** is relaxed with prices (Lagrange multipliers): the ALT-days of each
  day (`μ_d` for each of the at most `Σ max_schools_per_day` ALT-days that day) and the lessons of
  the week (`λ` for each; all ALTs together teach at most their weekly maximums, and fall short of
  their weekly minimums by at least what is left of them).

For any prices `λ` and `μ ≥ 0`, the sum over schools of each school's best pattern, plus the prices
times what the week supplies, is at least the objective of every valid timetable (read the pattern
and the lessons of each school off the timetable: every relaxed limit holds, so its priced term is
not negative). The prices are then lowered by subgradient steps; every step's value is a valid
bound, and the smallest is kept.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kakehashi.timetable.instance import Alt, Instance, School
from kakehashi.timetable.solve.bound import most_disjoint
from kakehashi.timetable.solve.capacity_bound import capacity_bound
from kakehashi.timetable.solve.eligibility import Eligibility
from kakehashi.timetable.solve.rules.coverage import lesson_value

# Subgradient steps on the prices; each is one pass over every school's patterns (vectorised).
STEPS = 300
# The step shrinks by half after ten steps without a better bound, and the steps end below this scale.
MIN_STEP_SCALE = 1e-3
# A school whose visit patterns would pass this many gets one row set above all of them instead: every day
# at its most ALTs, paying nothing and using no ALT-day (many ALTs a day at one school; not seen in practice).
MOST_PATTERNS = 4_000


@dataclass(frozen=True)
class Patterns:
    """Every school's visit patterns, one row per (school, pattern, lessons covered)."""

    schools: tuple[str, ...]  # the schools with rows, in row order
    owner: npt.NDArray[np.int64]  # row → its school's place in `schools`, rows of one school together
    value: npt.NDArray[np.float64]  # coverage less travel and extra-ALT cost of the row
    lessons: npt.NDArray[np.float64]  # lessons covered
    alts_by_day: npt.NDArray[np.float64]  # row × day: ALT-days the pattern uses that day
    starts: npt.NDArray[np.int64]  # the first row of each school


def alt_day_bound(instance: Instance, eligibility: Eligibility | None = None, *, steps: int = STEPS,
                  deadline: float | None = None) -> int | None:
    """An upper bound on the objective of every valid timetable of `instance` (module docstring).

    The prices are first one per day and one for all lessons (few, so they settle fast), then one per
    ALT-day and one per ALT's lessons, starting from the first: a school then pays the cheapest price of
    an ALT who may work there, which brings in who can reach which school. `deadline` (a
    `time.monotonic()` instant) ends the steps early (the bound is then looser, never wrong), or gives
    None if it passes before every school's patterns are built."""
    el = eligibility or Eligibility(instance)
    patterns = school_patterns(instance, el, deadline)
    if patterns is None:
        return None
    shortfall = float(instance.weights.shortfall_class)
    if len(patterns.value) == 0:
        return math.floor(-shortfall * sum(alt.classes_per_week.min for alt in instance.alts) + 1e-6)
    week = _Week(instance, el, patterns)
    price, day_prices, best = week.settle(np.zeros(1), np.zeros((1, len(instance.days))), steps, deadline, by_alt=False)
    alts = len(week.alt_ids)
    _, _, by_alt = week.settle(np.full(alts, price[0]), np.repeat(day_prices, alts, axis=0), steps, deadline,
                               by_alt=True)
    bound = min(best, by_alt)
    # The bound is a sum of floating-point terms of integers: a margin past rounding, then the floor.
    return math.floor(bound + 1e-6 * max(1.0, abs(bound)))


# An ALT-day price for a day the ALT does not work: never the cheapest for a school (the school's patterns
# use no ALT that day when nobody who may come works then).
UNAVAILABLE = 1e15


class _Week:
    """The ALTs' side of the relaxation: what each supplies, and the prices a school pays."""

    def __init__(self, instance: Instance, el: Eligibility, patterns: Patterns) -> None:
        self.patterns = patterns
        self.shortfall = float(instance.weights.shortfall_class)
        alts = [alt for alt in instance.alts if el.schools_of[alt.id]]
        self.alt_ids = [alt.id for alt in alts]
        number = {alt.id: i for i, alt in enumerate(alts)}
        self.most = np.array([min(alt.classes_per_week.max, len(el.days(alt)) * alt.max_classes_per_day)
                              for alt in alts], dtype=np.float64)
        # Shortfall is counted on every ALT, even one with no school open (they teach nothing).
        self.fixed_shortfall = self.shortfall * sum(alt.classes_per_week.min for alt in instance.alts
                                                    if not el.schools_of[alt.id])
        self.least = np.array([alt.classes_per_week.min for alt in alts], dtype=np.float64)
        self.alt_days = np.array([[alt.max_schools_per_day if day in el.days(alt) else 0 for day in instance.days]
                                  for alt in alts], dtype=np.float64)
        self.works = self.alt_days > 0
        reach = [[number[alt.id] for alt in el.alts_of[school]] for school in patterns.schools]
        self.reach = np.array([a for alts_here in reach for a in alts_here], dtype=np.int64)
        self.reach_starts = np.cumsum([0] + [len(r) for r in reach[:-1]]).astype(np.int64)
        self.reach_owner = np.repeat(np.arange(len(reach)), [len(r) for r in reach])
        self.row_counts = np.diff(np.append(patterns.starts, len(patterns.value)))

    def supply(self, price: npt.NDArray[np.float64], pooled: bool) -> tuple[float, npt.NDArray[np.float64]]:
        """Σ over ALTs (or their pool) of max over N of price·N − shortfall·max(0, least − N), and the N."""
        most, least = (self.most.sum(keepdims=True), self.least.sum(keepdims=True)) if pooled else (self.most,
                                                                                                   self.least)
        options = np.stack([np.zeros_like(most), np.minimum(least, most), most])
        worth = price * options - self.shortfall * np.maximum(0.0, least - options)
        pick = worth.argmax(axis=0)
        return float(worth.max(axis=0).sum()) - self.fixed_shortfall, options[pick, np.arange(len(most))]

    def dual(self, price: npt.NDArray[np.float64], day_prices: npt.NDArray[np.float64],
             by_alt: bool) -> tuple[float, npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """The bound at these prices, and its subgradient for the lesson prices and the ALT-day prices."""
        p = self.patterns
        if by_alt:
            lesson_cost, lesson_alt = _segment_min(price[self.reach], self.reach_starts, self.reach)
            effective = np.where(self.works, day_prices, UNAVAILABLE)
            per_day = [_segment_min(effective[self.reach, d], self.reach_starts, self.reach)
                       for d in range(day_prices.shape[1])]
            day_cost = np.stack([cost for cost, _ in per_day], axis=1)
        else:
            lesson_cost = np.full(len(p.schools), price[0])
            day_cost = np.repeat(day_prices, len(p.schools), axis=0)
        priced = p.value - lesson_cost[p.owner] * p.lessons - (p.alts_by_day * day_cost[p.owner]).sum(axis=1)
        best = np.maximum.reduceat(priced, p.starts)
        chosen = _first_at(priced >= np.repeat(best, self.row_counts), p.starts)
        week, taught = self.supply(price, pooled=not by_alt)
        supplied = self.alt_days if by_alt else self.alt_days.sum(axis=0, keepdims=True)
        value = week + float((day_prices * supplied).sum()) + float(best.sum())
        lessons, visits = p.lessons[chosen], p.alts_by_day[chosen]
        if not by_alt:
            return value, taught - lessons.sum(keepdims=True), supplied - visits.sum(axis=0, keepdims=True)
        used = np.bincount(lesson_alt, weights=lessons, minlength=len(price))
        days_used = np.stack([np.bincount(alt, weights=visits[:, d], minlength=len(price))
                              for d, (_, alt) in enumerate(per_day)], axis=1)
        return value, taught - used, np.where(self.works, supplied - days_used, 0.0)

    def settle(self, price: npt.NDArray[np.float64], day_prices: npt.NDArray[np.float64], steps: int,
               deadline: float | None, *, by_alt: bool) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64],
                                                               float]:
        """Subgradient steps from these prices: the best prices found and their bound."""
        if not by_alt and len(self.patterns.value) > 1:
            # Start the lesson price at a typical share a lesson is worth.
            marginal = np.diff(self.patterns.value)[np.diff(self.patterns.lessons) == 1]
            price = np.full(1, max(0.0, float(np.median(marginal)))) if len(marginal) else price
        best_bound, best_prices = math.inf, (price, day_prices)
        scale, since_better = 1.0, 0
        for _ in range(steps):
            value, lesson_slack, day_slack = self.dual(price, day_prices, by_alt)
            if value < best_bound - 1e-9 * abs(value):
                best_bound, best_prices, since_better = value, (price, day_prices), 0
            else:
                since_better += 1
                if since_better >= 10:
                    scale, since_better = scale / 2, 0
                    if scale < MIN_STEP_SCALE:
                        break  # ten halvings without a better bound: the prices have settled
            norm = float(lesson_slack @ lesson_slack) + float((day_slack * day_slack).sum())
            if norm == 0 or (deadline is not None and time.monotonic() > deadline):
                break  # a subgradient of zero: these prices are optimal
            # A Polyak step towards a tenth below the best bound so far, shrinking when it stops helping.
            step = scale * 0.1 * abs(best_bound) / norm
            price = price - step * lesson_slack
            day_prices = np.maximum(0.0, day_prices - step * day_slack)
        return best_prices[0], best_prices[1], best_bound


def _segment_min(values: npt.NDArray[np.float64], starts: npt.NDArray[np.int64],
                 labels: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Each segment's least value, and the label of the first place it is reached."""
    least = np.minimum.reduceat(values, starts)
    at = _first_at(values <= np.repeat(least, np.diff(np.append(starts, len(values)))), starts)
    return least, labels[at]


def _first_at(mask: npt.NDArray[np.bool_], starts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The first index where `mask` holds in each segment (each segment has one)."""
    index = np.where(mask, np.arange(len(mask)), len(mask))
    return np.minimum.reduceat(index, starts)


def school_patterns(instance: Instance, eligibility: Eligibility, deadline: float | None = None) -> Patterns | None:
    """Every school's rows, or None if `deadline` passes before they are all built (a prefecture on a busy
    machine: the counting bound is then as good as what the prices would reach in the time left)."""
    days_of = {alt.id: set(eligibility.days(alt)) for alt in instance.alts}
    schools: list[str] = []
    school_of: list[npt.NDArray[np.int64]] = []
    values: list[npt.NDArray[np.float64]] = []
    lessons: list[npt.NDArray[np.float64]] = []
    by_day: list[npt.NDArray[np.float64]] = []
    starts: list[int] = []
    rows = 0
    for school in instance.schools:
        if deadline is not None and time.monotonic() > deadline:
            return None
        table = _one_school(instance, eligibility, school, days_of)
        if table is None:
            continue
        value, covered, alts = table
        starts.append(rows)
        rows += len(value)
        school_of.append(np.full(len(value), len(schools), dtype=np.int64))
        schools.append(school.id)
        values.append(value)
        lessons.append(covered)
        by_day.append(alts)
    if not values:
        return Patterns((), np.zeros(0, np.int64), np.zeros(0), np.zeros(0), np.zeros((0, len(instance.days))),
                        np.zeros(0, np.int64))
    return Patterns(tuple(schools), np.concatenate(school_of), np.concatenate(values), np.concatenate(lessons),
                    np.concatenate(by_day), np.array(starts, dtype=np.int64))


Rows = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]


def _one_school(instance: Instance, el: Eligibility, school: School, days_of: dict[str, set[str]]) -> Rows | None:
    """The school's rows: for each visit pattern and each count of lessons covered, value and ALT-days."""
    alts = el.alts_of[school.id]
    weights = instance.weights
    days = instance.days
    if not alts:
        return None  # no ALT may come: nothing to gain and (if its minimum is above 0) no valid week at all
    per_visit = {alt.id: travel_per_visit(el, alt, school) for alt in alts}
    most_alts: list[int] = []
    day_caps: list[list[int]] = []  # day → lessons joinable by the first k ALTs, k = 0, 1, ...
    day_cost: list[int] = []
    for day in days:
        here = [alt for alt in alts if day in days_of[alt.id]]
        most = min(school.max_alts, len(here), school.visit_days.max)
        most_alts.append(most)
        day_lessons = el.lessons_at(school.id, day)
        caps = [0]
        if here and day_lessons:
            daily_most = max(alt.max_classes_per_day for alt in here)
            take_each = min(daily_most, most_disjoint(day_lessons))
            left = len(day_lessons)
            for _ in range(most):
                take = min(take_each, left)
                left -= take
                caps.append(caps[-1] + take)
        caps.extend([caps[-1]] * (most + 1 - len(caps)))
        day_caps.append(caps)
        day_cost.append(min((per_visit[alt.id] for alt in here), default=0))
    too_many = math.prod(m + 1 for m in most_alts) > MOST_PATTERNS
    patterns = ([tuple(most_alts)] if sum(most_alts) >= school.visit_days.min else []) if too_many else \
        _visit_patterns(most_alts, day_caps, school.visit_days.min, school.visit_days.max)
    if not patterns:
        return None  # no pattern meets the contract: no valid week (the precheck says why)
    per_day, shares = _classes(instance, school)
    caps_of = np.array([[day_caps[d][k] for d, k in enumerate(p)] for p in patterns], dtype=np.int64)
    worth = _greedy_coverage(per_day, caps_of, shares)  # pattern × lessons covered, NaN past the most
    pattern_array = np.array(patterns, dtype=np.float64) * (not too_many)
    cost = weights.travel_minute * (pattern_array @ np.array(day_cost, dtype=np.float64))
    cost += weights.extra_alt * np.maximum(0, pattern_array.max(axis=1) - 1)
    which, covered = np.nonzero(~np.isnan(worth))
    return worth[which, covered] - cost[which], covered.astype(np.float64), pattern_array[which]


def _classes(instance: Instance, school: School) -> tuple[npt.NDArray[np.int64], list[tuple[int, int, int]]]:
    """Each class's lessons by day, and every D'Hondt share of the school as (share, -k, class), largest first."""
    classes = sorted({lesson.homeroom for lesson in school.lessons})
    index = {homeroom: i for i, homeroom in enumerate(classes)}
    day_index = {day: i for i, day in enumerate(instance.days)}
    per_day = np.zeros((len(classes), len(instance.days)), dtype=np.int64)
    for lesson in school.lessons:
        if lesson.day in day_index:
            per_day[index[lesson.homeroom], day_index[lesson.day]] += 1
    scale = instance.weights.coverage_scale
    shares = sorted(((lesson_value(scale, instance.homeroom_weight[(school.id, h)], k), -k, i)
                     for i, h in enumerate(classes) for k in range(1, int(per_day[i].sum()) + 1)), reverse=True)
    return per_day, shares


def travel_per_visit(el: Eligibility, alt: Alt, school: School) -> int:
    """The least travel one of this ALT's days at `school` must be charged (minutes): there and back for an
    ALT at one school a day; one commute for an ALT who may work at two (the day's trip has both commutes)."""
    commute = el.travel.commute(alt, school.id)
    return commute if alt.max_schools_per_day > 1 else 2 * commute


def _visit_patterns(most_alts: list[int], day_caps: list[list[int]], least: int, most: int) -> list[tuple[int, ...]]:
    """Every (ALTs on each day) with a total between `least` and `most`, less those where one ALT less on some
    day would still meet `least` and join as many lessons: that one is cheaper at every price, so the other
    never decides the bound."""
    kept = []
    for pattern in itertools.product(*(range(m + 1) for m in most_alts)):
        total = sum(pattern)
        if not least <= total <= most:
            continue
        if total > least and any(k > 0 and day_caps[d][k] == day_caps[d][k - 1] for d, k in enumerate(pattern)):
            continue
        kept.append(pattern)
    return kept


def _greedy_coverage(per_day: npt.NDArray[np.int64], caps: npt.NDArray[np.int64],
                     shares: list[tuple[int, int, int]]) -> npt.NDArray[np.float64]:
    """For each pattern (a row of `caps`: lessons joinable each day), the most coverage with n lessons,
    n = 0, 1, ... (NaN past the most): class i takes at most `per_day[i, d]` lessons on a day d with
    `caps[d] > 0`, day d at most `caps[d]` in all. By max-flow/min-cut a count vector fits exactly when,
    for every set T of days, the total is at most Σ_{d∈T} caps[d] + Σ_i min(n_i, its lessons on open days
    outside T); the greedy keeps each such slack non-negative, for all patterns at once."""
    used_days = [d for d in range(per_day.shape[1]) if caps[:, d].any()]
    subsets = list(itertools.chain.from_iterable(itertools.combinations(range(len(used_days)), r)
                                                 for r in range(len(used_days) + 1)))
    member = np.zeros((len(subsets), len(used_days)), dtype=bool)
    for t, subset in enumerate(subsets):
        member[t, list(subset)] = True
    day_caps = caps[:, used_days]  # pattern × day
    open_day = day_caps > 0
    slack = day_caps @ member.T  # pattern × subset: Σ_{d∈T} caps[d]
    # outside[p, i, t]: class i's lessons on pattern p's open days outside subset t.
    outside = np.einsum("id,pd,td->pit", per_day[:, used_days], open_day, ~member)
    patterns = len(caps)
    taken = np.zeros((patterns, len(per_day)), dtype=np.int64)
    worth = np.full((patterns, len(shares) + 1), np.nan)
    worth[:, 0] = 0.0
    count = np.zeros(patterns, dtype=np.int64)
    total = np.zeros(patterns)
    rows = np.arange(patterns)
    for share, _k, i in shares:
        tight = taken[:, i][:, None] >= outside[:, i, :]
        fits = ~((slack <= 0) & tight).any(axis=1)
        if not fits.any():
            continue
        # A class that cannot take one more lesson now never can (the counts form a matroid).
        slack -= tight & fits[:, None]
        taken[fits, i] += 1
        count += fits
        total += share * fits
        worth[rows[fits], count[fits]] = total[fits]
    return worth[:, :int(count.max()) + 1]

def counting_bound(instance: Instance, eligibility: Eligibility, *, deadline: float | None = None,
                   stats: dict[str, Any] | None = None) -> int:
    """The tighter of the counting bound (capacity_bound.py) and the ALT-day bound: both need no model,
    so every answer, at any size, has one. `stats` hears each and how long the ALT-day bound took."""
    counted = capacity_bound(instance, eligibility)
    began = time.monotonic()
    by_days = alt_day_bound(instance, eligibility, deadline=deadline)
    if stats is not None:
        stats |= {"capacity_bound": counted, "alt_day_bound": by_days,
                  "alt_day_bound_seconds": round(time.monotonic() - began, 3)}
    return counted if by_days is None else min(counted, by_days)
