"""A participant's week as they would read it: day by day, school by school, lesson by lesson."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from kakehashi.timetable.instance import ALL_DAYS, clock_minutes, clock_time, format_clock
from kakehashi.timetable.travel import TravelTimes
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import LessonSlot, School
from kakehashi.web.timetables.door import version_alt_part, version_instance
from kakehashi.web.timetables.models import TimetableVersion
from kakehashi.web.timetables.selectors import published_version


@dataclass
class Day:
    day: str
    schools: list[Any] = field(default_factory=list)
    lessons: list[dict[str, Any]] = field(default_factory=list)


def participant_version(participant: Participant) -> TimetableVersion | None:
    return published_version(participant.program)


def participant_week(participant: Participant, version: TimetableVersion | None, cycle_week: int = 1) -> list[Day]:
    """The participant's part of `version` day by day, read through the door against the version's own week
    (lesson times are that week's bells, as the timetable answered them); of a rotation, its week `cycle_week`."""
    if version is None:
        return []
    part = version_alt_part(version, participant.code, cycle_week)
    days = {day: Day(day) for day in ALL_DAYS}
    schools = School.objects.filter(code__in={v.school for v in part.visits}).select_related("organization")
    by_code = {school.code: school for school in schools}
    for visit in part.visits:
        days[visit.day].schools.append(by_code[visit.school])
    slots = LessonSlot.objects.filter(code__in={a.lesson for a in part.lessons}).select_related(
        "school__organization", "homeroom"
    )
    slot_by_code = {slot.code: slot for slot in slots}
    for assignment in part.lessons:
        lesson = part.lesson(assignment)
        days[lesson.day].lessons.append(
            {"lesson": slot_by_code[lesson.id], "start": clock_time(lesson.start), "end": clock_time(lesson.end)}
        )
    for day in days.values():
        day.lessons.sort(key=lambda x: x["start"])
    return [day for day in days.values() if day.schools or day.lessons]


DAY_START, DAY_END = 8 * 60, 17 * 60  # the ALT's working day; the grid shows it in five-minute rows


@dataclass
class Block:
    kind: str  # "lesson" or "travel"
    start: int  # minutes after midnight
    end: int
    label: str
    detail: str = ""
    # The school the block happens at (a lesson) or travels to or from (the first and last trip of the day);
    # None for a trip between two schools. The feed takes the event's place from it.
    school: School | None = None

    @property
    def lines(self) -> tuple[int, int]:
        """The CSS grid lines the block spans, from first to last (row 1 is 8:00). Both ends go to the nearest
        five minutes, so a trip that ends when a lesson starts meets it instead of lying over it."""
        first = (max(0, self.start - DAY_START) + 2) // 5 + 1
        return first, max(first + 1, (min(DAY_END, self.end) - DAY_START + 2) // 5 + 1)

    @property
    def row(self) -> str:
        first, last = self.lines
        return f"{first} / {last}"

    @property
    def has_room(self) -> bool:
        """Whether the block is tall enough for a line of text: a trip of five minutes or less is one thin
        row, its words only in the tooltip."""
        first, last = self.lines
        return last - first > 1

    @property
    def times(self) -> str:
        return f"{format_clock(self.start)}–{format_clock(self.end)}"


def participant_week_grid(
    participant: Participant, version: TimetableVersion | None, cycle_week: int = 1
) -> list[tuple[str, list[Block]]]:
    """Each working day as blocks on a clock: lessons (school, class, period) and the travel around them:
    from home before the first lesson, between the two schools of a two-school day, home after the last."""
    days = participant_week(participant, version, cycle_week)
    if version is None or not days:
        return []
    week = version_instance(version, cycle_week)
    travel = TravelTimes(week)
    alt = week.alt_by_id.get(participant.code)
    grid = []
    for day in days:
        blocks: list[Block] = []
        lessons = [x for x in day.lessons if x["start"] is not None]
        for item in lessons:
            lesson = item["lesson"]
            blocks.append(
                Block(
                    "lesson",
                    clock_minutes(item["start"]),
                    clock_minutes(item["end"]),
                    lesson.homeroom.name,
                    f"{lesson.school.display_name} · {lesson.period}",
                    lesson.school,
                )
            )
        order = sorted(
            day.schools,
            key=lambda s: min(
                (clock_minutes(x["start"]) for x in lessons if x["lesson"].school_id == s.pk), default=DAY_END
            ),
        )
        if lessons and order and alt is not None:
            first_start = min(b.start for b in blocks)
            last_end = max(b.end for b in blocks)
            there = travel.commute(alt, order[0].code)
            first = order[0].display_name
            blocks.append(Block("travel", first_start - there, first_start, _minutes_label(there), first, order[0]))
            for one, other in itertools.pairwise(order):
                leave = max(clock_minutes(x["end"]) for x in lessons if x["lesson"].school_id == one.pk)
                hop = travel.between(alt, one.code, other.code)
                route = f"{one.display_name} → {other.display_name}"
                blocks.append(Block("travel", leave, leave + hop, _minutes_label(hop), route))
            back = travel.between(alt, order[-1].code, alt.id)
            last = order[-1].display_name
            blocks.append(Block("travel", last_end, last_end + back, _minutes_label(back), last, order[-1]))
        grid.append((day.day, sorted(blocks, key=lambda b: b.start)))
    return grid


def _minutes_label(minutes: int) -> str:
    """A travel time as the reader writes it: 25 min, or 25分."""
    return _("%(n)s min") % {"n": minutes}
