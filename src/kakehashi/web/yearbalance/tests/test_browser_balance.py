"""Balance the year in Chromium: the coordinator starts it from the program page, reads the result in Japanese
on a phone and in English on a desktop, publishes it, and the ALT's week shows the moved visit. Screenshots go
to test-artifacts/ (KAKEHASHI_TEST_ARTIFACTS moves them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings

from kakehashi.web.core.tests.browsing import BROWSER_MARKS, chromium, page_as, shot
from kakehashi.web.testing import IMMEDIATE_TASKS, publish_week, side
from kakehashi.web.yearbalance.models import BalanceJob
from kakehashi.web.yearbalance.tests.setup import lose_a_visit

IMMEDIATE = IMMEDIATE_TASKS
pytestmark = BROWSER_MARKS


@pytest.fixture
def browser() -> Iterator[Any]:
    yield from chromium()


@override_settings(TASKS=IMMEDIATE)
def test_the_coordinator_balances_the_year_reviews_it_and_publishes_it_to_the_alts_week(
    browser: Any, live_server: Any
) -> None:
    north = side("North", prefix="N", seed=11)
    publish_week(north.program)
    lost = lose_a_visit(north)
    desktop = page_as(browser, live_server, "Ncoordinator")
    desktop.goto(f"{live_server.url}/programs/{north.program.pk}/")
    desktop.click("button:has-text('Balance the year')")
    desktop.wait_for_selector("text=Each school's year", timeout=120_000)
    shot(desktop, "balance-result-en-1280")
    assert desktop.locator("td", has_text=lost.school.name).first.is_visible()
    job = BalanceJob.objects.get(program=north.program)
    [move] = [m for m in job.result["moves"] if m["kind"] == "moved" and m["school"] == lost.school.code]

    phone = page_as(browser, live_server, "Ncoordinator", width=390, language="ja")
    phone.goto(f"{live_server.url}/balance/{job.pk}/")
    assert phone.locator("h2", has_text="学校ごとの年間").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # nothing wider than the phone
    shot(phone, "balance-result-ja-390")

    desktop.click("button:has-text('Publish the balance')")
    desktop.wait_for_selector("text=The balance is published")
    to_alt = next(a for a in north.alts if a.code == move["to"]["alt"])
    desktop.goto(f"{live_server.url}/people/{to_alt.code}/?week={move['to']['date']}")
    card = desktop.locator(f'[data-date="{move["to"]["date"]}"]')
    assert lost.school.organization.name in card.inner_text()
    shot(desktop, "balance-published-alt-week")
