"""Stored versions, database ↔ core: a version read as its own week (an Instance) and a core Solution, the one
writer of version rows (a solve's store and every hand edit write through `version_create` and
`version_rows_replace`), an ALT's or a school's part of a version, and a version laid over the school year.

A version is always read against the week it was made from (`TimetableVersion.week`), never today's: lesson
times, names and travel are the ones the timetable answered."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, Q

from kakehashi.schoolyear import SchoolCalendar
from kakehashi.schoolyear.plan import DatedPlan, DayChange, dated_plan
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.instance import Assignment, Instance, Lesson, Solution, Status, Visit
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import LessonSlot, School
from kakehashi.web.timetables.door.week import week_instance
from kakehashi.web.timetables.models import LessonRow, TimetableVersion, VisitRow

# Reading a city's week takes the core a quarter of a second; a version's week never changes once stored, so
# the last few read are kept for the process (keyed by the version and its creation, never reused together).
_KEPT_WEEKS = 8
_weeks: OrderedDict[tuple[int, str], Instance] = OrderedDict()
_weeks_guard = threading.Lock()


def _stored_week(version: TimetableVersion) -> Instance:
    key = (version.pk, version.created_at.isoformat())
    with _weeks_guard:
        if key in _weeks:
            _weeks.move_to_end(key)
            return _weeks[key]
    week = parse_instance(version.week)
    with _weeks_guard:
        _weeks[key] = week
        while len(_weeks) > _KEPT_WEEKS:
            _weeks.popitem(last=False)
    return week


def version_instance(version: TimetableVersion) -> Instance:
    """The week `version` was made from, as a core Instance: every reader of a stored version (analysis,
    edits, cover, the dated plan and feeds) reads it against this, not against today's week. A version
    kept before weeks were stored (none is, after migration 0005) is read against today's week."""
    cached: Instance | None = getattr(version, "_week_instance", None)
    if cached is None:
        cached = _stored_week(version) if version.week else week_instance(version.program)
        version._week_instance = cached  # type: ignore[attr-defined]
    return cached


def _visits(version: TimetableVersion, only: Q) -> tuple[Visit, ...]:
    rows = version.visits.filter(only).order_by("id").values_list("participant__code", "day", "school__code")
    return tuple(Visit(alt, day, school) for alt, day, school in rows)


def _lessons(version: TimetableVersion, only: Q) -> tuple[Assignment, ...]:
    rows = version.lessons.filter(only).order_by("id").values_list("participant__code", "lesson__code")
    return tuple(Assignment(alt, lesson) for alt, lesson in rows)


def version_solution(version: TimetableVersion) -> Solution:
    """A stored version as a core Solution, in the order it was stored (the core's: ALT, day, school / lesson)."""
    return Solution(
        Status(version.solver_status),
        _visits(version, Q()),
        _lessons(version, Q()),
        instance=None,
        objective=version.objective,
        bound=version.bound,
        explanation=tuple(version.explanation),
    )


@dataclass(frozen=True)
class PartOfWeek:
    """One ALT's or one school's share of a version: its visits and the lessons with an ALT, each lesson as the
    version's own week has it (school, class, day, period, start and end)."""

    instance: Instance
    visits: tuple[Visit, ...]
    lessons: tuple[Assignment, ...]

    def lesson(self, assignment: Assignment) -> Lesson:
        return self.instance.lesson_by_id[assignment.lesson]

    def visits_without_lessons(self) -> tuple[Visit, ...]:
        """The visits at which the visiting ALT joins none of the part's lessons (the rules allow it, but the ALT
        would be there for nothing)."""
        taught = {(a.alt, self.lesson(a).day, self.lesson(a).school) for a in self.lessons}
        return tuple(v for v in self.visits if (v.alt, v.day, v.school) not in taught)


def _part(version: TimetableVersion, visits: Q, lessons: Q) -> PartOfWeek:
    week = version_instance(version)
    # A version kept before versions stored their week was given today's week by migration 0005; a lesson
    # dropped before that is not in it, and is left out here as the dated plan leaves it out.
    known = tuple(a for a in _lessons(version, lessons) if a.lesson in week.lesson_by_id)
    return PartOfWeek(week, _visits(version, visits), known)


def version_whole(version: TimetableVersion) -> PartOfWeek:
    """Every visit and every lesson with an ALT of `version`, each lesson as the version's week has it."""
    return _part(version, Q(), Q())


def version_alt_part(version: TimetableVersion, alt: str) -> PartOfWeek:
    """What the ALT `alt` (their id) does in `version`."""
    return _part(version, Q(participant__code=alt), Q(participant__code=alt))


def version_school_part(version: TimetableVersion, school: str) -> PartOfWeek:
    """Who visits the school `school` (its id) in `version`, and which of its lessons an ALT joins."""
    return _part(version, Q(school__code=school), Q(lesson__school__code=school))


def version_dated_plan(
    version: TimetableVersion,
    calendars: Mapping[str, SchoolCalendar],
    *,
    starts: dt.date,
    ends: dt.date,
    away: Mapping[dt.date, Collection[str]] | None = None,
    changes: Mapping[dt.date, DayChange] | None = None,
) -> DatedPlan:
    """`version` laid over the schools' calendars from `starts` to `ends` (the core's dated plan)."""
    return dated_plan(
        version_instance(version),
        version_solution(version),
        calendars,
        starts=starts,
        ends=ends,
        away=away,
        changes=changes,
    )


def _rows_write(version: TimetableVersion, solution: Solution) -> None:
    """The version's visit and lesson rows, one per visit and per lesson of `solution`, in its order."""
    people = dict(
        Participant.objects.filter(
            program_id=version.program_id,
            code__in={v.alt for v in solution.visits} | {a.alt for a in solution.lessons},
        ).values_list("code", "pk")
    )
    schools = dict(School.objects.filter(code__in={v.school for v in solution.visits}).values_list("code", "pk"))
    lessons = dict(
        LessonSlot.objects.filter(code__in={a.lesson for a in solution.lessons}).values_list("code", "pk")
    )
    VisitRow.objects.bulk_create(
        VisitRow(version=version, participant_id=people[v.alt], day=v.day, school_id=schools[v.school])
        for v in solution.visits
    )
    LessonRow.objects.bulk_create(
        LessonRow(version=version, participant_id=people[a.alt], lesson_id=lessons[a.lesson])
        for a in solution.lessons
    )


@transaction.atomic
def version_create(*, program: Program, week: dict[str, Any], solution: Solution, user: Any = None) -> TimetableVersion:
    """The program's next version: `solution` (status, objective, bound and explanation too) as rows, kept
    with `week`, the canonical week@1 document it answers. The only place a version number is chosen."""
    # Two writers of one program (a solve job finishing while a coordinator starts an edit) take turns on the
    # program's row, so each reads the other's version number before choosing its own.
    Program.objects.select_for_update().filter(pk=program.pk).first()
    number = (TimetableVersion.objects.filter(program=program).aggregate(top=Max("number"))["top"] or 0) + 1
    version = TimetableVersion.objects.create(
        program=program,
        number=number,
        solver_status=solution.status.value,
        objective=solution.objective,
        bound=solution.bound,
        explanation=list(solution.explanation),
        created_by=user if getattr(user, "is_authenticated", False) else None,
        week=week,
    )
    _rows_write(version, solution)
    return version


@transaction.atomic
def version_rows_replace(*, version: TimetableVersion, solution: Solution) -> None:
    """Replace the rows of a draft with `solution`'s (a hand edit); the caller updates the version's fields."""
    version.visits.all().delete()
    version.lessons.all().delete()
    _rows_write(version, solution)
