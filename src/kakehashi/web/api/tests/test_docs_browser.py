"""The API's docs in a real browser (Debian's Chromium through Playwright): Swagger UI draws every operation
from files this site serves, inside the Content Security Policy, with no request leaving the site."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kakehashi.web.testing import PASSWORD, user

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture
def browser() -> Iterator[Any]:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop runs in this thread; the ORM calls do not
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


def test_swagger_ui_draws_every_operation_offline_and_within_the_csp(browser: Any, live_server: Any) -> None:
    user("reader")
    page = browser.new_page()
    problems: list[str] = []
    outside: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("request", lambda request: request.url.startswith(live_server.url) or outside.append(request.url))
    page.goto(f"{live_server.url}/accounts/login/?next=/api/docs/")
    page.fill("#id_username", "reader")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock", timeout=30_000)  # the first resources' operations are drawn
    schema = page.request.get(f"{live_server.url}/api/schema/?format=json").json()
    assert page.evaluate("ui.specSelectors.paths().size") == len(schema["paths"])  # Swagger UI read all of them
    assert not outside, outside  # no CDN, no font service: the docs work offline
    assert not [p for p in problems if "Content Security Policy" in p], problems
