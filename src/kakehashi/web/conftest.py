"""Fixtures for the web tests (pytest-django)."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.web.core.testing import publish_week
from kakehashi.web.core.testing import world as build_world


@pytest.fixture
def world(db: Any) -> Any:
    return build_world()


@pytest.fixture
def published(world: Any) -> Any:
    """The world with North's week solved and published, so its ALTs have a dated plan."""
    publish_week(world[0].program)
    return world
