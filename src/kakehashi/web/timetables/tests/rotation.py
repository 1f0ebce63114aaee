"""A side's week made a two-week rotation (A and B weeks): a third of each school's lessons held in week A only,
a third in week B only, and the rest every week; each school's days over the rotation its days a week times two."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kakehashi.web.schools.models import LessonSlot
from kakehashi.web.timetables.models import WeekSettings

# In the school year 2026 (first term from Monday 6 April, week A by default): a week B and the week A after it,
# in the third term, without national holidays.
WEEK_B = dt.date(2027, 1, 18)
WEEK_A = dt.date(2027, 1, 25)


def two_week_rotation(side: Any) -> dict[str, list[int]]:
    """Make the side's program a two-week rotation; returns each lesson held in one week only, with its week."""
    settings, _ = WeekSettings.objects.get_or_create(program=side.program, defaults={"name": "rotation"})
    settings.cycle_weeks = 2
    settings.save()
    return held_in_one_week(side)


def held_in_one_week(side: Any) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for index, lesson in enumerate(LessonSlot.objects.filter(school__in=side.schools).order_by("code")):
        if index % 3 < 2:
            lesson.weeks = [index % 3 + 1]
            lesson.save()
            found[lesson.code] = lesson.weeks
    return found
