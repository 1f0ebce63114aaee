"""`plan_year`: lay the cycle over the school year, balance it, and say what changed and what could not."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from kakehashi.schoolyear.calendar import SchoolCalendar
from kakehashi.schoolyear.events import SchoolEvent
from kakehashi.schoolyear.plan import DatedVisit
from kakehashi.schoolyear.year import SchoolYear
from kakehashi.schoolyear.yearplan.balance import Balanced, balance
from kakehashi.schoolyear.yearplan.candidates import Openings
from kakehashi.schoolyear.yearplan.contracts import AnnualContracts
from kakehashi.schoolyear.yearplan.lay import cycle_anchor, cycle_week_from, lay_cycle, week_monday
from kakehashi.schoolyear.yearplan.obstacles import Obstacles
from kakehashi.schoolyear.yearplan.result import AltYearDays, Move, SchoolYearDays, YearPlan
from kakehashi.timetable.cycle.model import Cycle, CycleSolution


def plan_year(cycle: Cycle, solution: CycleSolution, year: SchoolYear, contracts: AnnualContracts, *,
              events: Sequence[SchoolEvent] = (), time_limit: float = 30.0, workers: int = 2,
              seed: int = 0, changes_from: dt.date | None = None, anchor: dt.date | None = None) -> YearPlan:
    """`changes_from`: the first date a visit may be moved from, to or dropped on (the platform balances the
    rest of a year under way: what happened before stays as it was, and still counts). None: the whole year.
    `anchor`: a date in the week that is cycle week 1 (the platform's week A); None: the first term's week."""
    anchor = week_monday(anchor) if anchor is not None else cycle_anchor(year)
    calendars = {school.id: SchoolCalendar(year, list(events), school=school.id) for school in cycle.base.schools}
    laid = lay_cycle(cycle, solution, calendars, year, anchor)
    # A visit lost in a vacation is no teaching day lost; only term days count against the contract.
    lost = [s for s in laid.skipped if year.term_of(s.date) is not None]
    openings = Openings(cycle.base, calendars, year, changes_from=changes_from)
    movable = lost if changes_from is None else [s for s in lost if s.date >= changes_from]
    found = balance(laid, movable, contracts, openings, time_limit=time_limit, workers=workers, seed=seed,
                    changes_from=changes_from)
    after = [v for v in laid.visits if found.kept[v]]
    after += [DatedVisit(target.date, target.alt, lost.school) for lost, target in found.moved.items()]
    after.sort(key=lambda v: (v.date, v.alt, v.school))

    before_days = Counter(v.school for v in laid.visits)
    after_days = Counter(v.school for v in after)
    obstacles = Obstacles(after, contracts, openings)
    schools = []
    for school in cycle.base.schools:
        contracted = contracts.schools.get(school.id)
        missing = 0 if contracted is None else contracted - after_days[school.id]
        mine = [s for s in lost if s.school == school.id]
        unplaced = [s for s in mine if s not in found.moved]
        schools.append(SchoolYearDays(
            school.id, contracted, before_days[school.id], after_days[school.id],
            obstacles.of(school.id, before_days[school.id], len(mine), unplaced) if missing > 0 else ()))
    alts = [AltYearDays(alt.id, contracts.alts.get(alt.id), _days(laid.visits, alt.id), _days(after, alt.id))
            for alt in cycle.base.alts]
    return YearPlan(
        instance=cycle.name, year=year.year, cycle_weeks=cycle.weeks, anchor=anchor,
        status=found.status, schools=schools, alts=alts, moves=_moves(found, contracts, before_days, laid.visits),
        visits=[(v, cycle_week_from(v.date, anchor, cycle.weeks)) for v in after],
        stats={"seconds": found.seconds, "lost_term_visits": len(lost), "gap": found.gap})


def _days(visits: list[DatedVisit], alt: str) -> int:
    return len({v.date for v in visits if v.alt == alt})


def _moves(found: Balanced, contracts: AnnualContracts, before: Counter[str], visits: list[DatedVisit]) -> list[Move]:
    arriving = {(target.alt, target.date): lost.school for lost, target in found.moved.items()}
    alt_days: Counter[str] = Counter()
    for alt, _date in {(v.alt, v.date) for v in visits}:
        alt_days[alt] += 1
    moves = []
    for visit, kept in found.kept.items():
        if kept:
            continue
        contracted = contracts.schools.get(visit.school)
        if contracted is not None and before[visit.school] > contracted:
            reason = (f"{visit.school} is planned {before[visit.school]} days, over its contract of "
                      f"{contracted}")
        else:
            reason = f"{visit.alt} is planned {alt_days[visit.alt]} days, over their {contracts.alts.get(visit.alt)}"
        if (freed := arriving.get((visit.alt, visit.date))) is not None:
            reason += f"; frees {visit.alt} for {freed} that day"
        moves.append(Move("dropped", visit.school, visit.date, visit.alt, reason))
    for lost, target in found.moved.items():
        contracted = contracts.schools[lost.school]
        reason = (f"no lessons on {lost.date} ({lost.reason}), and {lost.school} was planned "
                  f"{before[lost.school]} of its {contracted} days")
        moves.append(Move("moved", lost.school, lost.date, lost.alt, reason, target.date, target.alt))
    moves.sort(key=lambda m: (m.date, m.school, m.alt))
    return moves
