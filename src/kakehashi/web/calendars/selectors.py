"""A school's calendar from the database, and the dated plan of the published week over it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch, Q

from kakehashi.schoolyear import EventKind, SchoolCalendar, SchoolEvent, SchoolYear
from kakehashi.schoolyear.plan import DatedPlan, DayChange
from kakehashi.timetable.instance import clock_minutes
from kakehashi.web.calendars.contracts import AnnualDays, annual_days
from kakehashi.web.calendars.models import Event
from kakehashi.web.organizations.models import Program
from kakehashi.web.schools.models import SHORTENED_BELLS, BellPeriod, School
from kakehashi.web.timetables.door import version_dated_plan
from kakehashi.web.timetables.models import TimetableVersion
from kakehashi.web.timetables.selectors import program_schools, published_version


@dataclass(frozen=True)
class LeaveReaders:
    """Who is away (date → participant codes) and the confirmed covers (date → the day's change) of a program
    between two dates. The leave app owns both; it reads school calendars from this app, so it sits above it
    and hands these in when it starts (leave/apps.py) instead of being imported from here."""

    away: Callable[[Program, dt.date, dt.date], dict[dt.date, set[str]]]
    changes: Callable[[Program, dt.date, dt.date], dict[dt.date, DayChange]]


_leave_readers: list[LeaveReaders] = []


def use_leave_readers(readers: LeaveReaders) -> None:
    _leave_readers[:] = [readers]


def _leave() -> LeaveReaders:
    if not _leave_readers:
        # A plan without leave would send ALTs to schools on their days off: refuse rather than guess.
        raise ImproperlyConfigured("The leave app is not installed: no one says who is away.")
    return _leave_readers[0]


# Dated changes an app above this one lays over the plan after leave and covers (the published year balance,
# yearbalance/apps.py): (program, version in force, plan, calendars, who is away, starts, ends) → the plan.
PlanChanges = Callable[
    [Program, TimetableVersion, DatedPlan, Mapping[str, SchoolCalendar], Mapping[dt.date, Collection[str]],
     dt.date, dt.date],
    DatedPlan,
]
_plan_changes: list[PlanChanges] = []


def use_plan_changes(apply: PlanChanges) -> None:
    _plan_changes[:] = [apply]


def school_events(school: School) -> list[SchoolEvent]:
    rows = Event.objects.filter(Q(school=school) | Q(board_id=school.organization.parent_id))
    return [SchoolEvent(EventKind(e.kind), e.name, e.starts, e.ends, school=school.code) for e in rows]


def shortened_bells(school: School) -> dict[str, tuple[int, int]] | None:
    """The school's bells on a shortened day (短縮日課), or None when it has none on file."""
    rows = [b for b in school.bells.all() if b.variant == SHORTENED_BELLS]
    if not rows:
        return None
    return {b.period: (clock_minutes(b.start), clock_minutes(b.end)) for b in rows}


def school_calendar(school: School, year: int) -> SchoolCalendar:
    return SchoolCalendar(
        SchoolYear(year), school_events(school), school=school.code, shortened_bells=shortened_bells(school)
    )


def school_calendars(schools: Iterable[School], year: int) -> dict[str, SchoolCalendar]:
    """`school_calendar` for many schools at once: their events in one query, not one per school (a city's
    program page laid 141 calendars with 141 queries). Pass schools with `bells` prefetched."""
    by_pk = {s.pk: s for s in schools}
    by_board: dict[int, list[School]] = defaultdict(list)
    for school in by_pk.values():
        if school.organization.parent_id is not None:
            by_board[school.organization.parent_id].append(school)
    # In the calendar's order (starts, id), as school_events gives them: the first event covering a day wins.
    events: dict[int, list[SchoolEvent]] = defaultdict(list)
    for event in Event.objects.filter(Q(school_id__in=list(by_pk)) | Q(board_id__in=list(by_board))):
        concerned = [by_pk[event.school_id]] if event.school_id is not None else by_board[event.board_id or 0]
        for school in concerned:
            kind = EventKind(event.kind)
            events[school.pk].append(SchoolEvent(kind, event.name, event.starts, event.ends, school=school.code))
    return {
        s.code: SchoolCalendar(SchoolYear(year), events[s.pk], school=s.code, shortened_bells=shortened_bells(s))
        for s in by_pk.values()
    }


def program_calendars(program: Program, year: int) -> dict[str, SchoolCalendar]:
    """Every school of the program's calendar of the school year `year`, by school code."""
    # A calendar reads only the shortened-day bells: the day's own bells (most of them) are not fetched at all.
    shortened = Prefetch("bells", queryset=BellPeriod.objects.filter(variant=SHORTENED_BELLS))
    return school_calendars(program_schools(program).prefetch_related(shortened), year)


def program_dated_plan(
    program: Program, *, starts: dt.date, ends: dt.date, calendars: dict[str, SchoolCalendar] | None = None
) -> DatedPlan | None:
    """The published week laid over each school's calendar, `starts` to `ends` (one school year). A caller
    that has the calendars already (`program_calendars` of that year) passes them: laying them out again
    costs as much as the plan."""
    version = published_version(program)
    if version is None:
        return None
    year = SchoolYear.of(starts)
    if calendars is None:
        calendars = program_calendars(program, year)
    ends = min(ends, SchoolYear(year).ends)
    away = _leave().away(program, starts, ends)
    plan = version_dated_plan(
        version, calendars, starts=starts, ends=ends, away=away, changes=_leave().changes(program, starts, ends)
    )
    for apply in _plan_changes:
        plan = apply(program, version, plan, calendars, away, starts, ends)
    return plan


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
    schools = list(program_schools(program).filter(annual_visit_days__isnull=False))
    if not schools:
        return []
    year = SchoolYear(SchoolYear.of(today))
    calendars = program_calendars(program, year.year)
    plan = program_dated_plan(program, starts=year.starts, ends=year.ends, calendars=calendars)
    if plan is None:
        return []
    lesson_days = {s.code: [d.date for d in calendars[s.code].lesson_days()] for s in schools}
    contracted = {s.code: int(s.annual_visit_days or 0) for s in schools}
    return annual_days(plan, contracted, lesson_days, today, year)
