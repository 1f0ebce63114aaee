"""Hypothesis strategies for small random weeks, and a brute force that finds their true optimum."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import strategies as st
from timetable_builders import alt, instance, school

from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Assignment, Instance, Solution, Status, Visit
from kakehashi.timetable.score import score

ROOMS = ("1-1", "1-2", "2-1")
PERIODS = ("1", "2", "3", "4", "5", "6")
LEVELS = ("elementary", "junior_high")


@st.composite
def weeks(draw: st.DrawFn, *, schools: int = 4, alts: int = 3, lessons: int = 5,
          days: tuple[str, ...] = ("mon", "tue", "wed"), two_school_days: bool = False) -> Instance:
    """A random week: every rule parameter drawn, two-school days, unavailable, fixed and forbidden.

    `two_school_days` opens every school to every ALT and allows each two schools a day, so that
    the week's interest lies in rule 6."""
    week_days = sorted(draw(st.lists(st.sampled_from(days), min_size=1, max_size=len(days), unique=True)),
                       key=days.index)
    school_docs: list[dict[str, Any]] = []
    for index in range(draw(st.integers(1, schools))):
        entries = draw(st.lists(st.tuples(st.sampled_from(ROOMS), st.sampled_from(week_days), st.sampled_from(PERIODS)),
                                max_size=lessons, unique=True))
        low = draw(st.sampled_from((0, 0, 0, 1, 2)))  # most schools ask for nothing, so most weeks are feasible
        school_docs.append(school(
            f"S{index + 1}", lessons=entries, level=draw(st.sampled_from(LEVELS)),
            weights={room: draw(st.integers(1, 3)) for room in sorted({room for room, _, _ in entries})},
            visit_days=(low, low + draw(st.integers(int(two_school_days), 2))), max_alts=draw(st.integers(1, 2))))
    alt_docs: list[dict[str, Any]] = []
    for index in range(draw(st.integers(1, alts))):
        low = draw(st.integers(0, 4))
        alt_docs.append(alt(
            f"A{index + 1}",
            levels=LEVELS if two_school_days else tuple(
                draw(st.lists(st.sampled_from(LEVELS), min_size=1, max_size=2, unique=True))),
            classes=(low, low + draw(st.integers(0, 6))), max_classes_per_day=draw(st.integers(1, 4)),
            max_schools_per_day=2 if two_school_days else draw(st.integers(1, 2)),
            max_schools_per_week=draw(st.integers(1 + int(two_school_days), 3)),
            max_commute_minutes=60 if two_school_days else draw(st.integers(20, 60)),
            unavailable_days=draw(st.lists(st.sampled_from(week_days), max_size=1, unique=True))))
    school_ids = [doc["id"] for doc in school_docs]
    alt_ids = [doc["id"] for doc in alt_docs]
    travel = [(a, s, draw(st.integers(5, 45))) for a in alt_ids for s in school_ids]
    travel += [(s, t, draw(st.integers(1, 30))) for s, t in itertools.combinations(school_ids, 2)]
    forbidden = draw(st.lists(st.tuples(st.sampled_from(alt_ids), st.sampled_from(school_ids)),
                              max_size=0 if two_school_days else 1))
    fixed = draw(st.lists(st.tuples(st.sampled_from(alt_ids), st.sampled_from(week_days), st.sampled_from(school_ids))
                          .filter(lambda f: (f[0], f[2]) not in forbidden), max_size=0 if two_school_days else 2,
                          unique=True))
    return instance(school_docs, alt_docs, travel=travel, days=week_days,
                    forbidden=[{"alt": a, "school": s} for a, s in forbidden],
                    fixed=[{"alt": a, "day": d, "school": s} for a, d, s in fixed])


def brute_force_optimum(week: Instance) -> int | None:
    """The best objective over every timetable the checker accepts, or None if none is valid.

    Each ALT-day is off, at one school or at two; each lesson goes to nobody or to an ALT visiting
    its school that day. Only for weeks small enough to enumerate."""
    alt_days = [(a.id, day) for a in week.alts for day in week.days]
    day_options = [()] + [(s.id,) for s in week.schools] + list(itertools.combinations([s.id for s in week.schools], 2))
    lessons = list(week.lesson_by_id.values())
    best: int | None = None
    for choice in itertools.product(day_options, repeat=len(alt_days)):
        visits = tuple(Visit(a, d, s) for (a, d), schools in zip(alt_days, choice, strict=True) for s in schools)
        at: dict[tuple[str, str], list[str]] = {(v.school, v.day): [] for v in visits}
        for v in visits:
            at[(v.school, v.day)].append(v.alt)
        options = [[None, *at.get((lesson.school, lesson.day), [])] for lesson in lessons]
        for who in itertools.product(*options):
            timetable = Solution(Status.FEASIBLE, visits, tuple(
                Assignment(a, lesson.id) for a, lesson in zip(who, lessons, strict=True) if a is not None))
            if check(week, timetable):
                continue
            objective = score(week, timetable).objective
            best = objective if best is None else max(best, objective)
    return best
