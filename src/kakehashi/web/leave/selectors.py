"""Reading leave and covers: who is away on which date, the dates re-planned by a confirmed cover,
paid-leave balances and compensatory days still owed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.holidays import working_days
from kakehashi.schoolyear.plan import DayChange
from kakehashi.timetable.instance import ALL_DAYS, Assignment, Visit
from kakehashi.web.leave.models import Cover, LeaveEntitlement, LeaveRequest, WeekendWork
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant


def away_requests(program: Program, starts: dt.date, ends: dt.date) -> QuerySet[LeaveRequest]:
    return LeaveRequest.objects.filter(
        participant__program=program, status__in=LeaveRequest.AWAY, starts__lte=ends, ends__gte=starts
    ).select_related("participant")


def program_away(program: Program, starts: dt.date, ends: dt.date) -> dict[dt.date, set[str]]:
    """Date → codes of the program's participants away that day (approved leave or a reported absence)."""
    away: dict[dt.date, set[str]] = defaultdict(set)
    for request in away_requests(program, starts, ends):
        day = max(request.starts, starts)
        while day <= min(request.ends, ends):
            away[day].add(request.participant.code)
            day += dt.timedelta(days=1)
    return dict(away)


def confirmed_covers(program: Program, starts: dt.date, ends: dt.date) -> dict[dt.date, Cover]:
    """The date's cover in force: the latest confirmed one."""
    found: dict[dt.date, Cover] = {}
    rows = Cover.objects.filter(program=program, status=Cover.Status.CONFIRMED, date__gte=starts, date__lte=ends)
    for cover in rows.order_by("date", "confirmed_at", "id"):
        found[cover.date] = cover
    return found


def day_change(cover: Cover) -> DayChange:
    weekday = ALL_DAYS[cover.date.weekday()]
    return DayChange(
        cover.date,
        tuple(Visit(alt, weekday, school) for alt, school in cover.visits),
        tuple(Assignment(alt, lesson) for alt, lesson in cover.lessons),
    )


def program_changes(program: Program, starts: dt.date, ends: dt.date) -> dict[dt.date, DayChange]:
    return {day: day_change(cover) for day, cover in confirmed_covers(program, starts, ends).items()}


@dataclass(frozen=True)
class LeaveBalance:
    year: int
    granted: int
    taken: int  # approved paid-leave days in the year
    requested: int  # paid-leave days asked for and not yet decided

    @property
    def remaining(self) -> int:
        return self.granted - self.taken


def leave_days(request: LeaveRequest, year: SchoolYear | None = None) -> int:
    days = working_days(request.starts, request.ends)
    if year is not None:
        days = [d for d in days if year.starts <= d <= year.ends]
    return len(days)


def leave_balance(participant: Participant, year: int, *, excluding: int | None = None) -> LeaveBalance:
    """Paid leave of the school year; `excluding` leaves one request out (the one being decided)."""
    school_year = SchoolYear(year)
    entitlement = LeaveEntitlement.objects.filter(participant=participant, year=year).first()
    annual = participant.leave_requests.filter(
        kind=LeaveRequest.Kind.ANNUAL, starts__lte=school_year.ends, ends__gte=school_year.starts
    )
    if excluding is not None:
        annual = annual.exclude(pk=excluding)
    taken = sum(leave_days(r, school_year) for r in annual if r.status == LeaveRequest.Status.APPROVED)
    requested = sum(leave_days(r, school_year) for r in annual if r.status == LeaveRequest.Status.REQUESTED)
    return LeaveBalance(year, entitlement.days if entitlement else 0, taken, requested)


def owed_compensatory_days(participant: Participant) -> QuerySet[WeekendWork]:
    """Weekend work without a compensatory day taken or asked for (refused and cancelled ones free it again)."""
    used = LeaveRequest.objects.filter(weekend_work__isnull=False).exclude(
        status__in=[LeaveRequest.Status.REFUSED, LeaveRequest.Status.CANCELLED]
    )
    return participant.weekend_work.exclude(pk__in=used.values("weekend_work_id")).order_by("date")


# How far back the coordinator's absence list looks (a cover can still be confirmed after the fact).
ABSENCES_SINCE = dt.timedelta(days=7)


def absence_dates(program: Program, today: dt.date) -> list[dict[str, Any]]:
    """Each date with someone away, from a week ago to four weeks ahead, with its proposed and confirmed cover."""
    starts, ends = today - ABSENCES_SINCE, today + dt.timedelta(weeks=4)
    away = program_away(program, starts, ends)
    found = Cover.objects.filter(program=program, date__gte=starts, date__lte=ends).exclude(
        status=Cover.Status.SUPERSEDED
    )
    by_date: dict[dt.date, dict[str, Cover]] = {}
    for cover in found:
        by_date.setdefault(cover.date, {})[cover.status] = cover
    rows = []
    for day in sorted(set(away) | set(by_date)):
        if day.weekday() >= 5 and day not in by_date:
            continue
        covers_of_day = by_date.get(day, {})
        confirmed = covers_of_day.get(Cover.Status.CONFIRMED)
        handled = set(confirmed.absent) | set(confirmed.already_absent) if confirmed else set()
        rows.append(
            {
                "date": day,
                "away": sorted(away.get(day, set())),
                "proposed": covers_of_day.get(Cover.Status.PROPOSED),
                "confirmed": confirmed,
                "waiting": bool(set(away.get(day, set())) - handled),
            }
        )
    return rows
