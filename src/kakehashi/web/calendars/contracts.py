"""Annual contracted ALT-days per school: planned for the year, delivered so far, and whether the school
is falling behind (fewer planned than contracted, or delivered so far behind an even pace)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

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
        """Why the school is behind, in the reader's language."""
        if self.planned < self.contracted:
            return _("%(planned)s ALT-days planned for the year, %(contracted)s contracted: %(short)s short") % {
                "planned": self.planned,
                "contracted": self.contracted,
                "short": self.contracted - self.planned,
            }
        if self.delivered < self.expected_by_now:
            return _("%(delivered)s ALT-days so far, %(expected)s expected by now: %(late)s behind") % {
                "delivered": self.delivered,
                "expected": self.expected_by_now,
                "late": self.expected_by_now - self.delivered,
            }
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
