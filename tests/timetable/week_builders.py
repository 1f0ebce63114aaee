"""Terse builders for instance and solution documents, so each test reads as a few lines of data.

Defaults: schools on one street 1 km apart (lat 36.300, 36.309, ...), ALTs living at S01's door
with `walk` (4.5 km/h, no overhead), elementary bells of two 45-minute periods and a third after a
long gap, and every ALT limit generous unless a test narrows it.
"""

from __future__ import annotations

import copy
from typing import Any

from kakehashi.timetable.format import parse_instance, parse_solution
from kakehashi.timetable.instance import Instance, Solution

# 0.009 degrees of latitude ≈ 1.0008 km.
LAT0 = 36.300
STEP = 0.009
LON = 139.000

BELLS: dict[str, list[dict[str, str]]] = {"default": [
    {"period": "1", "start": "08:45", "end": "09:30"},
    {"period": "2", "start": "09:35", "end": "10:20"},
    {"period": "3", "start": "13:00", "end": "13:45"},
]}


def school(index: int, *, level: str = "elementary", visit_min: int = 0, visit_max: int = 5, max_alts: int = 2,
           lessons: list[tuple[str, str, str]] | None = None, weight: int = 10) -> dict[str, Any]:
    """School S0<index>; lessons as (homeroom, day, period), homerooms created as needed."""
    school_id = f"S{index:02d}"
    lessons = lessons if lessons is not None else [("5-1", "mon", "1"), ("5-2", "mon", "2"), ("6-1", "mon", "3")]
    homerooms = sorted({h for h, _, _ in lessons})
    return {
        "id": school_id, "name": f"School {index}", "level": level,
        "location": {"lat": round(LAT0 + STEP * (index - 1), 6), "lon": LON},
        "bells": copy.deepcopy(BELLS),
        "visit_days": {"min": visit_min, "max": visit_max}, "max_alts": max_alts,
        "homerooms": [{"id": h, "grade": int(h.split("-")[0]), "weight": weight} for h in homerooms],
        "lessons": [{"id": f"{school_id}/{h}/{d}/{p}", "homeroom": h, "day": d, "period": p} for h, d, p in lessons],
    }


def alt(index: int, **fields: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": f"A{index:02d}", "name": f"ALT {index}", "home": {"lat": LAT0, "lon": LON}, "mode": "walk",
        "levels": ["elementary", "junior_high"], "classes_per_week": {"min": 0, "max": 25},
        "max_schools_per_day": 2, "max_commute_minutes": 120,
    }
    document.update(fields)
    return document


def instance_doc(schools: list[dict[str, Any]], alts: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    return {"format": "kakehashi/week@1", "name": "Test week", "schools": schools, "alts": alts, **fields}


def week(schools: list[dict[str, Any]], alts: list[dict[str, Any]], **fields: Any) -> Instance:
    return parse_instance(instance_doc(schools, alts, **fields))


def timetable(visits: list[tuple[str, str, str]], lessons: list[tuple[str, str]],
              objective: int | None = None) -> Solution:
    """visits as (alt, day, school), lessons as (alt, lesson id)."""
    return parse_solution({
        "format": "kakehashi/week-solution@1", "status": "feasible", "objective": objective,
        "visits": [{"alt": a, "day": d, "school": s} for a, d, s in visits],
        "lessons": [{"alt": a, "lesson": lesson} for a, lesson in lessons],
    })
