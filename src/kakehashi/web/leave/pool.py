"""The program's pool of substitute ALTs (代替ALT) as the core's `Substitute`s, for one date's cover."""

from __future__ import annotations

import datetime as dt

from kakehashi.schoolyear.substitutes import WHOLE_DAY, Substitute
from kakehashi.timetable.instance import Instance, Location, clock_minutes
from kakehashi.web.organizations.models import Program
from kakehashi.web.timetables.selectors import allowed_schools, program_substitutes


def _minutes(value: dt.time | None, default: int) -> int:
    return default if value is None else clock_minutes(value)


def substitute_pool(program: Program, instance: Instance, *, away: set[str]) -> list[Substitute]:
    """Every substitute of the program who is not away that date, with their days, hours and schools."""
    codes = {school.id for school in instance.schools}
    pool = []
    for person in program_substitutes(program).prefetch_related("placements"):
        if person.code in away:
            continue
        days = [d for d in (person.cover_days or instance.days) if d not in person.unavailable_days]
        allowed = allowed_schools(person, codes)
        pool.append(
            Substitute(
                id=person.code,
                name=person.name,
                home=Location(person.home_lat, person.home_lon),
                mode=person.travel_mode,
                levels=tuple(person.levels),
                days=tuple(days),
                hours=(_minutes(person.cover_from, WHOLE_DAY[0]), _minutes(person.cover_until, WHOLE_DAY[1])),
                schools=None if allowed is None else tuple(allowed),
                max_commute_minutes=person.max_commute_minutes,
                max_classes_per_day=person.max_classes_per_day,
                max_schools_per_day=person.max_schools_per_day,
            )
        )
    return pool
