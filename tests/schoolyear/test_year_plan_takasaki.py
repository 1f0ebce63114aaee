"""plan_year at real size: Takasaki's 83 schools and 25 ALTs on a planted two-week cycle, the 2027 school
year with generated events. Whatever the search finds in its time, the plan keeps every hard limit."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from kakehashi.schoolyear import SchoolCalendar, SchoolYear
from kakehashi.schoolyear.events_file import parse_events
from kakehashi.schoolyear.generate_events import generate_events
from kakehashi.schoolyear.yearplan.contracts import contracts_of
from kakehashi.schoolyear.yearplan.lay import week_monday
from kakehashi.schoolyear.yearplan.plan import plan_year
from kakehashi.timetable import generate
from kakehashi.timetable.cycle.format import parse_cycle, parse_cycle_solution
from kakehashi.timetable.cycle.generate import cycle_from_week


@pytest.mark.slow
def test_takasakis_year_keeps_every_contract_and_limit_it_can() -> None:
    week = generate.generate_from_sites(generate.load_school_sites(None), municipality="10202", alts=25, seed=1)
    document, planted = cycle_from_week(week, weeks=2, seed=1, planted="normal")
    assert planted is not None
    cycle, solution = parse_cycle(document), parse_cycle_solution(planted)
    year = SchoolYear(2027)
    events = parse_events(generate_events(cycle.base, 2027, seed=1), "generated")
    contracts = contracts_of(cycle)
    plan = plan_year(cycle, solution, year, contracts, events=events, time_limit=20, workers=2)

    rows = {row.school: row for row in plan.schools}
    assert all(row.after <= contracts.schools[school] for school, row in rows.items())
    met_before = sum(1 for row in rows.values() if row.before == row.contracted)
    met_after = sum(1 for row in rows.values() if row.met)
    assert met_after > met_before
    assert all(row.obstacles for row in rows.values() if not row.met)
    after = Counter(visit.school for visit, _ in plan.visits)
    assert all(after[school] == row.after for school, row in rows.items())
    days_of: dict[str, set[dt.date]] = {}
    for visit, _ in plan.visits:
        days_of.setdefault(visit.alt, set()).add(visit.date)
    assert all(len(days_of.get(a, ())) <= limit for a, limit in contracts.alts.items())

    calendars = {s.id: SchoolCalendar(year, events, school=s.id) for s in cycle.base.schools}
    for move in plan.moves:
        if move.kind == "moved":
            assert move.to_date is not None and week_monday(move.to_date) == week_monday(move.date)
            assert calendars[move.school].day(move.to_date).has_lessons
            # The ALT who comes is at no other school that day.
            that_day = [v.school for v, _ in plan.visits if v.alt == move.to_alt and v.date == move.to_date]
            assert that_day == [move.school]
        else:
            assert rows[move.school].before > rows[move.school].contracted or "over their" in move.reason
