"""A program's school calendars, as the dated plan reads them (every ALT's day page lays them out)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kakehashi.web.calendars.selectors import program_calendars
from kakehashi.web.schools.models import SHORTENED_BELLS, BellPeriod
from kakehashi.web.timetables.selectors import program_schools

pytestmark = pytest.mark.django_db


def test_a_programs_calendars_fetch_only_the_shortened_day_bells_they_use(world: Any) -> None:
    north, _, _ = world
    school = program_schools(north.program).first()
    assert school is not None
    BellPeriod.objects.create(
        school=school, variant=SHORTENED_BELLS, period="1", start=dt.time(8, 40), end=dt.time(9, 20)
    )
    assert school.bells.exclude(variant=SHORTENED_BELLS).exists()  # the day's own bells are on file too
    with CaptureQueriesContext(connection) as seen:
        calendars = program_calendars(north.program, 2026)
    assert calendars[school.code].shortened_bells == {"1": (8 * 60 + 40, 9 * 60 + 20)}
    # The day's own bells (most of a school's) are not read: only the shortened day's rows are fetched.
    bells = [q["sql"] for q in seen.captured_queries if "bellperiod" in q["sql"].lower()]
    assert len(bells) == 1 and SHORTENED_BELLS in bells[0]
