"""One dated week (Monday to Friday) of the dated plan, as the ALT's and the school's pages show it: what
really happens each date — holidays, events, leave and substitute cover included — not the template."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils import timezone

from kakehashi.schoolyear import SchoolCalendar, SchoolDay, SchoolYear
from kakehashi.schoolyear.plan import DatedLesson, DatedPlan, DatedVisit, SkippedVisit
from kakehashi.timetable.instance import WORKING_DAYS, format_clock
from kakehashi.web.calendars.selectors import remembered_dated_plan, school_calendar
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.contracts import school_contract
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.rotation import published_rotation_week, rotation_week_name
from kakehashi.web.timetables.selectors import program_schools

DAYS_SHOWN = len(WORKING_DAYS)  # Monday to Friday, the core's working week


@dataclass
class DatedDay:
    date: dt.date
    school_day: SchoolDay | None = None  # the school's page: what the date is at that school
    visits: list[tuple[DatedVisit, str]] = field(default_factory=list)  # (visit, the other side's name)
    lessons: list[tuple[DatedLesson, str, str]] = field(default_factory=list)  # (lesson, times, place or ALT)
    skipped: list[tuple[SkippedVisit, str]] = field(default_factory=list)


@dataclass
class DatedWeek:
    monday: dt.date
    days: list[DatedDay]
    published: bool
    rotation_week: int = 0  # the published rotation's week (1 = A) these dates fall in; 0 without a rotation

    @property
    def rotation_name(self) -> str:
        return rotation_week_name(self.rotation_week) if self.rotation_week else ""

    @property
    def previous(self) -> dt.date:
        return self.monday - dt.timedelta(weeks=1)

    @property
    def next(self) -> dt.date:
        return self.monday + dt.timedelta(weeks=1)

    @property
    def friday(self) -> dt.date:
        return self.monday + dt.timedelta(days=DAYS_SHOWN - 1)


def requested_monday(request: HttpRequest) -> dt.date:
    """The Monday of `?week=YYYY-MM-DD` (any date of the week), or of this week."""
    try:
        day = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    return day - dt.timedelta(days=day.weekday())


def _plan(program: Program | None, monday: dt.date) -> DatedPlan | None:
    if program is None:
        return None
    # The whole program's week is laid out once and remembered until anything changes (a cover, an
    # event, a new version): every ALT's and school's page of that week reads the same plan.
    return remembered_dated_plan(program, starts=monday, ends=monday + dt.timedelta(days=DAYS_SHOWN - 1))


def participant_dated_week(participant: Participant, monday: dt.date) -> DatedWeek:
    plan = _plan(participant.program, monday)
    days = [DatedDay(monday + dt.timedelta(days=n)) for n in range(DAYS_SHOWN)]
    if plan is None:
        return DatedWeek(monday, days, published=False)
    mine = plan.for_alt(participant.code)
    schools = program_schools(participant.program).select_related("organization")
    names = {s.code: s.organization.display_name for s in schools}
    week = _laid_out(monday, days, mine, lambda item: names.get(item.school, item.school))
    week.rotation_week = published_rotation_week(participant.program, monday)
    return week


def school_dated_week(school: School, monday: dt.date) -> DatedWeek:
    contract = school_contract(school, monday)
    plan = _plan(contract.program if contract is not None else None, monday)
    days = [DatedDay(monday + dt.timedelta(days=n)) for n in range(DAYS_SHOWN)]
    calendars: dict[int, SchoolCalendar] = {}
    for day in days:
        year = SchoolYear.of(day.date)
        if year not in calendars:
            calendars[year] = school_calendar(school, year)
        day.school_day = calendars[year].day(day.date)
    if plan is None:
        return DatedWeek(monday, days, published=False)
    ours = plan.for_school(school.code)
    people = {p.code: p.name for p in Participant.objects.filter(program=contract.program)} if contract else {}
    week = _laid_out(monday, days, ours, lambda item: people.get(item.alt, item.alt))
    if contract is not None:
        week.rotation_week = published_rotation_week(contract.program, monday)
    return week


def _laid_out(
    monday: dt.date,
    days: list[DatedDay],
    found: DatedPlan,
    other: Callable[[DatedVisit | DatedLesson | SkippedVisit], str],
) -> DatedWeek:
    """The plan's visits, lessons (in time order) and skipped visits on their days; `other` names the other
    side of each: the school on an ALT's week, the ALT on a school's."""
    by_date = {day.date: day for day in days}
    for visit in found.visits:
        by_date[visit.date].visits.append((visit, other(visit)))
    for lesson in sorted(found.lessons, key=lambda x: (x.date, x.start)):
        times = f"{format_clock(lesson.start)}–{format_clock(lesson.end)}"
        by_date[lesson.date].lessons.append((lesson, times, other(lesson)))
    for skipped in found.skipped:
        by_date[skipped.date].skipped.append((skipped, other(skipped)))
    return DatedWeek(monday, days, published=True)
