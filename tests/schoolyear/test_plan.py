"""The dated plan never puts a lesson on a holiday, a vacation day or a day without lessons at the school."""

from __future__ import annotations

import datetime as dt

from kakehashi.schoolyear import EventKind, SchoolCalendar, SchoolEvent, SchoolYear
from kakehashi.schoolyear.plan import dated_plan
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.solve.construct import construct


def test_the_dated_plan_skips_holidays_vacations_and_event_days_with_their_reasons() -> None:
    instance = parse_instance(generate_synthetic(schools=6, alts=2, seed=5))
    week = construct(instance)
    assert week is not None
    year = SchoolYear(2026)
    school = week.visits[0].school
    sports = SchoolEvent(EventKind.SPORTS_DAY, "運動会", dt.date(2026, 5, 16), dt.date(2026, 5, 16), school=school)
    calendars = {s.id: SchoolCalendar(year, [sports], school=s.id) for s in instance.schools}
    plan = dated_plan(instance, week, calendars, starts=year.starts, ends=year.ends)
    lesson_days = {(d.date, s) for s, c in calendars.items() for d in c.days() if d.has_lessons}
    assert plan.lessons and all((x.date, x.school) in lesson_days for x in plan.lessons)
    assert all((v.date, v.school) in lesson_days for v in plan.visits)
    reasons = {s.reason for s in plan.skipped}
    assert "海の日" in reasons or "振替休日" in reasons
    if any(v.day == "mon" and v.school == school for v in week.visits):
        assert any(
            s.date == dt.date(2026, 5, 18) and s.school == school and "振替休業日" in s.reason for s in plan.skipped
        )
    by_school = plan.visit_days_by_school()
    assert sum(by_school.values()) == len(plan.visits)
