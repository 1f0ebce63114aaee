"""The browser for the browser tests: one Chromium per test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kakehashi.web.core.tests.browsing import chromium


@pytest.fixture
def browser() -> Iterator[Any]:
    yield from chromium()
