"""Why a lesson is left without an ALT after a cover: structured, so each reader's page can say it in
their own language.

For each uncovered lesson and each group (the program's ALTs, the pool of substitutes) the closest
anyone came is reported: every person is taken through the questions a coordinator would ask in order
(do they work that day and hour, do they teach that level, may they go to that school, is it within
their commute, are they free at that period, can they get there between their other lessons, do the
week's limits leave room) and the question the best of them fails is the group's reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from kakehashi.timetable.instance import Alt, Instance, Lesson, Solution
from kakehashi.timetable.travel import TravelTimes


class Group(StrEnum):
    ALTS = "alts"
    SUBSTITUTES = "substitutes"


class ReasonKind(StrEnum):
    NO_SUBSTITUTES = "no_substitutes"  # the program has no substitute ALTs at all
    NOBODY_WORKING = "nobody_working"  # nobody in the group works that day at that hour
    LEVEL = "level"  # parts: level — nobody working then teaches the school's level
    NOT_ALLOWED = "not_allowed"  # parts: people — those who teach the level may not go to that school
    COMMUTE = "commute"  # parts: person, minutes, limit — the school is beyond everyone's commute
    BUSY = "busy"  # parts: people — everyone who could go is teaching elsewhere at that time
    ONE_SCHOOL_A_DAY = "one_school_a_day"  # parts: person, school — free then, but at another school all day
    TRAVEL = "travel"  # parts: person, school, minutes, gap — the trip from their other lessons is too long
    LIMITS = "limits"  # parts: person — free and near, but the week's limits leave no room


class _Stage(IntEnum):
    """How far a person gets through the questions; higher is closer to taking the lesson."""

    OFF = 0
    LEVEL = 1
    NOT_ALLOWED = 2
    COMMUTE = 3
    BUSY = 4
    AWAY = 5
    LIMITS = 6


_KIND = {
    _Stage.OFF: ReasonKind.NOBODY_WORKING,
    _Stage.LEVEL: ReasonKind.LEVEL,
    _Stage.NOT_ALLOWED: ReasonKind.NOT_ALLOWED,
    _Stage.COMMUTE: ReasonKind.COMMUTE,
    _Stage.BUSY: ReasonKind.BUSY,
    _Stage.LIMITS: ReasonKind.LIMITS,
}


@dataclass(frozen=True)
class UncoveredReason:
    group: Group
    kind: ReasonKind
    parts: Mapping[str, str | int] = field(default_factory=dict)


def uncovered_reasons(
    instance: Instance,
    repaired: Solution,
    lesson: Lesson,
    *,
    absent: Collection[str],
    pool: Collection[str],
    hours: Mapping[str, tuple[int, int]],
    has_pool: bool,
) -> tuple[UncoveredReason, ...]:
    """Why no one took `lesson` in `repaired`: one reason for the ALTs, one for the substitutes.

    `instance` holds the pool's substitutes who work that day as ALTs; `hours[alt]` is their window;
    `has_pool` says whether the program has substitutes at all (working that day or not)."""
    travel = TravelTimes(instance)
    school = instance.school_by_id[lesson.school]
    # Each person's lessons and schools that day, read once.
    teaching: dict[str, list[Lesson]] = defaultdict(list)
    for assignment in repaired.lessons:
        taught = instance.lesson_by_id[assignment.lesson]
        if taught.day == lesson.day:
            teaching[assignment.alt].append(taught)
    at: dict[str, set[str]] = defaultdict(set)
    for visit in repaired.visits:
        if visit.day == lesson.day:
            at[visit.alt].add(visit.school)
    people: dict[Group, list[Alt]] = {Group.ALTS: [], Group.SUBSTITUTES: []}
    for alt in instance.alts:
        if alt.id not in absent:
            people[Group.SUBSTITUTES if alt.id in pool else Group.ALTS].append(alt)
    reasons = []
    for group, members in people.items():
        if group is Group.SUBSTITUTES and not has_pool:
            reasons.append(UncoveredReason(group, ReasonKind.NO_SUBSTITUTES))
            continue
        best: tuple[_Stage, dict[str, str | int]] = (_Stage.OFF, {})
        busy: list[str] = []
        allowed_elsewhere: list[str] = []
        for alt in members:
            stage, parts = _how_far(instance, travel, alt, lesson, hours.get(alt.id), teaching[alt.id], at[alt.id])
            if stage == _Stage.BUSY:
                busy.append(alt.id)
            if stage == _Stage.NOT_ALLOWED:
                allowed_elsewhere.append(alt.id)
            if stage > best[0] or (stage == best[0] == _Stage.COMMUTE
                                   and int(parts["minutes"]) < int(best[1]["minutes"])):
                best = (stage, parts)
        stage, parts = best
        if stage == _Stage.LEVEL:
            parts = {"level": school.level}
        elif stage == _Stage.NOT_ALLOWED:
            parts = {"people": len(allowed_elsewhere)}
        elif stage == _Stage.BUSY:
            parts = {"people": len(busy)}
        reasons.append(UncoveredReason(group, _KIND.get(stage) or ReasonKind(str(parts.pop("kind"))), parts))
    return tuple(reasons)


def _how_far(instance: Instance, travel: TravelTimes, alt: Alt, lesson: Lesson, window: tuple[int, int] | None,
             teaching: list[Lesson], schools: set[str]) -> tuple[_Stage, dict[str, str | int]]:
    school = instance.school_by_id[lesson.school]
    if lesson.day in alt.unavailable_days or (window is not None
                                              and not (window[0] <= lesson.start and lesson.end <= window[1])):
        return _Stage.OFF, {}
    if school.level not in alt.levels:
        return _Stage.LEVEL, {}
    if not instance.school_level_allowed(alt, school):
        return _Stage.NOT_ALLOWED, {}
    commute = travel.commute(alt, school.id)
    if commute > alt.max_commute_minutes:
        return _Stage.COMMUTE, {"person": alt.id, "minutes": commute, "limit": alt.max_commute_minutes}
    if any(other.overlaps(lesson) for other in teaching):
        return _Stage.BUSY, {}
    elsewhere = sorted(schools - {school.id})
    if elsewhere and len(elsewhere) >= alt.max_schools_per_day:
        return _Stage.AWAY, {"kind": ReasonKind.ONE_SCHOOL_A_DAY, "person": alt.id, "school": ", ".join(elsewhere)}
    for other in teaching:
        if other.school == school.id:
            continue
        trip = travel.between(alt, other.school, school.id)
        gap = lesson.start - other.end if other.end <= lesson.start else other.start - lesson.end
        if trip > gap:
            return _Stage.AWAY, {"kind": ReasonKind.TRAVEL, "person": alt.id, "school": other.school,
                                 "minutes": trip, "gap": gap}
    return _Stage.LIMITS, {"person": alt.id}
