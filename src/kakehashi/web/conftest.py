"""Fixtures for the web tests (pytest-django)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.handlers.base import BaseHandler
from django.http import HttpRequest, HttpResponseBase

from kakehashi.web.testing import publish_week
from kakehashi.web.testing import world as build_world

# What Django leaves as text when a tag is split over two lines: the reader would see it.
RAW_TEMPLATE_CODE = re.compile(r"\{\{|\{%|\{#")


@pytest.fixture
def world(db: Any) -> Any:
    return build_world()


@pytest.fixture
def published(world: Any) -> Any:
    """The world with North's week solved and published, so its ALTs have a dated plan."""
    publish_week(world[0].program)
    return world


@pytest.fixture(autouse=True)
def no_raw_template_code(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every HTML page a web test opens, through the test client or in the browser, fails the test when it
    shows template code (`{{`, `{%`, `{#`) to the reader."""
    found: list[str] = []
    answer = BaseHandler.get_response

    def checked(handler: BaseHandler, request: HttpRequest) -> HttpResponseBase:
        response = answer(handler, request)
        if not response.streaming and response.get("Content-Type", "").startswith("text/html"):
            text = response.content.decode(response.charset, errors="replace")  # type: ignore[attr-defined]
            if (leak := RAW_TEMPLATE_CODE.search(text)) is not None:
                found.append(f"{request.path}: …{text[max(0, leak.start() - 60) : leak.end() + 60]}…")
        return response

    monkeypatch.setattr(BaseHandler, "get_response", checked)
    yield found
    assert not found, "template code shown on a page:\n" + "\n".join(found)


@pytest.fixture(autouse=True)
def site_language() -> Iterator[None]:
    """Each test starts and ends in the site's language: a page asked for in Japanese (Accept-Language) leaves
    Japanese active in the thread, which the next test's services would otherwise word their messages in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def every_migration_applied_afterwards() -> Iterator[None]:
    """For a test that takes the schema back in time: the tests after it need today's (a column added by a
    later migration was missing for them otherwise)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
