"""Annual contracted ALT-days: planned for the year, delivered so far, and the warning when a school falls behind."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from kakehashi.schoolyear import SchoolYear
from kakehashi.schoolyear.plan import DatedPlan, DatedVisit
from kakehashi.web.calendars.contracts import annual_days
from kakehashi.web.testing import PASSWORD, publish_week


def test_a_school_planned_short_of_its_contract_is_behind_and_says_by_how_much() -> None:
    year = SchoolYear(2026)
    visits = [DatedVisit(dt.date(2026, 4, 6) + dt.timedelta(days=7 * n), "A01", "S001") for n in range(30)]
    row = annual_days(
        DatedPlan(visits=visits), {"S001": 35}, {"S001": [v.date for v in visits]}, dt.date(2026, 4, 1), year
    )[0]
    assert (row.planned, row.delivered, row.behind) == (30, 0, True)
    assert row.warning.startswith("30 ALT-days planned for the year, 35 contracted: 5 short")


def test_a_school_on_plan_but_behind_the_pace_so_far_is_warned_too() -> None:
    year = SchoolYear(2026)
    days = [dt.date(2026, 4, 6) + dt.timedelta(days=7 * n) for n in range(40)]
    visits = [DatedVisit(d, "A01", "S001") for d in days[20:]] * 2  # nothing in the first half, double later
    row = annual_days(DatedPlan(visits=visits), {"S001": 40}, {"S001": days}, days[19], year)[0]
    assert (row.planned, row.delivered, row.expected_by_now) == (40, 0, 20)
    assert row.behind and "20 expected by now" in row.warning


@pytest.mark.django_db
def test_the_program_page_lists_schools_falling_behind_their_annual_days(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    school.annual_visit_days = 300  # more days than a school year has: always behind
    school.save()
    publish_week(north.program)
    client = Client()
    client.login(username=north.users["coordinator"].username, password=PASSWORD)
    page = client.get(f"/programs/{north.program.pk}/").content.decode()
    # The school by its name, not its code.
    assert "Schools falling behind" in page and f"{school.name}</a>: " in page and "300 contracted" in page
    year_page = client.get(f"/year/schools/{school.code}/?year={SchoolYear.of(dt.date.today())}").content.decode()
    assert "300 contracted" in year_page
