"""Small hand-made instances for the solver tests, written as the JSON a coordinator would."""

from __future__ import annotations

from typing import Any

from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.instance import Instance

BELLS = [
    {"period": "1", "start": "08:50", "end": "09:35"},
    {"period": "2", "start": "09:45", "end": "10:30"},
    {"period": "3", "start": "10:40", "end": "11:25"},
    {"period": "4", "start": "11:35", "end": "12:20"},
    {"period": "5", "start": "13:10", "end": "13:55"},
    {"period": "6", "start": "14:05", "end": "14:50"},
]


def school(school_id: str, *, lessons: list[tuple[str, str, str]], weights: dict[str, int] | None = None,
           level: str = "elementary", visit_days: tuple[int, int] = (0, 5), max_alts: int = 2,
           lat: float = 36.32, lon: float = 139.0) -> dict[str, Any]:
    """A school whose lessons are (homeroom, day, period); every homeroom weighs 1 unless `weights` says."""
    weights = weights or {}
    rooms = sorted({room for room, _, _ in lessons} | set(weights))
    return {
        "id": school_id, "name": f"School {school_id}", "level": level,
        "location": {"lat": lat, "lon": lon}, "bells": {"default": BELLS},
        "visit_days": {"min": visit_days[0], "max": visit_days[1]}, "max_alts": max_alts,
        "homerooms": [{"id": room, "grade": 1, "weight": weights.get(room, 1)} for room in rooms],
        "lessons": [{"id": f"{school_id}/{room}/{day}/{period}", "homeroom": room, "day": day, "period": period}
                    for room, day, period in lessons],
    }


def alt(alt_id: str, *, levels: tuple[str, ...] = ("elementary",), lat: float = 36.32, lon: float = 139.0,
        classes: tuple[int, int] = (0, 25), **fields: Any) -> dict[str, Any]:
    return {"id": alt_id, "name": f"ALT {alt_id}", "home": {"lat": lat, "lon": lon}, "mode": "car",
            "levels": list(levels), "classes_per_week": {"min": classes[0], "max": classes[1]}, **fields}


def minutes(*entries: tuple[str, str, int]) -> list[dict[str, Any]]:
    """Travel overrides by car, (from, to, minutes), holding both ways; an ALT id stands for their home."""
    return [{"from": a, "to": b, "mode": "car", "minutes": m} for a, b, m in entries]


def fixed(*entries: tuple[str, str, str]) -> list[dict[str, str]]:
    """Fixed visits, (alt, day, school)."""
    return [{"alt": a, "day": d, "school": s} for a, d, s in entries]


def instance(schools: list[dict[str, Any]], alts: list[dict[str, Any]], *,
             travel: list[tuple[str, str, int]] = (), **fields: Any) -> Instance:  # type: ignore[assignment]
    document: dict[str, Any] = {
        "format": "kakehashi/week@1", "name": "test week", "schools": schools, "alts": alts,
        "weights": {"coverage_scale": 1000, "travel_minute": 2, "shortfall_class": 400, "extra_alt": 300},
        "travel": {"minutes": minutes(*travel)}, **fields,
    }
    return parse_instance(document)
