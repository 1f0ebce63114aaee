"""What the browser tests share: Debian's Chromium driven by Playwright, a signed-in page at a given width
and language, and screenshots kept in test-artifacts/ (KAKEHASHI_TEST_ARTIFACTS moves them)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kakehashi.web.testing import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("KAKEHASHI_TEST_ARTIFACTS", "test-artifacts"))

# Every browser test module puts these on its tests.
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]


def chromium() -> Iterator[Any]:
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make here are
    # still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


def page_as(browser: Any, live_server: Any, username: str, *, width: int = 1280, language: str = "en") -> Any:
    """A new window signed in as `username`, `width` px wide, reading `language` ("en" or "ja")."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    # Waits, not measurements: on a shared machine a page may take longer than Playwright's 30 s default
    # (a CI run timed out once waiting for a substitute's first home page), and a slow page is not a wrong one.
    page.set_default_timeout(120_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/")
    if language != "en":
        with page.expect_navigation():
            page.click(f"button[name=language][value={language}]")
    return page


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
