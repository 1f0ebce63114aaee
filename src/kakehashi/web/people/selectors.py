"""A participant's week as they would read it: day by day, school by school, lesson by lesson."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import WEEKDAYS, BellPeriod
from kakehashi.web.timetables.models import LessonRow, TimetableVersion, VisitRow


@dataclass
class Day:
    day: str
    schools: list[Any] = field(default_factory=list)
    lessons: list[dict[str, Any]] = field(default_factory=list)


def participant_version(participant: Participant) -> TimetableVersion | None:
    return participant.program.timetables.filter(state=TimetableVersion.State.PUBLISHED).order_by("-number").first()


def participant_week(participant: Participant, version: TimetableVersion | None) -> list[Day]:
    if version is None:
        return []
    days = {day: Day(day) for day in WEEKDAYS}
    for visit in VisitRow.objects.filter(version=version, participant=participant).select_related(
        "school__organization"
    ):
        days[visit.day].schools.append(visit.school)
    rows = LessonRow.objects.filter(version=version, participant=participant).select_related(
        "lesson__school__organization", "lesson__homeroom"
    )
    bells = {
        (b.school_id, b.variant, b.period): b
        for b in BellPeriod.objects.filter(school__in={row.lesson.school_id for row in rows})
    }
    for row in rows:
        lesson = row.lesson
        bell = bells.get((lesson.school_id, lesson.day, lesson.period)) or bells.get(
            (lesson.school_id, "default", lesson.period)
        )
        days[lesson.day].lessons.append(
            {"lesson": lesson, "start": bell.start if bell else None, "end": bell.end if bell else None}
        )
    for day in days.values():
        day.lessons.sort(key=lambda x: (x["start"] is None, x["start"]))
    return [day for day in days.values() if day.schools or day.lessons]
