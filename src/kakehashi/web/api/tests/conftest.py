"""Fixtures for the API tests (the two-program world and North's week published are web/conftest.py's)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


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
