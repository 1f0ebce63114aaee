"""`plan_year` on a small year: a Monday school loses its holiday Mondays and gets them back on another
day of the same week; a school planned above its contract loses the excess; an ALT's limit of days and
a contract above what the cycle can give are said with their dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from kakehashi.schoolyear import SchoolCalendar, SchoolYear
from kakehashi.schoolyear.yearplan.contracts import AnnualContracts, contracts_of
from kakehashi.schoolyear.yearplan.lay import cycle_week_of, week_monday
from kakehashi.schoolyear.yearplan.plan import plan_year
from kakehashi.schoolyear.yearplan.result import YearPlan
from kakehashi.timetable.cycle.format import parse_cycle, parse_cycle_solution
from kakehashi.timetable.cycle.model import Cycle, CycleSolution

YEAR = SchoolYear(2027)
HERE = {"lat": 36.3, "lon": 139.0}


def one_class_school(school_id: str, weeks: int) -> dict[str, Any]:
    """A school next to both ALTs' homes, with one class that has an English lesson every weekday."""
    return {"id": school_id, "name": school_id, "level": "elementary", "location": HERE,
            "bells": {"default": [{"period": "1", "start": "08:45", "end": "09:30"}]},
            "visit_days": {"min": 1, "max": weeks}, "homerooms": [{"id": "5-1", "grade": 5, "weight": 10}],
            "lessons": [{"id": f"{school_id}/{day}", "homeroom": "5-1", "day": day, "period": "1"}
                        for day in ("mon", "tue", "wed", "thu", "fri")]}


def cycle_and_timetable(weeks: int = 1) -> tuple[Cycle, CycleSolution]:
    """S01's ALT (A01) comes on Mondays of cycle week 1, S02's (A02) on Wednesdays of every week."""
    alts = [{"id": a, "name": a, "home": HERE, "mode": "walk", "levels": ["elementary"]} for a in ("A01", "A02")]
    document = {"format": "kakehashi/cycle@1", "cycle_weeks": weeks, "name": "Small year",
                "schools": [one_class_school("S01", weeks), one_class_school("S02", weeks)], "alts": alts}
    visits = [{"alt": "A01", "week": 1, "day": "mon", "school": "S01"}]
    visits += [{"alt": "A02", "week": w, "day": "wed", "school": "S02"} for w in range(1, weeks + 1)]
    cycle = parse_cycle(document)
    solution = parse_cycle_solution({"format": "kakehashi/cycle-solution@1", "status": "feasible",
                                     "visits": visits, "lessons": []})
    return cycle, solution


def weekdays(weekday: int, *, lessons: bool) -> list[dt.date]:
    calendar = SchoolCalendar(YEAR, [], school="S01")
    return [d for d in YEAR.days() if d.weekday() == weekday and YEAR.term_of(d) is not None
            and calendar.day(d).has_lessons == lessons]


def plan(contracts: AnnualContracts, weeks: int = 1) -> YearPlan:
    cycle, solution = cycle_and_timetable(weeks)
    return plan_year(cycle, solution, YEAR, contracts, time_limit=10, workers=1)


def row(found: YearPlan, school_id: str) -> Any:
    return next(r for r in found.schools if r.school == school_id)


def test_lost_holiday_mondays_come_back_on_another_day_of_the_same_week() -> None:
    mondays, holidays = weekdays(0, lessons=True), weekdays(0, lessons=False)
    assert len(holidays) >= 3
    found = plan(AnnualContracts({"S01": len(mondays) + 2}))
    assert (row(found, "S01").before, row(found, "S01").after) == (len(mondays), len(mondays) + 2)
    moves = [m for m in found.moves if m.school == "S01"]
    assert len(moves) == 2 and {m.kind for m in moves} == {"moved"}
    for move in moves:
        assert move.date in holidays and move.to_alt == "A01"
        assert move.to_date is not None and move.to_date.isocalendar()[:2] == move.date.isocalendar()[:2]
        assert f"no lessons on {move.date}" in move.reason
    assert found.status == "optimal"


def test_a_school_planned_above_its_contract_loses_only_the_excess() -> None:
    wednesdays = weekdays(2, lessons=True)
    found = plan(AnnualContracts({"S02": len(wednesdays) - 3}))
    assert row(found, "S02").after == len(wednesdays) - 3
    assert [m.kind for m in found.moves] == ["dropped"] * 3
    assert all("over its contract" in m.reason for m in found.moves)


def test_an_alts_limit_of_days_stops_a_move_and_the_plan_says_so() -> None:
    mondays, wednesdays = weekdays(0, lessons=True), weekdays(2, lessons=True)
    # A01 has one day to spare, A02 (who could come instead) none.
    found = plan(AnnualContracts({"S01": len(mondays) + 2}, {"A01": len(mondays) + 1, "A02": len(wednesdays)}))
    s01 = row(found, "S01")
    assert s01.after == len(mondays) + 1 and s01.met is False
    assert next(a for a in found.alts if a.alt == "A01").after == len(mondays) + 1
    assert any(f"A01 has reached their {len(mondays) + 1} days" in sentence
               and f"A02 has reached their {len(wednesdays)} days" in sentence for sentence in s01.obstacles)


