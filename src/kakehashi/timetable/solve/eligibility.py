"""Who may be where, and when: rules 3, 4 and 9 decided once, before any search.

The construction, the CP-SAT model and the infeasibility explanations all ask the same questions
("may ALT a visit school s on day d?", "which lessons does school s hold on day d?", "can a two-school
day go from s1 to s2?"); answering them in one place keeps the three from drifting apart.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

import numpy as np
import numpy.typing as npt

from kakehashi.timetable.instance import ALL_DAYS, Alt, Instance, Lesson, School
from kakehashi.timetable.travel import TravelTimes


def day_order(day: str) -> int:
    return ALL_DAYS.index(day)


class Eligibility:
    def __init__(self, instance: Instance, travel: TravelTimes | None = None) -> None:
        self.instance = instance
        self.travel = travel or TravelTimes(instance)

    def school_open(self, alt: Alt, school: School) -> bool:
        """Rules 3 and 9 for one pair: level, the ALT's school list, forbidden, and the commute limit."""
        return (self.instance.school_level_allowed(alt, school)
                and self.travel.commute(alt, school.id) <= alt.max_commute_minutes)

    def days(self, alt: Alt) -> tuple[str, ...]:
        """Rule 4: the week's days that are not among the ALT's unavailable days."""
        return tuple(day for day in self.instance.days if day not in alt.unavailable_days)

    @cached_property
    def schools_of(self) -> dict[str, tuple[School, ...]]:
        """ALT id → the schools open to them (rules 3 and 9)."""
        return {alt.id: tuple(s for s in self.instance.schools if self.school_open(alt, s))
                for alt in self.instance.alts}

    @cached_property
    def alts_of(self) -> dict[str, tuple[Alt, ...]]:
        """School id → the ALTs who may work there."""
        result: dict[str, list[Alt]] = {school.id: [] for school in self.instance.schools}
        for alt in self.instance.alts:
            for school in self.schools_of[alt.id]:
                result[school.id].append(alt)
        return {school: tuple(alts) for school, alts in result.items()}

    def visits(self) -> list[tuple[Alt, str, School]]:
        """Every (ALT, day, school) that rules 3, 4 and 9 allow, in a stable order."""
        return [(alt, day, school) for alt in self.instance.alts for day in self.days(alt)
                for school in self.schools_of[alt.id]]

    def alt_days_at(self, school: School) -> int:
        """How many ALT-days could go to `school` if nobody else needed them."""
        return sum(len(self.days(alt)) for alt in self.alts_of[school.id])

    @cached_property
    def _lessons(self) -> dict[tuple[str, str], tuple[Lesson, ...]]:
        table: dict[tuple[str, str], list[Lesson]] = defaultdict(list)
        for school in self.instance.schools:
            for lesson in school.lessons:
                table[(school.id, lesson.day)].append(lesson)
        return {key: tuple(sorted(lessons, key=lambda x: (x.start, x.id))) for key, lessons in table.items()}

    def lessons_at(self, school: str, day: str) -> tuple[Lesson, ...]:
        """The school's lessons on `day`, by start time."""
        return self._lessons.get((school, day), ())

    @cached_property
    def _day_span(self) -> dict[tuple[str, str], tuple[int, int]]:
        """(school, day) → (earliest end, latest start) of its lessons that day."""
        return {key: (min(x.end for x in lessons), max(x.start for x in lessons))
                for key, lessons in self._lessons.items()}

    def order_fits(self, alt: Alt, day: str, first: str, second: str) -> bool:
        """Can a two-school day go `first` → `second` at all (rule 6)?

        Only if some lesson at `first` ends early enough that the ALT reaches some lesson at `second`
        before it starts; the day needs at least one lesson at each school."""
        at_first, at_second = self._day_span.get((first, day)), self._day_span.get((second, day))
        if first == second or at_first is None or at_second is None:
            return False
        return at_first[0] + self.travel.between(alt, first, second) <= at_second[1]

    def partner_ranks(self, alt: Alt) -> tuple[dict[str, int], npt.NDArray[np.int64]]:
        """How near two schools open to `alt` are: each school's row index, and a matrix whose cell is the
        smaller of each one's rank among the other's neighbours (0 = nearest; ties go to the smaller id),
        over the schools open to the ALT. The diagonal is -1."""
        ids = sorted(school.id for school in self.schools_of[alt.id])
        grid_index, grid = self.travel.school_grid(alt.mode)
        rows = np.array([grid_index[school] for school in ids], dtype=np.int64)
        minutes = grid[np.ix_(rows, rows)].astype(np.int64)
        np.fill_diagonal(minutes, -1)  # a school sorts before its neighbours, then is taken off
        order = np.argsort(minutes, axis=1, kind="stable")
        rank_from = np.empty_like(order)
        rank_from[np.arange(len(ids))[:, None], order] = np.arange(len(ids))[None, :]
        rank_from -= 1
        return {school: row for row, school in enumerate(ids)}, np.minimum(rank_from, rank_from.T)

    def lesson_span(self, school: str, day: str) -> tuple[int, int] | None:
        """(earliest end, latest start) of the school's lessons on `day`, or None without lessons."""
        return self._day_span.get((school, day))
