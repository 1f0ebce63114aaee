"""The cycle laid over the school year: which cycle week each date is in, and the dated plan.

Cycle week 1 is the calendar week (Monday to Sunday) of the first term's first day; the weeks then
follow each other through the whole year, vacations included, as A and B weeks do on a wall calendar.
Each date takes the visits of its cycle week's weekday; `schoolyear.plan.dated_plan` decides, school by
school, whether the visit happens or is skipped (holiday, vacation, event, 振替休業日).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from kakehashi.schoolyear.calendar import SchoolCalendar
from kakehashi.schoolyear.plan import DatedPlan, dated_plan
from kakehashi.schoolyear.year import SchoolYear
from kakehashi.timetable.cycle.model import Cycle, CycleSolution


def week_monday(date: dt.date) -> dt.date:
    return date - dt.timedelta(days=date.weekday())


def cycle_anchor(year: SchoolYear) -> dt.date:
    """The Monday that starts cycle week 1."""
    return week_monday(year.terms[0].starts)


def cycle_week_of(date: dt.date, year: SchoolYear, weeks: int) -> int:
    return (week_monday(date) - cycle_anchor(year)).days // 7 % weeks + 1


def lay_cycle(cycle: Cycle, solution: CycleSolution, calendars: Mapping[str, SchoolCalendar],
              year: SchoolYear) -> DatedPlan:
    """Every visit of the cycle timetable on its dates through the year, happening or skipped."""
    laid = DatedPlan()
    for week in cycle.week_numbers:
        plan = dated_plan(cycle.weeks_instances[week], solution.week_solution(week), calendars,
                          starts=year.starts, ends=year.ends)
        mine = [date for date in year.days() if cycle_week_of(date, year, cycle.weeks) == week]
        keep = set(mine)
        laid.visits += [v for v in plan.visits if v.date in keep]
        laid.lessons += [x for x in plan.lessons if x.date in keep]
        laid.skipped += [s for s in plan.skipped if s.date in keep]
    laid.visits.sort(key=lambda v: (v.date, v.alt, v.school))
    laid.skipped.sort(key=lambda s: (s.date, s.alt, s.school))
    return laid
