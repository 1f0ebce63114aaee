"""The reader's own clock on a recruitment page, as the browser's script writes it: the zone named in the page's
language (協定世界時, Coordinated Universal Time), never an IANA id in Latin letters on a Japanese page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from kakehashi.web.core.tests.browsing import BROWSER_MARKS, chromium, page_as
from kakehashi.web.recruitment.tests.recruiting import make_cycle
from kakehashi.web.testing import side

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser() -> Iterator[Any]:
    yield from chromium()


def test_the_viewers_own_time_names_its_zone_in_the_pages_language(browser: Any, live_server: Any) -> None:
    north = side("North", prefix="N", seed=11)
    today = timezone.localdate()
    cycle = make_cycle(
        north.program, opens_on=today - dt.timedelta(days=10), deadline_date=today + dt.timedelta(days=20)
    )
    applicant = north.users["applicant"].username
    japanese = page_as(browser, live_server, applicant, language="ja")
    japanese.goto(f"{live_server.url}/recruit/{cycle.pk}/")
    shown = japanese.locator("time.viewer-zone").all_inner_texts()
    assert shown and all("年" in text and not re.search(r"[A-Za-z]", text) for text in shown), shown
    english = page_as(browser, live_server, applicant)
    english.goto(f"{live_server.url}/recruit/{cycle.pk}/")
    shown = english.locator("time.viewer-zone").all_inner_texts()
    # Day first, as the site writes English dates, and the zone in words.
    day_first = re.compile(r"[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d [A-Z][a-z]+")
    assert shown and all(day_first.match(text) for text in shown), shown
    assert not any("/" in text for text in shown), shown
