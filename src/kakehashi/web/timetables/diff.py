"""What changed between two timetable versions, per ALT and per school, in words a coordinator reads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kakehashi.timetable.instance import DAY_NAMES_JA as JA
from kakehashi.web.timetables.models import LessonRow, TimetableVersion, VisitRow


@dataclass
class WeekChanges:
    """Sentences per participant code and per school code; empty when nothing changed for them."""

    by_participant: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_school: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def empty(self) -> bool:
        return not self.by_participant and not self.by_school


def _visits(version: TimetableVersion | None) -> set[tuple[str, str, str, str, str]]:
    if version is None:
        return set()
    return {
        (v.participant.code, v.participant.name, v.day, v.school.code, v.school.organization.name)
        for v in VisitRow.objects.filter(version=version).select_related("participant", "school__organization")
    }


def _lessons(version: TimetableVersion | None) -> set[tuple[str, str, str, str, str, str]]:
    if version is None:
        return set()
    return {
        (
            x.participant.code,
            x.participant.name,
            x.lesson.day,
            x.lesson.school.code,
            x.lesson.homeroom.name,
            x.lesson.period,
        )
        for x in LessonRow.objects.filter(version=version).select_related(
            "participant", "lesson__school", "lesson__homeroom"
        )
    }


def week_changes(old: TimetableVersion | None, new: TimetableVersion) -> WeekChanges:
    changes = WeekChanges()
    before, after = _visits(old), _visits(new)
    for alt, name, day, school, school_name in sorted(after - before):
        changes.by_participant[alt].append(f"{day}: now at {school_name} / {JA[day]}: {school_name} に訪問")
        changes.by_school[school].append(f"{day}: {name} now visits / {JA[day]}: {name} が訪問")
    for alt, name, day, school, school_name in sorted(before - after):
        changes.by_participant[alt].append(f"{day}: no longer at {school_name} / {JA[day]}: {school_name} の訪問なし")
        changes.by_school[school].append(f"{day}: {name} no longer visits / {JA[day]}: {name} の訪問なし")
    lessons_before, lessons_after = _lessons(old), _lessons(new)
    for alt, name, day, school, room, period in sorted(lessons_after - lessons_before):
        changes.by_participant[alt].append(f"{day} period {period}: {room} added / {JA[day]}{period}限: {room} を追加")
        changes.by_school[school].append(
            f"{day} period {period}: {room} now with {name} / {JA[day]}{period}限: {room} に {name} が入る"
        )
    for alt, name, day, school, room, period in sorted(lessons_before - lessons_after):
        changes.by_participant[alt].append(
            f"{day} period {period}: {room} dropped / {JA[day]}{period}限: {room} を外す"
        )
        changes.by_school[school].append(
            f"{day} period {period}: {room} no longer with {name} / {JA[day]}{period}限: {room} に {name} は入らない"
        )
    return changes
