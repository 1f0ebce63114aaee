"""Lists in Chromium at a phone's 390 px and a desktop's 1280 px, in English and Japanese: the page is never wider
than the window (a wide table scrolls inside its own box), and the header box selects every row for a decision
on many at once. Screenshots go to test-artifacts/ (KAKEHASHI_TEST_ARTIFACTS moves them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kakehashi.web.core.tests.browsing import BROWSER_MARKS, page_as, shot
from kakehashi.web.leave.models import LeaveRequest
from kakehashi.web.leave.services import leave_request_create
from kakehashi.web.organizations.models import Organization
from kakehashi.web.testing import side

pytestmark = BROWSER_MARKS

LISTS = ["/people/", "/leave/requests/", "/leave/absences/", "/schools/", "/duties/reports/"]


def _program_with_leave() -> Any:
    """A program of 34 ALTs (two pages of participants), a long board name, and leave asked for by ten of them."""
    north = side("North", prefix="N", seed=11, schools=6, alts=34)
    Organization.objects.filter(pk=north.board.pk).update(name="Takasaki City Board of Education (Gunma)")
    for number, alt in enumerate(north.alts[:10]):
        day = dt.date(2026, 12, 7) + dt.timedelta(days=number % 5)
        leave_request_create(
            participant=alt, kind="sick", starts=day, ends=day, reason="Seeing a doctor about a long-running cough"
        )
    return north


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_list_is_wider_than_the_window(browser: Any, live_server: Any, width: int, language: str) -> None:
    _program_with_leave()
    page = page_as(browser, live_server, "Ncoordinator", width=width, language=language)
    too_wide = []
    for path in LISTS:
        answer = page.goto(live_server.url + path)
        assert answer.ok, f"{path} answered {answer.status}"
        shot(page, f"list-{path.strip('/').replace('/', '-')}-{width}-{language}")
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > page.evaluate("window.innerWidth"):
            too_wide.append(f"{path} is {wide} px wide")
    assert not too_wide, f"at {width} px ({language}): " + "; ".join(too_wide)


def test_the_header_box_selects_every_request_and_they_are_approved_together(
    browser: Any, live_server: Any
) -> None:
    _program_with_leave()
    page = page_as(browser, live_server, "Ncoordinator", width=390)
    page.goto(f"{live_server.url}/leave/requests/?status=requested")
    page.check("input[data-select-all=selected]")
    boxes = page.locator("input[name=selected]")
    assert boxes.count() == 10 and all(boxes.nth(i).is_checked() for i in range(10))
    with page.expect_navigation():
        page.click("button[name=decision][value=approve]")
    assert "10 leave requests approved" in page.content()
    assert LeaveRequest.objects.filter(status="approved").count() == 10
