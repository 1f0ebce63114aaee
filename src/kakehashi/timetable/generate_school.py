"""One generated school: bells, homerooms, foreign-language lessons and its ALT contract.

Numbers follow the national curriculum and the usual shape of a Japanese school day (see
DOMAIN.md); what varies from school to school is drawn from the generator's `random.Random`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kakehashi.timetable.generate_names import TEACHER_SURNAMES
from kakehashi.timetable.instance import WORKING_DAYS, format_clock

# How much an ALT lesson is worth per class. Boards put grades 5-6 first because foreign language
# is a graded subject there (70 hours a year) and only an activity in grades 3-4 (35 hours).
# Grades 1-2 have no foreign-language lessons, so their weight never counts; it only has to be
# positive for the format.
ELEMENTARY_WEIGHT_BY_GRADE: dict[int, int] = {1: 10, 2: 10, 3: 10, 4: 10, 5: 12, 6: 12}
JUNIOR_HIGH_WEIGHT = 10

# Foreign-language lessons a week per class, from the national curriculum's yearly hours over a
# 35-week year: grades 3-4 35 hours, grades 5-6 70, junior high 140.
ELEMENTARY_LESSONS_BY_GRADE: dict[int, int] = {1: 0, 2: 0, 3: 1, 4: 1, 5: 2, 6: 2}
JUNIOR_HIGH_LESSONS = 4

# A Japanese teacher of English teaches about 16 English lessons a week: four classes.
CLASSES_PER_JTE = 4

# Gaps after each period (minutes): a short change, the long morning break after period 2 in
# elementary school, lunch and cleaning before period 5.
ELEMENTARY_GAPS = (5, 20, 5, 90, 5)
JUNIOR_HIGH_GAPS = (10, 10, 10, 50, 10)
ELEMENTARY_FIRST = 8 * 60 + 45
JUNIOR_HIGH_FIRST = 8 * 60 + 50


@dataclass(frozen=True)
class Place:
    """A school before it has a timetable: who it is and where."""

    name: str
    name_ja: str
    level: str
    lat: float
    lon: float


def area_kind(neighbours: int) -> str:
    """"urban", "suburban" or "rural" from how many other schools lie within 2 km.

    School density stands in for population density, which decides class sizes and how ALTs travel."""
    if neighbours >= 6:
        return "urban"
    if neighbours >= 2:
        return "suburban"
    return "rural"


def build_school(rng: random.Random, school_id: str, place: Place, area: str) -> dict[str, Any]:
    classes = _classes_per_grade(rng, place.level, area)
    bells = _bells(rng, place.level)
    homerooms = [
        {"id": f"{grade}-{number}", "grade": grade, "weight": _weight(place.level, grade)}
        for grade, count in enumerate(classes, start=1)
        for number in range(1, count + 1)
    ]
    teachers = _teachers(rng, place.level, homerooms)
    lessons = _place_lessons(rng, school_id, place.level, bells, homerooms, teachers)
    visit_min, visit_max, max_alts = _contract(rng, place.level, area, len(homerooms))
    return {
        "id": school_id,
        "name": place.name,
        "name_ja": place.name_ja,
        "level": place.level,
        "location": {"lat": place.lat, "lon": place.lon},
        "bells": bells,
        "visit_days": {"min": visit_min, "max": visit_max},
        "max_alts": max_alts,
        "homerooms": homerooms,
        "lessons": lessons,
    }


def _classes_per_grade(rng: random.Random, level: str, area: str) -> list[int]:
    base: tuple[int, ...]
    if level == "elementary":
        grades, low, high = 6, 1, 4
        base = {"urban": (2, 3, 3, 4), "suburban": (1, 2, 2, 3), "rural": (1, 1, 1, 2)}[area]
    else:
        grades, low, high = 3, 2, 8
        base = {"urban": (4, 5, 6, 7, 8), "suburban": (3, 4, 4, 5), "rural": (2, 2, 3)}[area]
    size = rng.choice(base)
    counts = []
    for _ in range(grades):
        # Year groups differ a little (one class more or less), as births do from year to year.
        wobble = rng.choice((-1, 0, 0, 0, 1)) if size > 1 else rng.choice((0, 0, 0, 1))
        counts.append(min(high, max(low, size + wobble)))
    return counts


def _day(start: int, length: int, gaps: Sequence[int], count: int) -> list[dict[str, str]]:
    periods = []
    for index in range(count):
        periods.append({"period": str(index + 1), "start": format_clock(start), "end": format_clock(start + length)})
        start += length + (gaps[index] if index < len(gaps) else 0)
    return periods


def _bells(rng: random.Random, level: str) -> dict[str, list[dict[str, str]]]:
    # Each school sets its own morning: a few minutes earlier or later than the usual bell.
    shift = rng.choice((-5, 0, 0, 5, 10))
    if level == "elementary":
        first, length, gaps = ELEMENTARY_FIRST + shift, 45, ELEMENTARY_GAPS
    else:
        first, length, gaps = JUNIOR_HIGH_FIRST + shift, 50, JUNIOR_HIGH_GAPS
    bells = {"default": _day(first, length, gaps, 6)}
    # Many schools shorten Wednesday for staff meetings and training: one period fewer, or
    # shorter periods so that everyone leaves early.
    draw = rng.random()
    if draw < 0.3:
        bells["wed"] = _day(first, length, gaps, 5)
    elif draw < 0.5:
        bells["wed"] = _day(first, length - 5, gaps, 6)
    return bells


def _weight(level: str, grade: int) -> int:
    return ELEMENTARY_WEIGHT_BY_GRADE[grade] if level == "elementary" else JUNIOR_HIGH_WEIGHT


def lessons_per_week(level: str, grade: int) -> int:
    return ELEMENTARY_LESSONS_BY_GRADE[grade] if level == "elementary" else JUNIOR_HIGH_LESSONS


def _teachers(rng: random.Random, level: str, homerooms: list[dict[str, Any]]) -> dict[str, str]:
    """Homeroom id → the Japanese teacher who leads its foreign-language lessons."""
    grades: dict[int, list[str]] = {}
    for room in homerooms:
        grades.setdefault(room["grade"], []).append(room["id"])
    if level == "elementary":
        # Elementary homeroom teachers teach their own class's foreign-language lessons.
        names = rng.sample(TEACHER_SURNAMES, len(homerooms))
        return {room["id"]: name for room, name in zip(homerooms, names, strict=True)}
    # Junior high: each grade has its own JTEs, each taking up to four classes of that grade.
    needed = {grade: math.ceil(len(rooms) / CLASSES_PER_JTE) for grade, rooms in grades.items()}
    names = rng.sample(TEACHER_SURNAMES, sum(needed.values()))
    teachers: dict[str, str] = {}
    for grade, rooms in grades.items():
        mine, names = names[: needed[grade]], names[needed[grade]:]
        for index, room_id in enumerate(rooms):
            teachers[room_id] = mine[index % len(mine)]
    return teachers


def _place_lessons(rng: random.Random, school_id: str, level: str, bells: dict[str, list[dict[str, str]]],
                   homerooms: list[dict[str, Any]], teachers: dict[str, str]) -> list[dict[str, Any]]:
    """Put each class's lessons into the week: one a day at most, never two for one teacher at once.

    Each lesson goes to the period with the fewest foreign-language lessons so far, so that a
    grade's lessons spread over the day and an ALT at the school can join several of them."""
    periods = {day: [p["period"] for p in bells.get(day, bells["default"])] for day in WORKING_DAYS}
    school_load: dict[tuple[str, str], int] = {}
    teacher_busy: dict[tuple[str, str, str], bool] = {}
    teacher_day_load: dict[tuple[str, str], int] = {}
    placed: dict[str, list[tuple[str, str]]] = {}
    order = list(homerooms)
    rng.shuffle(order)
    for room in order:
        teacher = teachers[room["id"]]
        wanted = lessons_per_week(level, room["grade"])
        # The teacher's least busy days first, so that no day fills up before the others.
        days = [day for _, _, day in sorted(
            (teacher_day_load.get((teacher, day), 0), rng.random(), day) for day in WORKING_DAYS)]
        chosen: list[tuple[str, str]] = []
        for day in days:
            if len(chosen) == wanted:
                break
            free = [p for p in periods[day] if not teacher_busy.get((teacher, day, p), False)]
            if not free:
                continue
            _, _, period = min((school_load.get((day, p), 0), rng.random(), p) for p in free)
            chosen.append((day, period))
            school_load[(day, period)] = school_load.get((day, period), 0) + 1
            teacher_busy[(teacher, day, period)] = True
            teacher_day_load[(teacher, day)] = teacher_day_load.get((teacher, day), 0) + 1
        if len(chosen) < wanted:  # pragma: no cover - four classes of four lessons always fit a week
            raise AssertionError(f"{school_id}: no room in the week for the lessons of {room['id']}")
        placed[room["id"]] = chosen
    lessons = []
    for room in homerooms:
        for day, period in sorted(placed[room["id"]], key=lambda slot: WORKING_DAYS.index(slot[0])):
            lessons.append({
                "id": f"{school_id}/{room['id']}/{day}/{period}",
                "homeroom": room["id"], "day": day, "period": period, "teacher": teachers[room["id"]],
            })
    return lessons


def _contract(rng: random.Random, level: str, area: str, homerooms: int) -> tuple[int, int, int]:
    """(visit_days.min, visit_days.max, max_alts): what the board's contract asks for this school.

    Junior highs, with four English lessons per class, get an ALT most days; an elementary school
    one or two days. The generator lowers a minimum later if the ALTs cannot meet it."""
    if level == "elementary":
        if area == "rural":
            return rng.choice((0, 1)), rng.choice((1, 2)), 1
        low = 1 if area == "urban" else rng.choice((0, 1, 1))
        return low, rng.choice((2, 2, 3)), rng.choice((1, 2))
    if homerooms >= 15:
        return rng.choice((2, 3)), rng.choice((4, 5)), rng.choice((2, 3))
    if homerooms >= 10:
        return 2, rng.choice((3, 4)), 2
    return rng.choice((1, 2)), rng.choice((2, 3)), rng.choice((1, 2))
