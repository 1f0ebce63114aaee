"""A rotation's weeks as people name them: week A, week B… (A週, B週), and which one a date of the published
timetable falls in. The rule itself (count calendar weeks from a week A) is the door's: `door.rotation_week_of`."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from kakehashi.web.organizations.models import Program
from kakehashi.web.timetables.door import rotation_week_of, version_cycle_weeks
from kakehashi.web.timetables.selectors import published_version

LETTERS = "ABCD"


def rotation_week_name(week: int) -> str:
    """"week A" for rotation week 1, "week B" for 2…"""
    return _("week %(letter)s") % {"letter": LETTERS[week - 1]}


def published_rotation_week(program: Program, date: dt.date) -> int:
    """The week of the published timetable's rotation that `date` falls in; 0 when it repeats one week."""
    version = published_version(program)
    if version is None:
        return 0
    weeks = version_cycle_weeks(version)
    return rotation_week_of(program, weeks, date) if weeks > 1 else 0
