"""*Balance the year* on a two-week rotation (issue 19): the balance lays the rotation from the program's week A,
as the platform's dated plan does, so its "planned before" is the year table's "planned"; and an ALT's yearly
limit on their form is kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kakehashi.timetable.cycle.solve import solve_cycle
from kakehashi.web.calendars.selectors import program_annual_days
from kakehashi.web.timetables.door import program_cycle
from kakehashi.web.timetables.models import WeekSettings
from kakehashi.web.timetables.services import timetable_publish, timetable_store
from kakehashi.web.timetables.tests.rotation import WEEK_B, two_week_rotation
from kakehashi.web.yearbalance.tests.setup import TODAY, balanced

pytestmark = pytest.mark.django_db


def published_rotation(side: Any) -> None:
    two_week_rotation(side)
    cycle = program_cycle(side.program)
    solution = solve_cycle(cycle, time_limit=4, workers=1)
    version = timetable_store(program=side.program, instance=cycle, solution=solution)
    timetable_publish(version=version, notify=False)


@pytest.mark.parametrize("week_a", [None, WEEK_B])
def test_the_balance_lays_the_rotation_from_week_a_as_the_year_table_does(world: Any, week_a: dt.date | None) -> None:
    north, _, _ = world
    published_rotation(north)
    WeekSettings.objects.filter(program=north.program).update(cycle_week_a=week_a)
    for school in north.schools:
        school.annual_visit_days = 1  # any figure: the year table lists only schools with one
        school.save()
    table = {row.school: row.planned for row in program_annual_days(north.program, TODAY)}
    job = balanced(north)
    assert job.result["cycle_weeks"] == 2
    if week_a is not None:
        assert job.result["cycle_week_1_starts"] == week_a.isoformat()
    assert {row["school"]: row["planned_before"] for row in job.result["schools"]} == table


def test_an_alts_yearly_limit_is_kept_by_the_balance(world: Any) -> None:
    north, _, _ = world
    published_rotation(north)
    before = {row["alt"]: row["days_before"] for row in balanced(north).result["alts"]}
    alt = max(north.alts, key=lambda a: before[a.code])
    alt.annual_days = before[alt.code] - 2
    alt.save()
    row = next(r for r in balanced(north).result["alts"] if r["alt"] == alt.code)
    assert row["limit"] == alt.annual_days and row["days_after"] <= alt.annual_days
