"""A published balance as dated changes, and the dated plan with them applied.

Publishing stores each move of the balance as a change of one date: a dropped visit leaves the ALT's visit at
that school out that date; a moved visit brings the ALT (its own or another) to the school on the new date,
with the school's lessons of that weekday that no other ALT there teaches. The visit lost on the old date needs
no change: the school has no lessons that day, and the dated plan already says why. Publishing again replaces
the program's earlier balance and all its changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from django.db import transaction

from kakehashi.schoolyear.calendar import DayKind, SchoolCalendar
from kakehashi.schoolyear.plan import ON_LEAVE, DatedLesson, DatedPlan, DatedVisit, SkippedVisit
from kakehashi.timetable.instance import ALL_DAYS, Instance
from kakehashi.web.calendars.words import BALANCED_AWAY
from kakehashi.web.organizations.models import Program
from kakehashi.web.timetables.door import rotation_week_of, version_cycle_weeks, version_instance
from kakehashi.web.timetables.models import TimetableVersion
from kakehashi.web.yearbalance.models import BalanceChange, BalanceJob, PublishedBalance


def balance_changes_of(job: BalanceJob) -> list[tuple[dt.date, str, str, str]]:
    """(date, kind, ALT, school) of each change the job's moves make."""
    found: list[tuple[dt.date, str, str, str]] = []
    for move in (job.result or {}).get("moves", []):
        if move["kind"] == "dropped":
            found.append((dt.date.fromisoformat(move["date"]), BalanceChange.Kind.DROPPED, move["alt"], move["school"]))
        else:
            to = move["to"]
            found.append((dt.date.fromisoformat(to["date"]), BalanceChange.Kind.ADDED, to["alt"], move["school"]))
    return found


@transaction.atomic
def balance_publish(*, job: BalanceJob, user: Any) -> PublishedBalance:
    """Put the job's balance in force for its program, in place of any earlier one."""
    Program.objects.select_for_update().filter(pk=job.program_id).first()
    balance, _created = PublishedBalance.objects.update_or_create(
        program_id=job.program_id,
        defaults={"job": job, "published_by": user if getattr(user, "is_authenticated", False) else None},
    )
    balance.changes.all().delete()
    BalanceChange.objects.bulk_create(
        BalanceChange(balance=balance, date=date, kind=kind, alt=alt, school=school)
        for date, kind, alt, school in balance_changes_of(job)
    )
    return balance


def published_balance_changes(program: Program, starts: dt.date, ends: dt.date) -> list[BalanceChange]:
    return list(BalanceChange.objects.filter(balance__program=program, date__gte=starts, date__lte=ends))


def apply_published_balance(
    program: Program,
    version: TimetableVersion,
    plan: DatedPlan,
    calendars: Mapping[str, SchoolCalendar],
    away: Mapping[dt.date, Collection[str]],
    starts: dt.date,
    ends: dt.date,
) -> DatedPlan:
    """The program's dated plan with its published balance (handed to the calendars app: yearbalance/apps.py)."""
    changes = published_balance_changes(program, starts, ends)
    if not changes:
        return plan
    weeks = version_cycle_weeks(version)

    def week_of(date: dt.date) -> Instance:
        return version_instance(version, rotation_week_of(program, weeks, date))

    return with_balance(plan, changes, week_of, calendars, away)


def with_balance(
    plan: DatedPlan,
    changes: Iterable[BalanceChange],
    week_of: Callable[[dt.date], Instance],
    calendars: Mapping[str, SchoolCalendar],
    away: Mapping[dt.date, Collection[str]],
) -> DatedPlan:
    """The dated plan with the balance's changes. An added visit still needs the school to have lessons that
    date and the ALT to be there (not on leave): a calendar or leave decided after publishing wins. `week_of`
    gives a date's week (a rotation's own week of that date), whose lessons an added visit takes."""
    changes = list(changes)
    dropped = {(c.date, c.alt, c.school) for c in changes if c.kind == BalanceChange.Kind.DROPPED}
    result = DatedPlan(
        [v for v in plan.visits if (v.date, v.alt, v.school) not in dropped],
        [x for x in plan.lessons if (x.date, x.alt, x.school) not in dropped],
        plan.skipped + [SkippedVisit(v.date, v.alt, v.school, BALANCED_AWAY) for v in plan.visits
                        if (v.date, v.alt, v.school) in dropped],
    )
    there = {(v.date, v.alt, v.school) for v in result.visits}
    for change in changes:
        key = (change.date, change.alt, change.school)
        calendar = calendars.get(change.school)
        if change.kind != BalanceChange.Kind.ADDED or key in there or calendar is None:
            continue
        day = calendar.day(change.date)
        if not day.has_lessons:
            result.skipped.append(SkippedVisit(change.date, change.alt, change.school, day.reason or day.kind.value))
        elif change.alt in away.get(change.date, ()):
            result.skipped.append(SkippedVisit(change.date, change.alt, change.school, ON_LEAVE))
        else:
            result.visits.append(DatedVisit(change.date, change.alt, change.school))
            result.lessons += _lessons_of_added_visit(result, change, week_of(change.date), calendar, day.kind)
            there.add(key)
    result.visits.sort(key=lambda v: (v.date, v.alt, v.school))
    result.lessons.sort(key=lambda x: (x.date, x.start, x.alt, x.lesson))
    return result


def _lessons_of_added_visit(
    plan: DatedPlan, change: BalanceChange, instance: Instance, calendar: SchoolCalendar, kind: DayKind
) -> list[DatedLesson]:
    """The school's lessons of that weekday that no other ALT there teaches that date, at the day's bells."""
    school = instance.school_by_id.get(change.school)
    if school is None:
        return []
    weekday = ALL_DAYS[change.date.weekday()]
    taken = {x.lesson for x in plan.lessons if x.date == change.date and x.school == change.school}
    found = []
    for lesson in school.lessons:
        if lesson.day != weekday or lesson.id in taken:
            continue
        start, end = lesson.start, lesson.end
        if kind == DayKind.SHORTENED and calendar.shortened_bells is not None:
            if lesson.period not in calendar.shortened_bells:
                continue  # the shortened day has no such period: the lesson is not held
            start, end = calendar.shortened_bells[lesson.period]
        found.append(DatedLesson(change.date, change.alt, lesson.id, change.school, lesson.homeroom,
                                 lesson.period, start, end))
    return found
