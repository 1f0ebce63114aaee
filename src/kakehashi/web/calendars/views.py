"""The school year on pages: a school's days without lessons, and an ALT's dated plan."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.plan import DatedLesson
from kakehashi.timetable.instance import format_clock
from kakehashi.web.accounts.scope import visible_participants, visible_schools
from kakehashi.web.calendars.contracts import annual_days
from kakehashi.web.calendars.selectors import program_dated_plan, school_calendar
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.contracts import school_contract
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.selectors import program_schools

PLAN_DAYS = 28
AFTER_SCHOOL = 24 * 60  # sorts a visit without a lesson after those with one


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return SchoolYear.of(timezone.localdate())


@login_required
def school_year_page(request: HttpRequest, code: str) -> HttpResponse:
    school: School = get_object_or_404(visible_schools(request.user), code=code)
    year = _year(request)
    calendar = school_calendar(school, year)
    days = calendar.days()
    planned = None
    annual = None
    # The contract in force today, or on the year's nearest day when the page shows another year.
    contract = school_contract(school, min(max(timezone.localdate(), calendar.year.starts), calendar.year.ends))
    program = contract.program if contract is not None else None
    if program is not None:
        plan = program_dated_plan(program, starts=calendar.year.starts, ends=calendar.year.ends)
        planned = len(plan.for_school(school.code).visits) if plan is not None else None
        if school.annual_visit_days is not None and plan is not None:
            lesson_days = {school.code: [d.date for d in days if d.has_lessons]}
            annual = annual_days(
                plan, {school.code: school.annual_visit_days}, lesson_days, timezone.localdate(), calendar.year
            )[0]
    return render(
        request,
        "calendars/school_year.html",
        {
            "school": school,
            "year": calendar.year,
            "terms": calendar.year.terms,
            "special": [d for d in days if d.kind.value not in ("lessons", "weekend")],
            "lesson_days": sum(1 for d in days if d.has_lessons),
            "planned": planned,
            "annual": annual,
        },
    )


@login_required
def participant_plan_page(request: HttpRequest, code: str) -> HttpResponse:
    participant: Participant = get_object_or_404(visible_participants(request.user), code=code)
    try:
        starts = dt.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        starts = timezone.localdate()
    plan = program_dated_plan(participant.program, starts=starts, ends=starts + dt.timedelta(days=PLAN_DAYS - 1))
    mine = plan.for_alt(participant.code) if plan is not None else None
    rows: list[tuple[dt.date, str, str, str]] = []
    if mine is not None:
        names = {
            s.code: s.organization.display_name
            for s in program_schools(participant.program).select_related("organization")
        }
        # Each visit's classes by time; the visits of a date in the order they happen (a visit without a
        # lesson, or a skipped one, after those with lessons).
        lessons: dict[tuple[dt.date, str], list[DatedLesson]] = {}
        for lesson in sorted(mine.lessons, key=lambda x: x.start):
            lessons.setdefault((lesson.date, lesson.school), []).append(lesson)
        first = {key: found[0].start for key, found in lessons.items()}
        timed = [(v.date, first.get((v.date, v.school), AFTER_SCHOOL), v.school, "") for v in mine.visits]
        timed += [(s.date, AFTER_SCHOOL, s.school, s.reason) for s in mine.skipped]
        rows = [
            (
                date,
                names.get(school, school),
                ", ".join(f"{x.homeroom} {format_clock(x.start)}" for x in lessons.get((date, school), [])),
                reason,
            )
            for date, _start, school, reason in sorted(timed)
        ]
    return render(
        request,
        "calendars/participant_plan.html",
        {
            "participant": participant,
            "starts": starts,
            "rows": rows,
            "published": plan is not None,
            "previous": starts - dt.timedelta(days=PLAN_DAYS),
            "next": starts + dt.timedelta(days=PLAN_DAYS),
        },
    )
