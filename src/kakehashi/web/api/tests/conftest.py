"""Fixtures for the API tests: the two-program world (web/conftest.py), and North's week published."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.timetable.solve import solve
from kakehashi.web.timetables.selectors import week_instance
from kakehashi.web.timetables.services import timetable_publish, timetable_store


@pytest.fixture
def published(world: Any) -> Any:
    """The world with North's week solved and published, so its ALTs have a dated plan."""
    north, _south, _root = world
    instance = week_instance(north.program)
    solution = solve(instance, time_limit=3, workers=1)
    timetable_publish(
        version=timetable_store(program=north.program, instance=instance, solution=solution), notify=False
    )
    return world
