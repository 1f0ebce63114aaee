"""The cycle laid over the school year: which cycle week each date is in, and the dated plan.

Cycle week 1 is the calendar week (Monday to Sunday) of the first term's first day, unless the caller names
another Monday (`anchor`: the platform lets a coordinator say which week is week A); the weeks then follow
each other through the whole year, vacations included, as A and B weeks do on a wall calendar. Each date
takes the visits of its cycle week's weekday; `schoolyear.plan.dated_plan` decides, school by school,
whether the visit happens or is skipped (holiday, vacation, event, 振替休業日).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from kakehashi.schoolyear.calendar import SchoolCalendar
from kakehashi.schoolyear.plan import DatedPlan, DayChange, dated_plan
from kakehashi.schoolyear.year import SchoolYear
from kakehashi.timetable.cycle.model import Cycle, CycleSolution


def week_monday(date: dt.date) -> dt.date:
    return date - dt.timedelta(days=date.weekday())


def cycle_anchor(year: SchoolYear) -> dt.date:
    """The Monday that starts cycle week 1 when no other is named."""
    return week_monday(year.terms[0].starts)


def cycle_week_from(date: dt.date, anchor: dt.date, weeks: int) -> int:
    """The cycle week (1 to `weeks`) of `date` when the week of `anchor` is cycle week 1; dates before the
    anchor count backwards the same way, so the rotation has no seam."""
    return (week_monday(date) - week_monday(anchor)).days // 7 % weeks + 1


def cycle_week_of(date: dt.date, year: SchoolYear, weeks: int, anchor: dt.date | None = None) -> int:
    return cycle_week_from(date, anchor or cycle_anchor(year), weeks)


def lay_cycle_dates(
    cycle: Cycle,
    solution: CycleSolution,
    calendars: Mapping[str, SchoolCalendar],
    *,
    starts: dt.date,
    ends: dt.date,
    anchor: dt.date,
    away: Mapping[dt.date, Collection[str]] | None = None,
    changes: Mapping[dt.date, DayChange] | None = None,
) -> DatedPlan:
    """The cycle timetable on every date from `starts` to `ends`, each date taking its own cycle week's visits
    and lessons (a lesson held only in another cycle week is not laid); `away` and `changes` as `dated_plan`."""
    laid = DatedPlan()
    for week in cycle.week_numbers:
        plan = dated_plan(cycle.weeks_instances[week], solution.week_solution(week), calendars,
                          starts=starts, ends=ends, away=away, changes=changes)
        keep = {date for date in {v.date for v in plan.visits} | {s.date for s in plan.skipped}
                if cycle_week_from(date, anchor, cycle.weeks) == week}
        laid.visits += [v for v in plan.visits if v.date in keep]
        laid.lessons += [x for x in plan.lessons if x.date in keep]
        laid.skipped += [s for s in plan.skipped if s.date in keep]
    laid.visits.sort(key=lambda v: (v.date, v.alt, v.school))
    laid.lessons.sort(key=lambda x: (x.date, x.start, x.alt, x.lesson))
    laid.skipped.sort(key=lambda s: (s.date, s.alt, s.school))
    return laid


def lay_cycle(cycle: Cycle, solution: CycleSolution, calendars: Mapping[str, SchoolCalendar],
              year: SchoolYear, anchor: dt.date | None = None) -> DatedPlan:
    """Every visit of the cycle timetable on its dates through the year, happening or skipped."""
    return lay_cycle_dates(cycle, solution, calendars, starts=year.starts, ends=year.ends,
                           anchor=anchor or cycle_anchor(year))
