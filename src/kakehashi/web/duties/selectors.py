"""Reading duties: a participant's day as the dated plan and their invitations have it (the prefill of the daily
report), the schools a duty may be logged at, recent reports, and the program's new participants."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db.models import Q, QuerySet
from django.utils import timezone

from kakehashi.schoolyear.plan import DatedPlan
from kakehashi.timetable.instance import clock_time
from kakehashi.web.calendars.selectors import program_dated_plan
from kakehashi.web.duties.models import DailyReport, DutyEntry, DutyKind, Invitation
from kakehashi.web.duties.permissions import placements_on
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School

# "New participants" are those who started within this long before the session (or start later).
NEW_FOR = relativedelta(months=12)


def day_plan(participant: Participant, day: dt.date) -> DatedPlan:
    """The participant's visits and lessons on that date, as published (holidays, events, leave and covers
    applied). CIRs and SEAs have no weekly timetable, so their plan is empty."""
    if participant.kind != Participant.Kind.ALT:
        return DatedPlan()
    plan = program_dated_plan(participant.program, starts=day, ends=day)
    return plan.for_alt(participant.code) if plan is not None else DatedPlan()


def day_invitations(participant: Participant, day: dt.date) -> QuerySet[Invitation]:
    """Sessions on that date the participant is invited to and has not declined (nor been marked away from)."""
    return (
        Invitation.objects.filter(participant=participant, session__starts__date=day)
        .exclude(response=Invitation.Response.NOT_ATTENDING)
        .exclude(attendance__in=[Invitation.Attendance.ABSENT, Invitation.Attendance.EXCUSED])
        .select_related("session")
        .order_by("session__starts")
    )


def planned_entries(participant: Participant, day: dt.date) -> list[DutyEntry]:
    """The report's prefill, unsaved: each lesson of the dated plan, then each session of the day."""
    plan = day_plan(participant, day)
    schools = {s.code: s for s in School.objects.filter(code__in={x.school for x in plan.lessons})}
    entries = [
        DutyEntry(
            kind=DutyKind.LESSON,
            minutes=lesson.end - lesson.start,
            title=lesson.homeroom,
            school=schools.get(lesson.school),
            homeroom=lesson.homeroom,
            period=lesson.period,
            starts=clock_time(lesson.start),
            ends=clock_time(lesson.end),
            lesson=lesson.lesson,
            from_plan=True,
        )
        for lesson in sorted(plan.lessons, key=lambda x: (x.start, x.school))
    ]
    for invitation in day_invitations(participant, day):
        session = invitation.session
        entries.append(
            DutyEntry(
                kind=session.duty_kind,
                minutes=session.minutes,
                title=session.title,
                starts=timezone.localtime(session.starts).time(),
                ends=timezone.localtime(session.ends).time(),
                session=session,
                from_plan=True,
            )
        )
    return entries


def duty_schools(participant: Participant, day: dt.date) -> list[School]:
    """Schools a duty of that date may be logged at: the day's visits first (the usual answer), then the
    schools the participant is placed at or under."""
    visited = [v.school for v in day_plan(participant, day).visits]
    placed = placements_on(participant, day).values("organization")
    others = School.objects.filter(Q(organization__in=placed) | Q(organization__parent__in=placed))
    found = {s.code: s for s in School.objects.filter(code__in=visited).select_related("organization")}
    ordered = [found[code] for code in dict.fromkeys(visited) if code in found]
    ordered += [s for s in others.select_related("organization").order_by("code") if s.code not in found]
    return ordered


def recent_reports(participant: Participant, limit: int = 30) -> QuerySet[DailyReport]:
    return participant.daily_reports.prefetch_related("entries")[:limit]


def new_participants(program: Program, today: dt.date) -> QuerySet[Participant]:
    """Participants who started within the last 12 months, and those about to start: initial training is
    often held before a new ALT's first school day."""
    return program.participants.filter(start_date__gte=today - NEW_FOR).order_by("code")


def upcoming_invitations(participant: Participant) -> QuerySet[Invitation]:
    """The participant's invitations to sessions not yet over, soonest first."""
    return (
        participant.training_invitations.filter(session__ends__gte=timezone.now())
        .select_related("session")
        .order_by("session__starts")
    )
