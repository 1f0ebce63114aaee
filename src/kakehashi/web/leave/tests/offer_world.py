"""A same-morning absence and a pool of substitutes near the absent ALT's school, for the offer tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kakehashi.timetable.instance import ALL_DAYS
from kakehashi.web.accounts.models import Role
from kakehashi.web.leave.services import absence_report
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School
from kakehashi.web.testing import user
from kakehashi.web.timetables.door import version_solution
from kakehashi.web.timetables.selectors import published_version


def absent_day(north: Any) -> tuple[Participant, dt.date, School]:
    """The first ALT reports sick for a December 2026 day they teach on; their school that day."""
    alt = north.alts[0]
    solution = version_solution(published_version(north.program))
    visits = {v.day: v.school for v in solution.visits if v.alt == alt.code}
    lessons = {a.lesson for a in solution.lessons if a.alt == alt.code}
    day = dt.date(2026, 12, 7)
    while ALL_DAYS[day.weekday()] not in visits or not lessons:
        day += dt.timedelta(days=1)
    absence_report(participant=alt, date=day)
    return alt, day, School.objects.get(code=visits[ALL_DAYS[day.weekday()]])


def substitute(north: Any, code: str, school: School, *, km_north: float = 0.0, **fields: Any) -> Participant:
    """A standby substitute living `km_north` km north of the school, with a login to answer offers."""
    person = Participant.objects.create(
        program=north.program,
        code=code,
        name=fields.pop("name", f"Sub {code}"),
        home_lat=school.lat + km_north / 111.0,
        home_lon=school.lon,
        travel_mode="car",
        levels=["elementary", "junior_high", "high"],
        substitute=Participant.Substitute.STANDBY,
        **{"max_commute_minutes": 120, **fields},
    )
    user(f"sub-{code.lower()}", {"kind": Role.Kind.PARTICIPANT, "participant": person})
    return person


def morning(day: dt.date, hour: int = 7, minute: int = 0) -> dt.datetime:
    """A fixed moment on the day, in the program's time zone: the tests' clock."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())
