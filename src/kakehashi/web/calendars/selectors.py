"""A school's calendar from the database, and the dated plan of the published week over it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from kakehashi.schoolyear import EventKind, SchoolCalendar, SchoolEvent, SchoolYear
from kakehashi.schoolyear.plan import DatedPlan, dated_plan
from kakehashi.web.calendars.contracts import AnnualDays, annual_days
from kakehashi.web.calendars.models import Event
from kakehashi.web.leave.selectors import program_away, program_changes
from kakehashi.web.organizations.models import Program
from kakehashi.web.schools.models import SHORTENED_BELLS, School
from kakehashi.web.timetables.selectors import program_schools, published_version, version_instance, version_solution
from kakehashi.web.yearbalance.changes import published_balance_changes, with_balance


def school_events(school: School) -> list[SchoolEvent]:
    rows = Event.objects.filter(Q(school=school) | Q(board_id=school.organization.parent_id))
    return [SchoolEvent(EventKind(e.kind), e.name, e.starts, e.ends, school=school.code) for e in rows]


def shortened_bells(school: School) -> dict[str, tuple[int, int]] | None:
    """The school's bells on a shortened day (短縮日課), or None when it has none on file."""
    rows = [b for b in school.bells.all() if b.variant == SHORTENED_BELLS]
    if not rows:
        return None
    return {b.period: (b.start.hour * 60 + b.start.minute, b.end.hour * 60 + b.end.minute) for b in rows}


def school_calendar(school: School, year: int) -> SchoolCalendar:
    return SchoolCalendar(
        SchoolYear(year), school_events(school), school=school.code, shortened_bells=shortened_bells(school)
    )


def program_dated_plan(program: Program, *, starts: dt.date, ends: dt.date) -> DatedPlan | None:
    """The published week laid over each school's calendar, `starts` to `ends` (one school year)."""
    version = published_version(program)
    if version is None:
        return None
    year = SchoolYear.of(starts)
    schools = program_schools(program).select_related("organization").prefetch_related("bells")
    calendars = {s.code: school_calendar(s, year) for s in schools}
    ends = min(ends, SchoolYear(year).ends)
    instance, away = version_instance(version), program_away(program, starts, ends)
    plan = dated_plan(
        instance,
        version_solution(version),
        calendars,
        starts=starts,
        ends=ends,
        away=away,
        changes=program_changes(program, starts, ends),
    )
    # The published year balance moves and drops visits on its dates (yearbalance/changes.py).
    return with_balance(plan, published_balance_changes(program, starts, ends), instance, calendars, away)


def remembered_dated_plan(program: Program, *, starts: dt.date, ends: dt.date) -> DatedPlan | None:
    """`program_dated_plan`, computed once per program and dates until anything changes: every ALT's feed and
    page of the program reads the same plan (laying a year takes about a second at city size)."""
    from kakehashi.web.core.memo import until_next_change

    return until_next_change(
        f"dated-plan:{program.pk}:{starts.isoformat()}:{ends.isoformat()}",
        lambda: program_dated_plan(program, starts=starts, ends=ends),
    )


def program_annual_days(program: Program, today: dt.date) -> list[AnnualDays]:
    """Annual contracted days of the program's schools that have them, against the published week's plan."""
    schools = list(program_schools(program).filter(annual_visit_days__isnull=False).select_related("organization"))
    if not schools:
        return []
    year = SchoolYear(SchoolYear.of(today))
    plan = program_dated_plan(program, starts=year.starts, ends=year.ends)
    if plan is None:
        return []
    lesson_days = {s.code: [d.date for d in school_calendar(s, year.year).lesson_days()] for s in schools}
    contracted = {s.code: int(s.annual_visit_days or 0) for s in schools}
    return annual_days(plan, contracted, lesson_days, today, year)
