"""A small hand-written two-week cycle, and terse builders for cycle timetables.

S01 (elementary) has class 5-1 on Monday in both weeks, 6-1 on Monday in week 1 only (an A-week
lesson) and 5-2 on Tuesday in week 2 only; its contract is 1-2 ALT-days per cycle. S02 (junior high)
has 1-1 every Monday and Tuesday and wants 2 ALT-days per cycle from one ALT. Two ALTs live at S01.
"""

from __future__ import annotations

import copy
from typing import Any

from week_builders import alt, school

from kakehashi.timetable.cycle.format import parse_cycle, parse_cycle_solution
from kakehashi.timetable.cycle.model import Cycle, CycleSolution


def cycle_doc(**fields: Any) -> dict[str, Any]:
    s01 = school(1, visit_min=1, visit_max=2, lessons=[("5-1", "mon", "1"), ("6-1", "mon", "2"), ("5-2", "tue", "1")])
    s01["lessons"][1]["weeks"] = [1]
    s01["lessons"][2]["weeks"] = [2]
    s01["annual_days"] = 20
    s02 = school(2, level="junior_high", visit_min=2, visit_max=2, max_alts=1,
                 lessons=[("1-1", "mon", "1"), ("1-1", "tue", "2")])
    document: dict[str, Any] = {
        "format": "kakehashi/cycle@1", "cycle_weeks": 2, "name": "Two-week test cycle",
        "schools": [s01, s02], "alts": [alt(1), alt(2, annual_days=190)],
    }
    document.update(fields)
    return copy.deepcopy(document)


def small_cycle(**fields: Any) -> Cycle:
    return parse_cycle(cycle_doc(**fields))


def cycle_timetable(visits: list[tuple[str, int, str, str]], lessons: list[tuple[str, int, str]],
                    objective: int | None = None) -> CycleSolution:
    """visits as (alt, week, day, school), lessons as (alt, week, lesson id)."""
    return parse_cycle_solution({
        "format": "kakehashi/cycle-solution@1", "status": "feasible", "objective": objective,
        "visits": [{"alt": a, "week": w, "day": d, "school": s} for a, w, d, s in visits],
        "lessons": [{"alt": a, "week": w, "lesson": lesson} for a, w, lesson in lessons],
    })


def a_valid_timetable() -> CycleSolution:
    """A01 at S01 on Monday of week 1 (two lessons), A02 at S02 on both Mondays."""
    return cycle_timetable(
        [("A01", 1, "mon", "S01"), ("A02", 1, "mon", "S02"), ("A02", 2, "mon", "S02")],
        [("A01", 1, "S01/5-1/mon/1"), ("A01", 1, "S01/6-1/mon/2"), ("A02", 1, "S02/1-1/mon/1"),
         ("A02", 2, "S02/1-1/mon/1")])
