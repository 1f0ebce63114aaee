"""Helpers for the duties tests: logging in, and dates to test with in the published plan — November 2026 before
its last week (always past by the time anyone runs these tests, so a report for the date can be submitted)."""

from __future__ import annotations

import datetime as dt

from kakehashi.schoolyear.plan import DatedVisit
from kakehashi.web.calendars.selectors import program_dated_plan
from kakehashi.web.organizations.models import Program

NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def visits_of(program: Program, alt: str, *, until: dt.date = dt.date(2026, 11, 20)) -> list[DatedVisit]:
    """The ALT's visits in November 2026 up to `until`, with at least one lesson each."""
    plan = program_dated_plan(program, starts=NOVEMBER[0], ends=until)
    assert plan is not None
    taught = {(x.date, x.school) for x in plan.lessons if x.alt == alt}
    return [v for v in plan.visits if v.alt == alt and (v.date, v.school) in taught]
