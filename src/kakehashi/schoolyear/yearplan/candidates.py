"""Where a lost visit could go instead: the school's other lesson days in that calendar week, with its own
ALT or another who may teach there and is free (or whose day there can be cleared) that date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from kakehashi.schoolyear.calendar import SchoolCalendar
from kakehashi.schoolyear.year import SchoolYear
from kakehashi.schoolyear.yearplan.lay import week_monday
from kakehashi.timetable.instance import ALL_DAYS, Alt, Instance
from kakehashi.timetable.travel import TravelTimes


@dataclass(frozen=True)
class Target:
    date: dt.date
    alt: str


class Openings:
    """Which ALTs may teach at each school, and each school's lesson days in a week."""

    def __init__(self, instance: Instance, calendars: Mapping[str, SchoolCalendar], year: SchoolYear, *,
                 changes_from: dt.date | None = None) -> None:
        self.instance = instance
        self.first = max(year.starts, changes_from) if changes_from is not None else year.starts
        self.calendars = calendars
        self.year = year
        travel = TravelTimes(instance)
        self.alts_of: dict[str, list[Alt]] = {
            school.id: [alt for alt in instance.alts if instance.school_level_allowed(alt, school)
                        and travel.commute(alt, school.id) <= alt.max_commute_minutes]
            for school in instance.schools
        }

    def lesson_days_in_week(self, school: str, date: dt.date) -> list[dt.date]:
        monday = week_monday(date)
        days = [monday + dt.timedelta(days=n) for n in range(7)]
        return [day for day in days if self.first <= day <= self.year.ends
                and ALL_DAYS[day.weekday()] in self.instance.days and self.calendars[school].day(day).has_lessons]

    def works_on(self, alt: Alt, date: dt.date) -> bool:
        weekday = ALL_DAYS[date.weekday()]
        return weekday in self.instance.days and weekday not in alt.unavailable_days
