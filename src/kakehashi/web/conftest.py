"""Fixtures for the web tests (pytest-django)."""

from __future__ import annotations

from typing import Any

import pytest

from kakehashi.web.core.testing import world as build_world


@pytest.fixture
def world(db: Any) -> Any:
    return build_world()
