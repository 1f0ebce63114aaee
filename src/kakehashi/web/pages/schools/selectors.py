"""Reads about one school: its week of lessons as a grid, and which ALT comes when."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from kakehashi.timetable.instance import ALL_DAYS
from kakehashi.web.organizations.models import Contract, Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import LessonSlot, School
from kakehashi.web.timetables.door import rotation_weeks, version_cycle_weeks, version_school_part
from kakehashi.web.timetables.models import TimetableVersion
from kakehashi.web.timetables.selectors import published_versions


@dataclass(frozen=True)
class GridRow:
    period: str
    times: str
    cells: list[list[dict[str, Any]]]  # one list of lessons per day


def lesson_grid(
    school: School, days: list[str], version: TimetableVersion | None, cycle_week: int = 1
) -> list[GridRow]:
    """Periods × days, each cell the foreign-language lessons then, with the ALT who joins (if any); of a
    rotation, the ALTs of its week `cycle_week`."""
    taken: dict[str, Participant] = {}
    if version is not None:
        lessons = version_school_part(version, school.code, cycle_week).lessons
        people = _participants({a.alt for a in lessons})
        taken = {a.lesson: people[a.alt] for a in lessons}
    by_slot: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for lesson in LessonSlot.objects.filter(school=school, active=True).select_related("homeroom"):
        by_slot[(lesson.period, lesson.day)].append({"lesson": lesson, "alt": taken.get(lesson.code)})
    rows = []
    for bell in school.bells.filter(variant="default").order_by("start"):
        rows.append(
            GridRow(
                bell.period,
                f"{bell.start:%H:%M}–{bell.end:%H:%M}",
                [sorted(by_slot.get((bell.period, day), []), key=lambda c: c["lesson"].homeroom.name) for day in days],
            )
        )
    return rows


def visits_by_day(school: School, version: TimetableVersion | None, cycle_week: int = 1) -> dict[str, list[Any]]:
    result: dict[str, list[Any]] = {day: [] for day in ALL_DAYS}
    if version is None:
        return result
    visits = version_school_part(version, school.code, cycle_week).visits
    people = _participants({v.alt for v in visits})
    for visit in visits:
        result[visit.day].append(people[visit.alt])
    return result


def _participants(codes: set[str]) -> dict[str, Participant]:
    return {p.code: p for p in Participant.objects.filter(code__in=codes)}


def rotation_visit_days(school: School, version: TimetableVersion) -> int:
    """The school's ALT-days over every week of the version's rotation (a one-week version: its week)."""
    weeks = range(1, version_cycle_weeks(version) + 1)
    return sum(len(version_school_part(version, school.code, week).visits) for week in weeks)


def _covering(school: School) -> QuerySet[Contract]:
    """The contracts covering the school (its own or its board's) in force today."""
    org = school.organization
    in_force = Contract.objects.in_force(timezone.localdate())
    return in_force.filter(Q(organization=org) | Q(organization_id=org.parent_id))


def school_rotation(school: School, version: TimetableVersion | None) -> int:
    """The weeks of the rotation the school is visited on: the timetable in force's (the page shows it), else
    those of a program whose contract covers the school (1: the same week all year)."""
    if version is not None:
        return version_cycle_weeks(version)
    program = Program.objects.filter(contracts__in=_covering(school)).first()
    return rotation_weeks(program) if program is not None else 1


def school_version(school: School) -> TimetableVersion | None:
    """The week in force of a program whose contract covering the school is in force today (the one
    published last, when two programs cover it)."""
    covering = _covering(school)
    return (
        published_versions()
        .filter(program__contracts__in=covering)
        .order_by("-published_at", "-number")
        .first()
    )
