"""Balancing the year: as few changed dated visits as possible so that every school gets exactly its
annual contracted ALT-days and no ALT works more days than their limit (CP-SAT over the year's visits).

The dated plan (lay.py) loses visits where a school has no lessons on a term day: a national holiday,
an event, a 振替休業日. Each lost visit of a school short of its contract may be *moved* to another
lesson day of the school in that calendar week, with its own ALT or another who may teach there, if
that ALT is free that date or their visit that date can be *dropped*. Visits may be dropped at a school
planned above its contract, and of an ALT planned above their days. The model, lexicographically:
1. the fewest ALT-days short of contracts over all schools (0 wherever the year has the capacity);
2. the fewest changes: a drop or a move with the same ALT counts 1, a move to another ALT 2
   (schools and ALTs prefer their regular pairing).
Hard: no school above its contract, no ALT above their days, one school a day for a moved-in ALT, and no
ALT above `max_schools_per_week` in any calendar week.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from kakehashi.schoolyear.plan import DatedPlan, DatedVisit, SkippedVisit
from kakehashi.schoolyear.yearplan.candidates import Openings, Target
from kakehashi.schoolyear.yearplan.contracts import AnnualContracts
from kakehashi.schoolyear.yearplan.lay import week_monday

OTHER_ALT_COST = 2
GAP = 0.03


@dataclass
class Balanced:
    kept: dict[DatedVisit, bool]
    moved: dict[SkippedVisit, Target]
    status: str  # optimal, feasible, or CP-SAT's word when it found nothing in the time
    seconds: float
    gap: int = 0  # how far the plan may be from the fewest changes (in the model's objective)


class YearModel:
    def __init__(self, plan: DatedPlan, lost: list[SkippedVisit], contracts: AnnualContracts,
                 openings: Openings, changes_from: dt.date | None = None) -> None:
        self.plan = plan
        self.contracts = contracts
        self.openings = openings
        self.model = cp_model.CpModel()
        self.before = Counter(v.school for v in plan.visits)
        self.alt_days_before = {alt: len(dates) for alt, dates in _dates_of(plan.visits).items()}
        self.over_schools = {s for s, days in contracts.schools.items() if self.before[s] > days}
        over_alts = {a for a, days in contracts.alts.items() if self.alt_days_before.get(a, 0) > days}
        self.keep: dict[DatedVisit, cp_model.IntVar] = {
            v: self.model.new_bool_var("") for v in plan.visits
            if (v.school in self.over_schools or v.alt in over_alts)
            and (changes_from is None or v.date >= changes_from)}
        self.busy: dict[tuple[str, dt.date], list[DatedVisit]] = defaultdict(list)
        for visit in plan.visits:
            self.busy[(visit.alt, visit.date)].append(visit)
        short = {s for s, days in contracts.schools.items() if self.before[s] < days}
        self.lost = [v for v in lost if v.school in short]
        self.moves: dict[SkippedVisit, dict[Target, cp_model.IntVar]] = {v: self._targets(v) for v in self.lost}
        self.cost: dict[tuple[SkippedVisit, Target], int] = {
            (v, t): 1 if t.alt == v.alt else OTHER_ALT_COST for v, targets in self.moves.items() for t in targets}

    def _clearable(self, alt: str, date: dt.date) -> bool:
        """Free, or at schools planned above their contracts only (an ALT over their days may lose a day,
        but nobody moves into it: that would not bring them under their limit)."""
        return all(v.school in self.over_schools for v in self.busy.get((alt, date), ()))

    def _targets(self, lost: SkippedVisit) -> dict[Target, cp_model.IntVar]:
        targets: dict[Target, cp_model.IntVar] = {}
        for day in self.openings.lesson_days_in_week(lost.school, lost.date):
            for alt in self.openings.alts_of[lost.school]:
                if self.openings.works_on(alt, day) and self._clearable(alt.id, day):
                    targets[Target(day, alt.id)] = self.model.new_bool_var("")
        return targets

    def build(self) -> cp_model.LinearExprT:
        model = self.model
        into: dict[tuple[str, dt.date], list[cp_model.IntVar]] = defaultdict(list)
        for targets in self.moves.values():
            model.add(sum(targets.values()) <= 1)
            for target, var in targets.items():
                into[(target.alt, target.date)].append(var)
        for slot, arriving in into.items():
            model.add(sum(arriving) <= 1)  # one moved-in school a day, and only on a cleared day
            for visit in self.busy.get(slot, ()):
                model.add(sum(arriving) + self.keep[visit] <= 1)
        after: dict[str, list[cp_model.LinearExprT]] = defaultdict(list)
        for visit in self.plan.visits:
            after[visit.school].append(self.keep.get(visit, 1))
        for lost, targets in self.moves.items():
            after[lost.school] += list(targets.values())
        # A year under way may already have given a school more than its contract (changes_from): what
        # happened stays, and no later visit is added there; the cap is then what happened.
        fixed = Counter(v.school for v in self.plan.visits if v not in self.keep)
        shortfall = []
        for school, days in self.contracts.schools.items():
            got = cp_model.LinearExpr.sum(after[school])
            model.add(got <= max(days, fixed[school]))
            missing = model.new_int_var(0, days, "")
            model.add(missing >= days - got)
            shortfall.append(missing)
        self._alt_limits(into)
        self._schools_a_week()
        changes = [1 - var for var in self.keep.values()]
        changes += [self.cost[(lost, t)] * var for lost, targets in self.moves.items() for t, var in targets.items()]
        weight = 1 + len(self.keep) + OTHER_ALT_COST * sum(len(t) for t in self.moves.values())
        return weight * sum(shortfall) + sum(changes)

    def _schools_a_week(self) -> None:
        """`max_schools_per_week` in every calendar week: a school new to the ALT that week counts once per
        visit moved in (an upper estimate, so the limit always holds)."""
        planned = schools_each_week(self.plan.visits)
        new: dict[tuple[str, dt.date], list[cp_model.IntVar]] = defaultdict(list)
        for lost, targets in self.moves.items():
            for target, var in targets.items():
                monday = week_monday(target.date)
                if lost.school not in planned.get((target.alt, monday), set()):
                    new[(target.alt, monday)].append(var)
        for (alt_id, monday), arriving in new.items():
            room = self.openings.instance.alt_by_id[alt_id].max_schools_per_week
            self.model.add(sum(arriving) <= max(0, room - len(planned.get((alt_id, monday), set()))))

    def _alt_limits(self, into: Mapping[tuple[str, dt.date], list[cp_model.IntVar]]) -> None:
        for alt, limit in self.contracts.alts.items():
            days: list[cp_model.LinearExprT] = []
            dates = {date for (a, date) in self.busy if a == alt} | {date for (a, date) in into if a == alt}
            for date in dates:
                there = [self.keep[v] for v in self.busy.get((alt, date), ()) if v in self.keep]
                fixed = len(self.busy.get((alt, date), ())) > len(there)
                there += into.get((alt, date), [])
                if fixed or not there:
                    days.append(1)
                    continue
                works = self.model.new_bool_var("")
                for var in there:
                    self.model.add(works >= var)
                days.append(works)
            self.model.add(cp_model.LinearExpr.sum(days) <= limit)


def balance(plan: DatedPlan, lost: list[SkippedVisit], contracts: AnnualContracts, openings: Openings, *,
            time_limit: float, workers: int, seed: int, changes_from: dt.date | None = None) -> Balanced:
    """`changes_from`: no visit dated before it is dropped (nor moved: `lost` and `openings` leave those out)."""
    started = time.monotonic()
    year = YearModel(plan, lost, contracts, openings, changes_from)
    year.model.minimize(year.build())
    _hint_the_obvious(year)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    # Symmetry detection took 6 of the 7 presolve seconds on Takasaki's year and found nothing that helps.
    solver.parameters.symmetry_level = 0
    # Within this share of the proven fewest changes the search stops: the last few percent are a move
    # to another ALT against one to the same ALT, and proving them took the rest of a 30-second limit.
    solver.parameters.relative_gap_limit = GAP
    status = solver.solve(year.model)
    seconds = round(time.monotonic() - started, 3)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # Nothing found in the time (never for want of a plan: dropping every excess visit is one).
        return Balanced(dict.fromkeys(plan.visits, True), {}, solver.status_name(status).lower(), seconds)
    gap = max(0, round(solver.objective_value - solver.best_objective_bound))
    kept = {v: True if v not in year.keep else bool(solver.boolean_value(year.keep[v])) for v in plan.visits}
    moved = {lost: target for lost, targets in year.moves.items() for target, var in targets.items()
             if solver.boolean_value(var)}
    return Balanced(kept, moved, "feasible" if gap else "optimal", seconds, gap)


def _hint_the_obvious(year: YearModel) -> None:
    """A start CP-SAT can complete at once: each over-contract school keeps its first contracted days."""
    seen: Counter[str] = Counter()
    for visit in sorted(year.keep, key=lambda v: (v.date, v.alt)):
        seen[visit.school] += 1
        days = year.contracts.schools.get(visit.school)
        year.model.add_hint(year.keep[visit], days is None or seen[visit.school] <= days)


def schools_each_week(visits: list[DatedVisit]) -> dict[tuple[str, dt.date], set[str]]:
    """(ALT, Monday of the week) → the schools the ALT visits that calendar week."""
    found: dict[tuple[str, dt.date], set[str]] = defaultdict(set)
    for visit in visits:
        found[(visit.alt, week_monday(visit.date))].add(visit.school)
    return found


def _dates_of(visits: list[DatedVisit]) -> dict[str, set[dt.date]]:
    dates: dict[str, set[dt.date]] = defaultdict(set)
    for visit in visits:
        dates[visit.alt].add(visit.date)
    return dates

