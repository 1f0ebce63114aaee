"""The decision variables of the CP-SAT model, created only where the spec allows them.

Four hard rules hold by what is *not* created, so no constraint is needed for them:
- rule 3 (levels, the ALT's school list, forbidden pairs) and rule 9 (commute limit): a `visit[a, d, s]`
  exists only for a school open to the ALT (`Eligibility.school_open`);
- rule 4 (unavailable days, days of the week): only for the ALT's working days;
- rule 12 (ids exist, nothing listed twice): the timetable is read off these variables, one per entry.

`join[a, l]` exists only where `visit[a, l.day, l.school]` does. One pruning keeps the model small
without losing an optimum: a visit to a school with no lesson that day is created only when the
school's `visit_days.min` or a fixed visit might need it, since otherwise dropping such a visit keeps
every rule and never lowers the objective.

Two-school days (`max_schools_per_day` 2) get one boolean per unordered pair `pair[a, d, s1, s2]`
(`s1 < s2`), created only where the day can work at all in some order: some lesson at one school
ends early enough to reach some lesson at the other before it starts (`Eligibility.order_fits`). That
is exactly rule 6's "a lesson at each school, travel time between them", so this restriction loses no
timetable. Travel is symmetric in the spec (haversine, and overrides hold both ways), so one variable
serves both orders; which school comes first is `first[a, d, s]` / `second[a, d, s]`, and the day's
`depart[a, d]` (leaving the first school) and `arrive[a, d]` (reaching the second) carry the times.
This keeps the model's size linear in the number of lessons apart from the pair booleans themselves,
which exact trip costs need.

Their number grows with the square of the schools open to an ALT, so a `pair_budget` may cap it: then
only pairs of near neighbours are kept (each school among the other's k nearest open schools, with
the largest k that fits), plus the pairs of fixed visits and of the starting timetable. The model is
then a restriction of the spec's problem: a solve on it never claims optimality or a bound, and never
infeasibility (see `TimetableModel`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from ortools.sat.python import cp_model

from kakehashi.timetable.instance import FixedVisit, Instance, Lesson
from kakehashi.timetable.solve.eligibility import Eligibility

if TYPE_CHECKING:
    from kakehashi.timetable.solve.subproblem import Offsets

# ortools ships no type hints; these names say what a value is.
BoolVar = Any
IntVar = Any

TermKind = Literal["min", "max", "max_alts", "schools_per_week", "fixed"]


@dataclass(frozen=True)
class ContractTerm:
    """A term of the contract that may be switched off to find out why an instance is infeasible.

    `subject` is the school id (min, max, max_alts), the ALT id (schools_per_week) or the index of a
    fixed visit (fixed)."""

    kind: TermKind
    subject: str
    fixed: FixedVisit | None = None


@dataclass
class Variables:
    instance: Instance
    eligibility: Eligibility
    # (alt, day, school) → the ALT is at the school that day
    visit: dict[tuple[str, str, str], BoolVar] = field(default_factory=dict)
    # (alt, lesson id) → the ALT joins the lesson
    join: dict[tuple[str, str], BoolVar] = field(default_factory=dict)
    # (alt, school) → the ALT visits the school at least once in the week
    used: dict[tuple[str, str], BoolVar] = field(default_factory=dict)
    # (alt, day, school, other school), school < other → a two-school day at those two
    pair: dict[tuple[str, str, str, str], BoolVar] = field(default_factory=dict)
    # (alt, day, school) of schools in some pair → the school is the first / the second of the day
    first: dict[tuple[str, str, str], BoolVar] = field(default_factory=dict)
    second: dict[tuple[str, str, str], BoolVar] = field(default_factory=dict)
    # (alt, day) with some pair → when the ALT leaves the first school / reaches the second
    depart: dict[tuple[str, str], IntVar] = field(default_factory=dict)
    arrive: dict[tuple[str, str], IntVar] = field(default_factory=dict)
    # (school, homeroom) → covered[k-1] is "the class has at least k ALT lessons"
    covered: dict[tuple[str, str], list[BoolVar]] = field(default_factory=dict)
    # alt → max(0, classes_per_week.min - lessons joined)
    shortfall: dict[str, IntVar] = field(default_factory=dict)
    # school → max(0, distinct ALTs - 1)
    extra_alts: dict[str, IntVar] = field(default_factory=dict)
    # contract term → its enforcement literal, when the model is built to explain infeasibility
    guards: dict[ContractTerm, BoolVar] = field(default_factory=dict)
    guarded: bool = False
    # what a frozen rest of the week already holds, when this model is a part of it (subproblem.py)
    covered_before: dict[tuple[str, str], int] = field(default_factory=dict)
    alts_before: dict[str, int] = field(default_factory=dict)
    # pairs rule 6 allows that the pair budget left out, and the nearness rank from which it did
    pairs_left_out: int = 0
    partner_limit: int | None = None
    model: cp_model.CpModel | None = None

    # indexes the rules read
    joins_at: dict[tuple[str, str, str], list[tuple[Lesson, BoolVar]]] = field(default_factory=dict)
    joins_of_lesson: dict[str, list[BoolVar]] = field(default_factory=dict)
    visits_on: dict[tuple[str, str], list[tuple[str, BoolVar]]] = field(default_factory=dict)
    visits_to: dict[str, list[tuple[str, str, BoolVar]]] = field(default_factory=dict)

    def guard(self, term: ContractTerm) -> list[BoolVar]:
        """The enforcement literals for a contract term: none in a normal solve."""
        if not self.guarded:
            return []
        if term not in self.guards:
            assert self.model is not None
            self.guards[term] = self.model.new_bool_var(f"term_{term.kind}_{term.subject}")
        return [self.guards[term]]

    @cached_property
    def joins_of_alt(self) -> dict[str, list[BoolVar]]:
        return _grouped((alt, join) for (alt, _lesson), join in self.join.items())

    @cached_property
    def used_by_alt(self) -> dict[str, list[BoolVar]]:
        return _grouped((alt, used) for (alt, _school), used in self.used.items())

    @cached_property
    def used_at_school(self) -> dict[str, list[BoolVar]]:
        return _grouped((school, used) for (_alt, school), used in self.used.items())

    def joins_on(self, alt: str, day: str) -> list[tuple[Lesson, BoolVar]]:
        return [entry for school, _ in self.visits_on.get((alt, day), ())
                for entry in self.joins_at.get((alt, day, school), ())]


def _grouped[K, V](pairs: Iterable[tuple[K, V]]) -> dict[K, list[V]]:
    """Each key with its values, in the order met."""
    result: dict[K, list[V]] = defaultdict(list)
    for key, value in pairs:
        result[key].append(value)
    return dict(result)


def create_variables(instance: Instance, model: cp_model.CpModel, eligibility: Eligibility, *,
                     guarded: bool = False, pair_budget: int | None = None,
                     keep_pairs: set[tuple[str, str, str, str]] | None = None,
                     offsets: Offsets | None = None) -> Variables:
    """The variables; `pair_budget` caps the two-school pair variables (None: all), `keep_pairs`
    names pairs kept whatever the budget (those of fixed visits and of the starting timetable)."""
    v = Variables(instance, eligibility, guarded=guarded, model=model)
    if offsets is not None:
        v.covered_before, v.alts_before = offsets.covered_before, offsets.alts_before
    fixed = {(f.alt, f.day, f.school) for f in instance.fixed}
    joins_at: dict[tuple[str, str, str], list[tuple[Lesson, BoolVar]]] = defaultdict(list)
    joins_of_lesson: dict[str, list[BoolVar]] = defaultdict(list)
    visits_on: dict[tuple[str, str], list[tuple[str, BoolVar]]] = defaultdict(list)
    visits_to: dict[str, list[tuple[str, str, BoolVar]]] = defaultdict(list)

    for alt, day, school in eligibility.visits():
        lessons = eligibility.lessons_at(school.id, day)
        if not lessons and school.visit_days.min == 0 and (alt.id, day, school.id) not in fixed:
            continue
        var = model.new_bool_var(f"visit_{alt.id}_{day}_{school.id}")
        v.visit[(alt.id, day, school.id)] = var
        visits_on[(alt.id, day)].append((school.id, var))
        visits_to[school.id].append((alt.id, day, var))
        if (alt.id, school.id) not in v.used:
            v.used[(alt.id, school.id)] = model.new_bool_var(f"used_{alt.id}_{school.id}")
        for lesson in lessons:
            join = model.new_bool_var(f"join_{alt.id}_{lesson.id}")
            v.join[(alt.id, lesson.id)] = join
            joins_at[(alt.id, day, school.id)].append((lesson, join))
            joins_of_lesson[lesson.id].append(join)
    v.joins_at, v.joins_of_lesson = dict(joins_at), dict(joins_of_lesson)
    v.visits_on, v.visits_to = dict(visits_on), dict(visits_to)

    keep = set(keep_pairs or ())
    fixed_on = _grouped(((f.alt, f.day), f.school) for f in instance.fixed)
    keep |= {(alt, day, min(schools), max(schools)) for (alt, day), schools in fixed_on.items() if len(schools) == 2}
    _create_pairs(v, model, pair_budget, keep)
    _create_objective_helpers(v, model)
    return v


def _create_pairs(v: Variables, model: cp_model.CpModel, budget: int | None,
                  keep: set[tuple[str, str, str, str]]) -> None:
    candidates = _pair_candidates(v, budget, keep)
    for _near, alt_id, day, one, other in sorted(candidates, key=lambda c: c[1:]):
        v.pair[(alt_id, day, one, other)] = model.new_bool_var(f"pair_{alt_id}_{day}_{one}_{other}")
    for alt_id, day, one, other in v.pair:
        if (alt_id, day) not in v.depart:
            times = [t for school, _ in v.visits_on[(alt_id, day)] for lesson in v.eligibility.lessons_at(school, day)
                     for t in (lesson.start, lesson.end)]
            v.depart[(alt_id, day)] = model.new_int_var(min(times), max(times), f"depart_{alt_id}_{day}")
            v.arrive[(alt_id, day)] = model.new_int_var(min(times), max(times), f"arrive_{alt_id}_{day}")
        for school in (one, other):
            if (alt_id, day, school) not in v.first:
                v.first[(alt_id, day, school)] = model.new_bool_var(f"first_{alt_id}_{day}_{school}")
                v.second[(alt_id, day, school)] = model.new_bool_var(f"second_{alt_id}_{day}_{school}")


# Minutes a pair's travel in the school grid may be below the spec's (numpy's last bit, rounded up): the
# grid only sorts pairs out early, each kept pair is then asked of the exact rule.
GRID_SLACK_MINUTES = 1


def _pair_candidates(v: Variables, budget: int | None,
                     keep: set[tuple[str, str, str, str]]) -> list[tuple[int, str, str, str, str]]:
    """(nearness rank, alt, day, school, other school) for every pair rule 6 allows, or, beyond `budget`,
    the nearest whole ranks of them (pairs in `keep` always, with rank -1).

    The school grid and the day spans are compared for all pairs at once (numpy): asking the exact rule
    for every pair took seconds a re-plan at 400 schools. Only pairs that may be kept are asked exactly."""
    groups: list[tuple[str, str, list[str], np.ndarray, np.ndarray, np.ndarray]] = []  # alt, day, schools, i, j, rank
    kept_on = _grouped(((alt_id, day), (one, other)) for alt_id, day, one, other in keep)
    for alt in v.instance.alts:
        if alt.max_schools_per_day < 2:
            continue
        index, ranks = v.eligibility.partner_ranks(alt)
        grid_index, grid = v.eligibility.travel.school_grid(alt.mode)
        for day in v.eligibility.days(alt):
            schools = [school for school in sorted(school for school, _ in v.visits_on.get((alt.id, day), ()))
                       if v.eligibility.lesson_span(school, day) is not None]
            if len(schools) < 2:
                continue
            spans = np.array([v.eligibility.lesson_span(school, day) for school in schools])
            rows = np.array([grid_index[school] for school in schools])
            fits = spans[:, 0, None] + grid[np.ix_(rows, rows)] - GRID_SLACK_MINUTES <= spans[None, :, 1]
            i, j = np.nonzero(np.triu(fits | fits.T, k=1))
            at = np.array([index[school] for school in schools])
            rank = ranks[at[i], at[j]].astype(np.int64)
            local = {school: position for position, school in enumerate(schools)}
            for one, other in kept_on.get((alt.id, day), ()):
                if one in local and other in local:
                    rank[(i == local[one]) & (j == local[other])] = -1
            groups.append((alt.id, day, schools, i, j, rank))
    total = sum(len(group[5]) for group in groups)
    limit: int | None = None
    if budget is not None and total > budget:
        # Keep whole ranks only, so that the rule stays simple to state: pairs of near neighbours.
        every_rank = np.sort(np.concatenate([group[5] for group in groups]))
        limit = int(every_rank[budget])
        if not (every_rank < limit).any():
            limit += 1  # nothing below the budget's rank: that rank is kept whole
    possible = [(int(r), alt_id, day, schools[one], schools[other])
                for alt_id, day, schools, i, j, rank in groups
                for one, other, r in zip(i, j, rank, strict=True) if limit is None or r < limit]
    if limit is not None:
        v.pairs_left_out, v.partner_limit = total - len(possible), limit
    return [c for c in possible if _order_fits_either_way(v.eligibility, c)]


def _order_fits_either_way(eligibility: Eligibility, candidate: tuple[int, str, str, str, str]) -> bool:
    _near, alt_id, day, one, other = candidate
    alt = eligibility.instance.alt_by_id[alt_id]
    return eligibility.order_fits(alt, day, one, other) or eligibility.order_fits(alt, day, other, one)


def _create_objective_helpers(v: Variables, model: cp_model.CpModel) -> None:
    lessons_per_homeroom: dict[tuple[str, str], int] = defaultdict(int)
    for lesson_id in v.joins_of_lesson:
        lesson = v.instance.lesson_by_id[lesson_id]
        lessons_per_homeroom[(lesson.school, lesson.homeroom)] += 1
    for (school_id, homeroom), count in sorted(lessons_per_homeroom.items()):
        v.covered[(school_id, homeroom)] = [model.new_bool_var(f"covered_{school_id}_{homeroom}_{k}")
                                            for k in range(1, count + 1)]
    for alt in v.instance.alts:
        if alt.classes_per_week.min > 0:
            v.shortfall[alt.id] = model.new_int_var(0, alt.classes_per_week.min, f"shortfall_{alt.id}")
    for school in v.instance.schools:
        alts = {alt_id for alt_id, _day, _var in v.visits_to.get(school.id, ())}
        before = v.alts_before.get(school.id, 0)
        if alts and len(alts) + before > 1:
            v.extra_alts[school.id] = model.new_int_var(0, len(alts) + before - 1, f"extra_alts_{school.id}")