def test_an_alt_who_already_visits_their_most_schools_that_week_does_not_come_instead() -> None:
    mondays = weekdays(0, lessons=True)
    cycle, solution = cycle_and_timetable()
    alts = tuple(replace(a, max_schools_per_week=1) if a.id == "A02" else a for a in cycle.base.alts)
    cycle = replace(cycle, base=replace(cycle.base, alts=alts))
    # A01 has no day to spare; A02 may come only in a week their own Wednesday at S02 is lost too
    # (2027-05-05, a holiday; 2027-07-21, the summer vacation): two of S01's six lost Mondays.
    found = plan_year(cycle, solution, YEAR, AnnualContracts({"S01": len(mondays) + 4}, {"A01": len(mondays)}),
                      time_limit=10, workers=1)
    s01 = row(found, "S01")
    assert s01.after == len(mondays) + 2
    assert {m.to_alt for m in found.moves} == {"A02"}
    for move in found.moves:
        assert move.to_date is not None
        monday = week_monday(move.to_date)
        assert {v.school for v, _ in found.visits if v.alt == "A02" and week_monday(v.date) == monday} == {"S01"}
    assert any("A02 already visits 1 schools that week (max_schools_per_week)" in s for s in s01.obstacles)


def test_a_contract_above_what_the_cycle_can_give_names_the_shortfall() -> None:
    mondays, holidays = weekdays(0, lessons=True), weekdays(0, lessons=False)
    found = plan(AnnualContracts({"S01": len(mondays) + len(holidays) + 1}))
    s01 = row(found, "S01")
    assert s01.after == len(mondays) + len(holidays)
    assert "its visit_days per cycle are too few for the contract" in s01.obstacles[0]


def test_a_two_week_cycle_puts_week_one_visits_on_week_one_dates_only() -> None:
    found = plan(AnnualContracts({"S02": 1000}), weeks=2)
    s01_dates = [visit.date for visit, _week in found.visits if visit.school == "S01"]
    assert s01_dates and all(cycle_week_of(d, YEAR, 2) == 1 for d in s01_dates)
    assert cycle_week_of(dt.date(2027, 4, 5), YEAR, 2) == 1 and cycle_week_of(dt.date(2027, 4, 12), YEAR, 2) == 2
    assert len({w for v, w in found.visits if v.school == "S02"}) == 2


def test_the_annual_days_of_a_cycle_file_are_its_contracts() -> None:
    cycle, _ = cycle_and_timetable()
    assert contracts_of(cycle) == AnnualContracts()
    with_days = AnnualContracts({"S01": 3}).over(AnnualContracts({"S01": 5, "S02": 7}, {"A01": 9}))
    assert with_days == AnnualContracts({"S01": 3, "S02": 7}, {"A01": 9})


def test_the_plan_file_lists_schools_moves_and_dated_visits() -> None:
    mondays = weekdays(0, lessons=True)
    document = plan(AnnualContracts({"S01": len(mondays) + 1})).to_json()
    assert document["format"] == "kakehashi/year-plan@1"
    assert document["cycle_week_1_starts"] == "2027-04-05"
    assert document["schools"][0] == {"school": "S01", "contracted": len(mondays) + 1, "planned_before": len(mondays),
                                      "planned_after": len(mondays) + 1, "met": True, "obstacles": []}
    assert document["moves"][0]["kind"] == "moved" and set(document["moves"][0]["to"]) == {"date", "alt"}
    assert len(document["visits"]) == sum(1 for _ in document["visits"] if _["school"] in ("S01", "S02"))


# A year under way is balanced from a date on: what happened before stays as it was, and still counts.
AUTUMN = dt.date(2027, 10, 1)


def test_no_visit_before_the_first_date_of_changes_is_moved_or_dropped() -> None:
    cycle, solution = cycle_and_timetable()
    mondays, holidays = weekdays(0, lessons=True), weekdays(0, lessons=False)
    later = [d for d in holidays if d >= AUTUMN]
    assert 0 < len(later) < len(holidays)
    found = plan_year(cycle, solution, YEAR, AnnualContracts({"S01": len(mondays) + len(holidays)}),
                      time_limit=10, workers=1, changes_from=AUTUMN)
    moves = [m for m in found.moves if m.school == "S01"]
    assert sorted(m.date for m in moves) == later
    assert all(m.to_date is not None and m.to_date >= AUTUMN for m in moves)
    assert row(found, "S01").after == len(mondays) + len(later)


def test_a_school_over_its_contract_loses_only_visits_from_the_first_date_of_changes() -> None:
    cycle, solution = cycle_and_timetable()
    wednesdays = weekdays(2, lessons=True)
    found = plan_year(cycle, solution, YEAR, AnnualContracts({"S02": len(wednesdays) - 3}),
                      time_limit=10, workers=1, changes_from=AUTUMN)
    assert [m.kind for m in found.moves] == ["dropped"] * 3
    assert all(m.date >= AUTUMN for m in found.moves)


def test_a_school_that_already_had_more_than_its_contract_loses_every_later_visit_and_nothing_else() -> None:
    cycle, solution = cycle_and_timetable()
    wednesdays = weekdays(2, lessons=True)
    before = [d for d in wednesdays if d < AUTUMN]
    found = plan_year(cycle, solution, YEAR, AnnualContracts({"S02": len(before) - 2}),
                      time_limit=10, workers=1, changes_from=AUTUMN)
    assert found.status == "optimal"
    assert sorted(m.date for m in found.moves) == [d for d in wednesdays if d >= AUTUMN]
    assert row(found, "S02").after == len(before)
