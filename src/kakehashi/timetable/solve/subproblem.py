"""A part of a week to re-plan, with the rest of the timetable frozen around it.

Both the repair after an absence and the large-neighbourhood search free some ALT-days and keep
everything else. The freed ALT-days become an instance of their own, so the same rule modules
model them: only the free ALTs, only the lessons no frozen ALT holds, each weekly limit reduced by
what the frozen part uses. What a frozen part means for the objective (lessons a class already has,
ALTs a school already has) travels along as `Offsets`, so the part is scored as the whole would be.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from kakehashi.timetable.instance import (
    Alt,
    Assignment,
    ClassesPerWeek,
    Instance,
    School,
    Solution,
    Status,
    Visit,
    VisitDays,
)
from kakehashi.timetable.score import score
from kakehashi.timetable.solve.eligibility import day_order


@dataclass(frozen=True)
class Offsets:
    """What the frozen part of the week already holds, for the objective of the part."""

    # (school, homeroom) → ALT lessons the class already has
    covered_before: dict[tuple[str, str], int] = field(default_factory=dict)
    # school → distinct frozen ALTs who are not free in the part
    alts_before: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Part:
    instance: Instance
    frozen_visits: tuple[Visit, ...]
    frozen_lessons: tuple[Assignment, ...]
    offsets: Offsets
    # for the week-wide limits that the part instance cannot state by itself
    schools_before: dict[str, set[str]]  # alt → schools the ALT visits on frozen days
    alts_at_before: dict[str, set[str]]  # school → ALTs at it on frozen days


def carve(instance: Instance, solution: Solution, free: dict[str, set[str]],
          reachable: dict[str, set[str]] | None = None) -> Part:
    """The part in which the ALTs in `free[day]` are re-planned on `day`.

    `reachable[alt]`, when given, limits where a free ALT may go."""

    def is_free(alt: str, day: str) -> bool:
        return alt in free.get(day, ())

    frozen_visits = tuple(v for v in solution.visits if not is_free(v.alt, v.day))
    frozen_lessons = tuple(a for a in solution.lessons if not is_free(a.alt, instance.lesson_by_id[a.lesson].day))
    taken = {a.lesson for a in frozen_lessons}
    lessons_used = Counter(a.alt for a in frozen_lessons)
    days_used = Counter(v.school for v in frozen_visits)
    anyone: set[str] = set().union(*free.values()) if free else set()
    days = tuple(day for day in instance.days if free.get(day))

    def alt_part(alt: Alt) -> Alt:
        used = lessons_used[alt.id]
        allowed = alt.schools if alt.schools is not None else tuple(s.id for s in instance.schools)
        return replace(
            alt,
            classes_per_week=ClassesPerWeek(max(0, alt.classes_per_week.min - used),
                                            max(0, alt.classes_per_week.max - used)),
            # Week-wide: checked by add_week_limits, which knows the schools of the frozen days.
            max_schools_per_week=len(instance.schools),
            schools=allowed if reachable is None else tuple(s for s in allowed if s in reachable.get(alt.id, ())),
            # An ALT free on some days of the part keeps the others as they are.
            unavailable_days=tuple(d for d in instance.days if d in alt.unavailable_days or not is_free(alt.id, d)))

    def school_part(school: School) -> School:
        used = days_used[school.id]
        maximum = max(0, school.visit_days.max - used)
        return replace(
            school,
            lessons=tuple(x for x in school.lessons if x.day in days and x.id not in taken),
            visit_days=VisitDays(min(maximum, max(0, school.visit_days.min - used)), maximum),
            # Week-wide as well: see add_week_limits.
            max_alts=len(instance.alts))

    part = replace(
        instance,
        days=days or instance.days[:1],
        alts=tuple(alt_part(alt) for alt in instance.alts if alt.id in anyone),
        schools=tuple(school_part(school) for school in instance.schools),
        fixed=tuple(f for f in instance.fixed if is_free(f.alt, f.day)),
        forbidden=tuple(f for f in instance.forbidden if f.alt in anyone),
    )
    covered_before = Counter((instance.lesson_by_id[a.lesson].school, instance.lesson_by_id[a.lesson].homeroom)
                             for a in frozen_lessons)
    schools_before: dict[str, set[str]] = defaultdict(set)
    alts_at_before: dict[str, set[str]] = defaultdict(set)
    for visit in frozen_visits:
        schools_before[visit.alt].add(visit.school)
        alts_at_before[visit.school].add(visit.alt)
    # A frozen ALT who is also free in the part is counted by the part's own `used` variables.
    alts_before = {school: len(alts - anyone) for school, alts in alts_at_before.items() if alts - anyone}
    return Part(part, frozen_visits, frozen_lessons, Offsets(dict(covered_before), alts_before),
                dict(schools_before), dict(alts_at_before))


def week_limit_constraints(part: Part, instance: Instance,
                           used: dict[tuple[str, str], object]) -> list[tuple[list[object], int]]:
    """(variables, at most) for rule 8 and `max_alts` over the whole week: new schools for an ALT and
    new ALTs for a school may only fill what the frozen part leaves free."""
    limits: list[tuple[list[object], int]] = []
    for alt in part.instance.alts:
        before = part.schools_before.get(alt.id, set())
        new = [var for (a, s), var in used.items() if a == alt.id and s not in before]
        if new:
            limits.append((new, max(0, instance.alt_by_id[alt.id].max_schools_per_week - len(before))))
    for school in instance.schools:
        before = part.alts_at_before.get(school.id, set())
        new = [var for (a, s), var in used.items() if s == school.id and a not in before]
        if new:
            limits.append((new, max(0, school.max_alts - len(before))))
    return limits


def merge(instance: Instance, part: Part, visits: list[Visit] | tuple[Visit, ...],
          lessons: list[Assignment] | tuple[Assignment, ...]) -> Solution:
    """The whole week again: the frozen part plus the part's new entries, scored by the spec."""
    all_visits = sorted([*part.frozen_visits, *visits], key=lambda x: (x.alt, day_order(x.day), x.school))
    all_lessons = sorted([*part.frozen_lessons, *lessons],
                         key=lambda a: (a.alt, day_order(instance.lesson_by_id[a.lesson].day),
                                        instance.lesson_by_id[a.lesson].start, a.lesson))
    draft = Solution(Status.FEASIBLE, tuple(all_visits), tuple(all_lessons), instance=instance.name)
    return replace(draft, objective=score(instance, draft).objective)
