"""The pages issue 19's last pieces touch, in Chromium, on a phone and a desktop, in Japanese and English: a
rotation's monthly report with the year's days, its school page, the workforce figures, the coordinator's home
and program pages and a refused solve's page. None is wider than the window; screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kakehashi.web.core.tests.browsing import BROWSER_MARKS, chromium, page_as, shot
from kakehashi.web.testing import side
from kakehashi.web.timetables.tests.test_rotation_words import refused_rotation_job
from kakehashi.web.yearbalance.tests.test_balance_rotation import published_rotation

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser() -> Iterator[Any]:
    yield from chromium()


def test_a_rotations_year_pages_fit_a_phone_and_a_desktop_in_both_languages(browser: Any, live_server: Any) -> None:
    north = side("North", prefix="N", seed=11)
    published_rotation(north)
    school = north.schools[0]
    school.annual_visit_days = 70
    school.save()
    job = refused_rotation_job(north)
    pages = {
        "monthly": f"/duties/schools/{school.code}/monthly/?month=2026-11",
        "school": f"/schools/{school.code}/",
        "workforce": f"/workforce/?program={north.program.pk}",
        "home": "/",
        "program": f"/programs/{north.program.pk}/",
        "job": f"/jobs/{job.pk}/",
    }
    for language in ("ja", "en"):
        for width in (390, 1280):
            page = page_as(browser, live_server, "Ncoordinator", width=width, language=language)
            for name, address in pages.items():
                page.goto(f"{live_server.url}{address}")
                assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, address
                shot(page, f"year19-{name}-{language}-{width}")
            page.close()
