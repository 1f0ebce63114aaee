"""Substitute ALTs (代替ALT): people who only cover absences, on standby or part-time.

A substitute has no week of their own: the weekly solve never sees them. On a date with an absence the
cover (`cover.propose_cover`) adds each substitute who works that weekday to the week as an ALT free for
that one day, and the repair may call them in within their hours.
"""

from __future__ import annotations

from dataclasses import dataclass

from kakehashi.timetable.instance import Alt, ClassesPerWeek, Location

WHOLE_DAY: tuple[int, int] = (0, 24 * 60)


@dataclass(frozen=True)
class Substitute:
    """Who may be called in: their days and hours, home and travel mode, school levels, and the schools
    they may go to (None: every school of the program)."""

    id: str
    name: str
    home: Location
    mode: str
    levels: tuple[str, ...]
    days: tuple[str, ...]  # weekdays they can work ("mon", …)
    hours: tuple[int, int] = WHOLE_DAY  # minutes after midnight: from, until
    schools: tuple[str, ...] | None = None
    max_commute_minutes: int = 60
    max_classes_per_day: int = 6
    max_schools_per_day: int = 1

    def works_on(self, weekday: str) -> bool:
        return weekday in self.days

    def as_alt(self, week_days: tuple[str, ...]) -> Alt:
        """The substitute as an ALT of the week: free on their days, with no weekly minimum of classes and
        no weekly limit beyond their days (a cover is for one date)."""
        return Alt(
            id=self.id,
            name=self.name,
            home=self.home,
            mode=self.mode,
            levels=self.levels,
            classes_per_week=ClassesPerWeek(0, self.max_classes_per_day * len(week_days)),
            max_classes_per_day=self.max_classes_per_day,
            max_schools_per_day=self.max_schools_per_day,
            max_schools_per_week=max(1, self.max_schools_per_day * len(week_days)),
            max_commute_minutes=self.max_commute_minutes,
            unavailable_days=tuple(day for day in week_days if day not in self.days),
            schools=self.schools,
        )
