"""Annual contracted ALT-days per school: planned for the year, delivered so far, and whether the school
is falling behind (fewer planned than contracted, or delivered so far behind an even pace)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.plan import DatedPlan


@dataclass(frozen=True)
class AnnualDays:
    school: str
    contracted: int
    planned: int  # the whole year's dated plan
    delivered: int  # planned visits on dates up to today
    expected_by_now: int  # an even pace over the year's lesson days

    @property
    def behind(self) -> bool:
        return self.planned < self.contracted or self.delivered < self.expected_by_now

    @property
    def warning(self) -> str:
        if self.planned < self.contracted:
            return (
                f"{self.planned} ALT-days planned for the year, {self.contracted} contracted: "
                f"{self.contracted - self.planned} short / 年間 {self.contracted - self.planned} 日不足"
            )
        if self.delivered < self.expected_by_now:
            return (
                f"{self.delivered} ALT-days so far, {self.expected_by_now} expected by now / "
                f"現時点で {self.expected_by_now - self.delivered} 日遅れ"
            )
        return ""


def annual_days(
    plan: DatedPlan, contracted: dict[str, int], lesson_days: dict[str, list[dt.date]], today: dt.date, year: SchoolYear
) -> list[AnnualDays]:
    """`contracted` maps school ids with an annual contract to their days; `lesson_days` each school's dated
    lesson days (the pace is counted over them)."""
    result = []
    for school, days in sorted(contracted.items()):
        visits = [v.date for v in plan.visits if v.school == school]
        school_days = lesson_days.get(school, [])
        share = sum(1 for d in school_days if d <= today) / len(school_days) if school_days else 0.0
        result.append(
            AnnualDays(
                school,
                days,
                len(visits),
                sum(1 for d in visits if d <= today),
                int(days * share) if year.starts <= today <= year.ends else 0,
            )
        )
    return result
