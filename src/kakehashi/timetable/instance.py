"""The in-memory form of a `kakehashi/week@1` instance and its solution.

Everything here is immutable and already validated: `format.parse_instance` is the only way in
from JSON, and it refuses anything the spec does not allow. Times are minutes after midnight.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

INSTANCE_FORMAT = "kakehashi/week@1"
SOLUTION_FORMAT = "kakehashi/week-solution@1"

# The one table of days, core and web alike: ALL_DAYS[date.weekday()] is a date's day.
ALL_DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# The weekday as a Japanese timetable heads its column (月 火 水 …); files, sentences and pages share it.
DAY_NAMES_JA: dict[str, str] = dict(zip(ALL_DAYS, ("月", "火", "水", "木", "金", "土", "日"), strict=True))
# The working week of a week file that names no days of its own.
WORKING_DAYS: tuple[str, ...] = ALL_DAYS[:5]


def weekday_ja(date: dt.date) -> str:
    """2026-05-30 → 土: a date's day as Japanese pages and documents write it beside the date."""
    return DAY_NAMES_JA[ALL_DAYS[date.weekday()]]
LEVELS: tuple[str, ...] = ("elementary", "junior_high", "high", "special_needs")


def format_clock(minutes: int) -> str:
    """`530` → `"08:50"`: how a time of day is written in files and messages."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def clock_time(minutes: int) -> dt.time:
    """`530` → 08:50 as a time of day, for the web's forms, tables and calendars (the core counts minutes)."""
    return dt.time(minutes // 60, minutes % 60)


def clock_minutes(time: dt.time) -> int:
    """08:50 → `530`: a time of day (a bell, a form's field) as the minutes after midnight the core counts."""
    return time.hour * 60 + time.minute


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float


@dataclass(frozen=True)
class Weights:
    coverage_scale: int = 1000
    travel_minute: int = 2
    shortfall_class: int = 400
    extra_alt: int = 300


@dataclass(frozen=True)
class TravelMode:
    kmh: float
    overhead_min: int = 0


def default_modes() -> dict[str, TravelMode]:
    return {
        "walk": TravelMode(4.5, 0),
        "bicycle": TravelMode(12, 0),
        "car": TravelMode(30, 5),
        "transit": TravelMode(18, 10),
    }


@dataclass(frozen=True)
class TravelOverride:
    """A fixed travel time between two places for one mode; it holds in both directions.

    `origin` and `destination` are school ids, or ALT ids standing for that ALT's home."""

    origin: str
    destination: str
    mode: str
    minutes: int


@dataclass(frozen=True)
class TravelSettings:
    detour: float = 1.3
    modes: dict[str, TravelMode] = field(default_factory=default_modes)
    minutes: tuple[TravelOverride, ...] = ()


@dataclass(frozen=True)
class Period:
    period: str
    start: int
    end: int


@dataclass(frozen=True)
class VisitDays:
    min: int
    max: int


@dataclass(frozen=True)
class Homeroom:
    id: str
    grade: int
    weight: int


@dataclass(frozen=True)
class Lesson:
    """A foreign-language lesson in a school's timetable that an ALT may join.

    `school`, `start` and `end` are derived at parse time from the school and its bells, so
    that no rule has to look them up again."""

    id: str
    school: str
    homeroom: str
    day: str
    period: str
    start: int
    end: int
    teacher: str | None = None

    def overlaps(self, other: Lesson) -> bool:
        return self.day == other.day and self.start < other.end and other.start < self.end

    def describe(self) -> str:
        return f"{self.id} ({format_clock(self.start)}-{format_clock(self.end)})"


@dataclass(frozen=True)
class School:
    id: str
    name: str
    level: str
    location: Location
    bells: dict[str, tuple[Period, ...]]
    visit_days: VisitDays
    homerooms: tuple[Homeroom, ...]
    lessons: tuple[Lesson, ...]
    name_ja: str | None = None
    max_alts: int = 2

    def periods_on(self, day: str) -> tuple[Period, ...]:
        """The bell schedule of `day`: its own key if the school has one, else `default`."""
        if day in self.bells:
            return self.bells[day]
        return self.bells.get("default", ())


@dataclass(frozen=True)
class ClassesPerWeek:
    min: int = 20
    max: int = 25


@dataclass(frozen=True)
class Alt:
    id: str
    name: str
    home: Location
    mode: str
    levels: tuple[str, ...]
    classes_per_week: ClassesPerWeek = ClassesPerWeek()
    max_classes_per_day: int = 6
    max_schools_per_day: int = 1
    max_schools_per_week: int = 5
    max_commute_minutes: int = 60
    unavailable_days: tuple[str, ...] = ()
    schools: tuple[str, ...] | None = None


@dataclass(frozen=True)
class FixedVisit:
    alt: str
    day: str
    school: str


@dataclass(frozen=True)
class ForbiddenPair:
    alt: str
    school: str


@dataclass(frozen=True)
class Instance:
    name: str
    schools: tuple[School, ...]
    alts: tuple[Alt, ...]
    days: tuple[str, ...] = WORKING_DAYS
    weights: Weights = Weights()
    travel: TravelSettings = field(default_factory=TravelSettings)
    fixed: tuple[FixedVisit, ...] = ()
    forbidden: tuple[ForbiddenPair, ...] = ()

    @cached_property
    def school_by_id(self) -> dict[str, School]:
        return {school.id: school for school in self.schools}

    @cached_property
    def alt_by_id(self) -> dict[str, Alt]:
        return {alt.id: alt for alt in self.alts}

    @cached_property
    def lesson_by_id(self) -> dict[str, Lesson]:
        return {lesson.id: lesson for school in self.schools for lesson in school.lessons}

    @cached_property
    def forbidden_pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset((pair.alt, pair.school) for pair in self.forbidden)

    @cached_property
    def homeroom_weight(self) -> dict[tuple[str, str], int]:
        """(school id, homeroom id) → weight."""
        return {(s.id, h.id): h.weight for s in self.schools for h in s.homerooms}

    def school_level_allowed(self, alt: Alt, school: School) -> bool:
        """Rule 3 for one pair: level, the ALT's own school list, and the forbidden list."""
        if school.level not in alt.levels:
            return False
        if alt.schools is not None and school.id not in alt.schools:
            return False
        return (alt.id, school.id) not in self.forbidden_pairs


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Visit:
    alt: str
    day: str
    school: str


@dataclass(frozen=True)
class Assignment:
    """An ALT joining one lesson."""

    alt: str
    lesson: str


@dataclass(frozen=True)
class Solution:
    status: Status
    visits: tuple[Visit, ...]
    lessons: tuple[Assignment, ...]
    instance: str | None = None
    objective: int | None = None
    bound: int | None = None
    explanation: tuple[str, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)
