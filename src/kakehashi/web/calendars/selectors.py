"""A school's calendar from the database, and the dated plan of the published week over it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from kakehashi.schoolyear import EventKind, SchoolCalendar, SchoolEvent, SchoolYear
from kakehashi.schoolyear.plan import DatedPlan, dated_plan
from kakehashi.web.calendars.models import Event
from kakehashi.web.organizations.models import Program
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.selectors import latest_version, program_schools, version_solution, week_instance


def school_events(school: School) -> list[SchoolEvent]:
    rows = Event.objects.filter(Q(school=school) | Q(board_id=school.organization.parent_id))
    return [SchoolEvent(EventKind(e.kind), e.name, e.starts, e.ends, school=school.code) for e in rows]


def school_calendar(school: School, year: int) -> SchoolCalendar:
    return SchoolCalendar(SchoolYear(year), school_events(school), school=school.code)


def program_dated_plan(program: Program, *, starts: dt.date, ends: dt.date) -> DatedPlan | None:
    """The published week laid over each school's calendar, `starts` to `ends` (one school year)."""
    version = latest_version(program, published_only=True)
    if version is None:
        return None
    year = SchoolYear.of(starts)
    calendars = {s.code: school_calendar(s, year) for s in program_schools(program).select_related("organization")}
    return dated_plan(
        week_instance(program),
        version_solution(version),
        calendars,
        starts=starts,
        ends=min(ends, SchoolYear(year).ends),
    )
