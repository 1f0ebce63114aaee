"""A participant's week as they would read it: day by day, school by school, lesson by lesson."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from kakehashi.timetable.instance import ALL_DAYS, format_clock
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import BellPeriod
from kakehashi.web.timetables.models import LessonRow, TimetableVersion, VisitRow
from kakehashi.web.timetables.selectors import published_version


@dataclass
class Day:
    day: str
    schools: list[Any] = field(default_factory=list)
    lessons: list[dict[str, Any]] = field(default_factory=list)


def participant_version(participant: Participant) -> TimetableVersion | None:
    return published_version(participant.program)


def participant_week(participant: Participant, version: TimetableVersion | None) -> list[Day]:
    if version is None:
        return []
    days = {day: Day(day) for day in ALL_DAYS}
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


DAY_START, DAY_END = 8 * 60, 17 * 60  # the ALT's working day; the grid shows it in five-minute rows


@dataclass
class Block:
    kind: str  # "lesson" or "travel"
    start: int  # minutes after midnight
    end: int
    label: str
    detail: str = ""

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


def _minutes(value: Any) -> int:
    return value.hour * 60 + value.minute


def participant_week_grid(participant: Participant, version: TimetableVersion | None) -> list[tuple[str, list[Block]]]:
    """Each working day as blocks on a clock: lessons (school, class, period) and the travel around them:
    from home before the first lesson, between the two schools of a two-school day, home after the last."""
    from kakehashi.web.timetables.travel import PageTravel

    days = participant_week(participant, version)
    if not days:
        return []
    travel = PageTravel(participant)
    grid = []
    for day in days:
        blocks: list[Block] = []
        lessons = [x for x in day.lessons if x["start"] is not None]
        for item in lessons:
            lesson = item["lesson"]
            blocks.append(
                Block(
                    "lesson",
                    _minutes(item["start"]),
                    _minutes(item["end"]),
                    lesson.homeroom.name,
                    f"{lesson.school.display_name} · {lesson.period}",
                )
            )
        order = sorted(
            day.schools,
            key=lambda s: min(
                (_minutes(x["start"]) for x in lessons if x["lesson"].school_id == s.pk), default=DAY_END
            ),
        )
        if lessons and order:
            first_start = min(b.start for b in blocks)
            last_end = max(b.end for b in blocks)
            there = travel.minutes(None, order[0])
            first = order[0].display_name
            blocks.append(Block("travel", first_start - there, first_start, _minutes_label(there), first))
            for one, other in itertools.pairwise(order):
                leave = max(_minutes(x["end"]) for x in lessons if x["lesson"].school_id == one.pk)
                hop = travel.minutes(one, other)
                route = f"{one.display_name} → {other.display_name}"
                blocks.append(Block("travel", leave, leave + hop, _minutes_label(hop), route))
            back = travel.minutes(order[-1], None)
            blocks.append(Block("travel", last_end, last_end + back, _minutes_label(back), order[-1].display_name))
        grid.append((day.day, sorted(blocks, key=lambda b: b.start)))
    return grid


def _minutes_label(minutes: int) -> str:
    """A travel time as the reader writes it: 25 min, or 25分."""
    return _("%(n)s min") % {"n": minutes}
