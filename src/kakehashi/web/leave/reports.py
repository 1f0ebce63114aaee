"""The fill rate: of the lessons absent ALTs would have taught, how many a substitute took — by school and
month, the figure absence management is judged by."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from kakehashi.web.leave.fill_report import fill_report
from kakehashi.web.organizations.models import Program


@dataclass(frozen=True)
class FillRow:
    school: str
    school_name: str
    month: dt.date  # the first of the month
    needed: int  # lessons absent ALTs would have taught
    covered: int  # of those, lessons a substitute taught

    @property
    def rate(self) -> float | None:
        return self.covered / self.needed if self.needed else None


def fill_rates(program: Program, year: int, *, until: dt.date | None = None) -> list[FillRow]:
    """One row per school and month with at least one lesson to cover, from April to `until` (or March)."""
    report = fill_report(program, year, today=timezone.localdate(), until=until)
    return [FillRow(school, name, month, summary.lessons, summary.covered)
            for month, school, name, summary in sorted(report.by_school(), key=lambda row: (row[0], row[1]))]
