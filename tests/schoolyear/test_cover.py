"""Substitute cover: an absent ALT's lessons on a date go to others, only that date changes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kakehashi.schoolyear import DayKind, EventKind, SchoolCalendar, SchoolEvent, SchoolYear
from kakehashi.schoolyear.cover import propose_cover
from kakehashi.schoolyear.plan import ON_LEAVE, dated_plan
from kakehashi.timetable.check import check
from kakehashi.timetable.format import parse_instance, parse_solution
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.instance import ALL_DAYS, Instance, Solution
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.repair import Absence, with_absences

YEAR = SchoolYear(2026)
TUESDAY = dt.date(2026, 6, 9)


def _week() -> tuple[Instance, Solution]:
    instance = parse_instance(generate_synthetic(schools=8, alts=3, seed=11))
    week = solve(instance, time_limit=3, workers=1)
    assert not check(instance, week)
    return instance, week


def _calendars(instance: Instance, events: list[SchoolEvent] | None = None) -> dict[str, SchoolCalendar]:
    return {s.id: SchoolCalendar(YEAR, events or [], school=s.id) for s in instance.schools}


def test_an_absent_alts_lessons_go_to_substitutes_on_that_date_only() -> None:
    instance, week = _week()
    calendars = _calendars(instance)
    absent = next(v.alt for v in week.visits if v.day == "tue")
    proposal = propose_cover(instance, week, calendars, TUESDAY, [absent], time_limit=2)
    assert proposal.lessons, "the absent ALT had lessons that Tuesday"
    assert all(x.lesson.alt == absent for x in proposal.lessons)
    assert all(x.substitute != absent for x in proposal.lessons)
    assert all(v.day == "tue" for v in proposal.change.visits)
    assert all(instance.lesson_by_id[a.lesson].day == "tue" for a in proposal.change.lessons)
    assert not any(v.alt == absent for v in proposal.change.visits)
    # The date's plan follows the cover; the next Tuesday is the template again.
    plan = dated_plan(
        instance,
        week,
        calendars,
        starts=TUESDAY,
        ends=TUESDAY + dt.timedelta(days=7),
        away={TUESDAY: {absent}},
        changes={TUESDAY: proposal.change},
    )
    that_day = plan.on(TUESDAY)
    assert not any(x.alt == absent for x in that_day.lessons)
    taught = {(x.alt, x.lesson) for x in that_day.lessons}
    assert all((x.substitute, x.lesson.lesson) in taught for x in proposal.lessons if x.substitute)
    if proposal.covered:
        assert any(v.substitute for v in that_day.visits)
    next_week = plan.on(TUESDAY + dt.timedelta(days=7))
    assert any(x.alt == absent for x in next_week.lessons)


def test_a_cover_keeps_every_rule_of_the_week_with_the_absence() -> None:
    instance, week = _week()
    absent = next(v.alt for v in week.visits if v.day == "wed")
    wednesday = TUESDAY + dt.timedelta(days=1)
    proposal = propose_cover(instance, week, _calendars(instance), wednesday, [absent], time_limit=2)
    days = {"wed"}
    repaired = Solution(
        week.status,
        tuple(v for v in week.visits if v.day not in days) + proposal.change.visits,
        tuple(a for a in week.lessons if instance.lesson_by_id[a.lesson].day not in days) + proposal.change.lessons,
    )
    assert check(with_absences(instance, [Absence(absent, "wed")]), repaired) == []


def test_a_second_absence_on_the_same_date_builds_on_the_first_cover() -> None:
    instance, week = _week()
    calendars = _calendars(instance)
    tuesday_alts = sorted({v.alt for v in week.visits if v.day == "tue"})
    assert len(tuesday_alts) >= 2
    first = propose_cover(instance, week, calendars, TUESDAY, [tuesday_alts[0]], time_limit=2)
    second = propose_cover(
        instance,
        week,
        calendars,
        TUESDAY,
        tuesday_alts[:2],
        already_absent=tuesday_alts[:1],
        current=first.change,
        time_limit=2,
    )
    assert second.absent == (tuesday_alts[1],)
    assert not any(v.alt in tuesday_alts[:2] for v in second.change.visits)


def test_no_cover_is_needed_on_a_holiday_or_a_day_the_school_is_closed() -> None:
    instance, week = _week()
    marine_day = dt.date(2026, 7, 20)  # 海の日, a Monday
    absent = next((v.alt for v in week.visits if v.day == "mon"), week.visits[0].alt)
    proposal = propose_cover(instance, week, _calendars(instance), marine_day, [absent])
    assert proposal.lessons == () and proposal.fill_rate is None and proposal.moves == ()


def test_an_alt_on_leave_is_skipped_with_the_reason() -> None:
    instance, week = _week()
    absent = next(v for v in week.visits if v.day == "tue")
    plan = dated_plan(instance, week, _calendars(instance), starts=TUESDAY, ends=TUESDAY, away={TUESDAY: {absent.alt}})
    assert any(s.alt == absent.alt and s.reason == ON_LEAVE for s in plan.skipped)
    assert not any(v.alt == absent.alt for v in plan.visits)


def test_a_shortened_day_uses_the_shorter_bells_and_drops_periods_it_does_not_have() -> None:
    instance, week = _week()
    joined = week.lessons[0]
    lesson = instance.lesson_by_id[joined.lesson]
    date = TUESDAY + dt.timedelta(days=ALL_DAYS.index(lesson.day) - 1)
    short = SchoolEvent(EventKind.SHORTENED, "短縮日課", date, date, school=lesson.school)
    kept = {lesson.period: (lesson.start, lesson.start + 40)}
    calendars = _calendars(instance, [short])
    calendars[lesson.school] = SchoolCalendar(YEAR, [short], school=lesson.school, shortened_bells=kept)
    assert calendars[lesson.school].day(date).kind == DayKind.SHORTENED
    plan = dated_plan(instance, week, calendars, starts=date, ends=date)
    held = [x for x in plan.lessons if x.lesson == lesson.id]
    assert held and (held[0].start, held[0].end) == (lesson.start, lesson.start + 40)
    others = [x for x in plan.lessons if x.school == lesson.school and x.lesson != lesson.id]
    assert all(x.period == lesson.period for x in others)


def test_no_substitute_is_sent_to_a_school_that_has_no_lessons_that_date() -> None:
    # In this week A03 teaches at two schools on Thursdays; one of them holds a test that Thursday. Before
    # the repair knew the date's closed schools, it sent A01 to S003 to cover lessons that were not held.
    # The week is a stored solve (a new solve may find another week of equal worth, without the case).
    instance = parse_instance(generate_synthetic(schools=12, alts=3, seed=3))
    week = parse_solution(json.loads((Path(__file__).parent / "data" / "synthetic-12-3-3-week.json").read_text()))
    assert not check(instance, week)
    thursday = TUESDAY + dt.timedelta(days=2)
    thursday_schools = sorted(v.school for v in week.visits if (v.alt, v.day) == ("A03", "thu"))
    assert len(thursday_schools) == 2
    for closed in thursday_schools:
        test_day = SchoolEvent(EventKind.TEST, "定期テスト", thursday, thursday, school=closed)
        calendars = _calendars(instance, [test_day])
        assert calendars[closed].day(thursday).kind == DayKind.EVENT
        proposal = propose_cover(instance, week, calendars, thursday, ["A03"], time_limit=2)
        already_there = {v.alt for v in week.visits if (v.school, v.day) == (closed, "thu")}
        sent_there = {v.alt for v in proposal.change.visits if v.school == closed} - already_there
        assert sent_there == set(), f"{sorted(sent_there)} sent to {closed}, which holds a test that date"
        assert proposal.lessons and all(x.lesson.school != closed for x in proposal.lessons)
