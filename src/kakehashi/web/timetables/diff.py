"""What changed between two timetable versions, per ALT and per school, in words a coordinator reads.

Each change is kept as what it is (a day, a school, a person, a class); it is worded when it is shown, in
the language active then: the reader's on a page, the recipient's in a notice."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from kakehashi.timetable.instance import ALL_DAYS
from kakehashi.web.organizations.models import in_reader_language
from kakehashi.web.schools.models import Weekday
from kakehashi.web.timetables.models import LessonRow, TimetableVersion, VisitRow

DAY_NAMES = dict(Weekday.choices)


@dataclass(frozen=True)
class Change:
    """One change, for an ALT's list (`for_school` False) or a school's (True)."""

    what: str  # "visit" or "lesson"
    added: bool
    for_school: bool
    day: str
    school_name: str
    school_name_ja: str
    person: str
    room: str = ""
    period: str = ""

    def __str__(self) -> str:
        words = {
            "day": str(DAY_NAMES.get(self.day, self.day)),
            "school": in_reader_language(self.school_name, self.school_name_ja),
            "name": self.person,
            "room": self.room,
            "period": self.period,
        }
        if self.what == "visit":
            if self.for_school:
                return (
                    _("%(day)s: %(name)s now visits") if self.added else _("%(day)s: %(name)s no longer visits")
                ) % words
            return (_("%(day)s: now at %(school)s") if self.added else _("%(day)s: no longer at %(school)s")) % words
        if self.for_school:
            return (
                _("%(day)s period %(period)s: %(room)s now with %(name)s")
                if self.added
                else _("%(day)s period %(period)s: %(room)s no longer with %(name)s")
            ) % words
        return (
            _("%(day)s period %(period)s: %(room)s added")
            if self.added
            else _("%(day)s period %(period)s: %(room)s dropped")
        ) % words


@dataclass
class WeekChanges:
    """Changes per participant code and per school code; empty when nothing changed for them."""

    by_participant: dict[str, list[Change]] = field(default_factory=lambda: defaultdict(list))
    by_school: dict[str, list[Change]] = field(default_factory=lambda: defaultdict(list))

    @property
    def empty(self) -> bool:
        return not self.by_participant and not self.by_school


# Both read as plain tuples, not model rows: a city's version has thousands of lessons, and publishing compares
# two versions while the coordinator waits.
def _visits(version: TimetableVersion | None) -> set[tuple[str, str, str, str, str, str]]:
    if version is None:
        return set()
    rows = VisitRow.objects.filter(version=version).values_list(
        "participant__code",
        "participant__name",
        "day",
        "school__code",
        "school__organization__name",
        "school__organization__name_ja",
    )
    return set(rows)


def _lessons(version: TimetableVersion | None) -> set[tuple[str, str, str, str, str, str]]:
    if version is None:
        return set()
    rows = LessonRow.objects.filter(version=version).values_list(
        "participant__code",
        "participant__name",
        "lesson__day",
        "lesson__school__code",
        "lesson__homeroom__name",
        "lesson__period",
    )
    return set(rows)


def _in_week_order(row: tuple[str, ...]) -> tuple[Any, ...]:
    """Monday before Tuesday (not "fri" before "mon"), then as the row reads."""
    return (row[0], ALL_DAYS.index(row[2]) if row[2] in ALL_DAYS else len(ALL_DAYS), row)


def week_changes(old: TimetableVersion | None, new: TimetableVersion) -> WeekChanges:
    changes = WeekChanges()
    before, after = _visits(old), _visits(new)
    for added, rows in ((True, after - before), (False, before - after)):
        for alt, name, day, school, school_name, school_name_ja in sorted(rows, key=_in_week_order):
            visit = Change("visit", added, False, day, school_name, school_name_ja, name)
            changes.by_participant[alt].append(visit)
            changes.by_school[school].append(Change("visit", added, True, day, school_name, school_name_ja, name))
    lessons_before, lessons_after = _lessons(old), _lessons(new)
    for added, lesson_rows in ((True, lessons_after - lessons_before), (False, lessons_before - lessons_after)):
        for alt, name, day, school, room, period in sorted(lesson_rows, key=_in_week_order):
            changes.by_participant[alt].append(Change("lesson", added, False, day, "", "", name, room, period))
            changes.by_school[school].append(Change("lesson", added, True, day, "", "", name, room, period))
    return changes
