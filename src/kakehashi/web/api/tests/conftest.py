"""Fixtures for the API tests: the two-program world (web/conftest.py), and North's week published."""

from __future__ import annotations

from collections.abc import Iterator
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


@pytest.fixture(autouse=True)
def keep_the_test_connection_open() -> Iterator[None]:
    """Schemathesis calls the WSGI application itself, whose request signals would close the test's database
    connection (and with it the test's transaction on PostgreSQL); Django's test client unhooks them the same
    way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
