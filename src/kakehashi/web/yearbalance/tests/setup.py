"""A program whose published week loses a visit to a school event, at a school whose contract needs it back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kakehashi.timetable.instance import ALL_DAYS
from kakehashi.web.calendars.models import Event
from kakehashi.web.calendars.selectors import program_annual_days
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.door import version_solution
from kakehashi.web.timetables.selectors import published_version
from kakehashi.web.yearbalance.jobs import balance_job_run
from kakehashi.web.yearbalance.models import BalanceJob

# A week of the third term without national holidays (the machine's "today" may be any date before it).
WEEK = dt.date(2027, 2, 15)
TODAY = dt.date(2026, 12, 3)


@dataclass
class LostVisit:
    side: Any
    school: School
    alt: Participant


def lose_a_visit(side: Any) -> LostVisit:
    """An ALT with a weekday off visits a school on another weekday: a closure of that school takes that date,
    and the school's contract is its days planned before the closure, so the balance must give one back."""
    solution = version_solution(published_version(side.program))
    for alt in side.alts:
        days = {v.day for v in solution.visits if v.alt == alt.code}
        off = [d for d in ALL_DAYS[:5] if d not in days]
        if off:
            visit = next(v for v in sorted(solution.visits, key=lambda v: (v.day, v.school)) if v.alt == alt.code)
            break
    else:
        raise AssertionError("every ALT of the test week works every weekday")
    school = School.objects.get(code=visit.school)
    school.annual_visit_days = _planned(side, school)
    school.save()
    lost = WEEK + dt.timedelta(days=ALL_DAYS.index(visit.day))
    Event.objects.create(
        school=school, kind="closure", name="臨時休業", name_en="School closed", starts=lost, ends=lost
    )
    return LostVisit(side, school, alt)


def _planned(side: Any, school: School) -> int:
    school.annual_visit_days = 1  # any figure: the program's annual days list only schools with one
    school.save()
    return next(row.planned for row in program_annual_days(side.program, TODAY) if row.school == school.code)


def balanced(side: Any, user: Any = None) -> BalanceJob:
    job = BalanceJob.objects.create(program=side.program, version=published_version(side.program),
                                    requested_by=user, year=2026, changes_from=TODAY, time_limit=10)
    balance_job_run(job.pk)
    job.refresh_from_db()
    assert job.state == BalanceJob.State.SUCCEEDED, job.message
    return job
