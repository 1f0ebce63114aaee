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
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School, Weekday
from kakehashi.web.timetables.door import version_whole
from kakehashi.web.timetables.models import TimetableVersion

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


def _visits(version: TimetableVersion | None) -> set[tuple[str, str, str]]:
    """(ALT, day, school) of each visit of the version, read through the door."""
    return set() if version is None else {(v.alt, v.day, v.school) for v in version_whole(version).visits}


def _lessons(version: TimetableVersion | None) -> set[tuple[str, str, str, str, str]]:
    """(ALT, day, school, class, period) of each lesson with an ALT, as the version's own week has the lesson."""
    if version is None:
        return set()
    part = version_whole(version)
    lessons = [(a.alt, part.lesson(a)) for a in part.lessons]
    return {(alt, x.day, x.school, x.homeroom, x.period) for alt, x in lessons}


def _in_week_order(row: tuple[str, ...]) -> tuple[Any, ...]:
    """Monday before Tuesday (not "fri" before "mon"), then as the row reads."""
    return (row[0], ALL_DAYS.index(row[1]) if row[1] in ALL_DAYS else len(ALL_DAYS), row)


def week_changes(old: TimetableVersion | None, new: TimetableVersion) -> WeekChanges:
    """What changes from `old` (None: no week yet) to `new`, each change named with today's names of the ALT and
    the school, as the notices about it are sent today."""
    changes = WeekChanges()
    before, after = _visits(old), _visits(new)
    lessons_before, lessons_after = _lessons(old), _lessons(new)
    alts = {row[0] for row in before ^ after} | {row[0] for row in lessons_before ^ lessons_after}
    names = dict(Participant.objects.filter(code__in=alts).values_list("code", "name"))
    schools = School.objects.filter(code__in={row[2] for row in before ^ after}).select_related("organization")
    school_names = {s.code: (s.organization.name, s.organization.name_ja) for s in schools}
    for added, rows in ((True, after - before), (False, before - after)):
        for alt, day, school in sorted(rows, key=_in_week_order):
            name = names.get(alt, alt)
            school_name, school_name_ja = school_names.get(school, (school, ""))
            visit = Change("visit", added, False, day, school_name, school_name_ja, name)
            changes.by_participant[alt].append(visit)
            changes.by_school[school].append(Change("visit", added, True, day, school_name, school_name_ja, name))
    for added, lesson_rows in ((True, lessons_after - lessons_before), (False, lessons_before - lessons_after)):
        for alt, day, school, room, period in sorted(lesson_rows, key=_in_week_order):
            name = names.get(alt, alt)
            changes.by_participant[alt].append(Change("lesson", added, False, day, "", "", name, room, period))
            changes.by_school[school].append(Change("lesson", added, True, day, "", "", name, room, period))
    return changes
