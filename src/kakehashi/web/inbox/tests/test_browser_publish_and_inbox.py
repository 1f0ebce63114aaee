"""The publish confirm page and the inbox in Chromium, at a phone's 390 px and a desktop's 1280 px, in English
and Japanese: no page wider than the window, the confirm page naming who will be told, the inbox naming people.
Screenshots go to test-artifacts/ (KAKEHASHI_TEST_ARTIFACTS moves them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from kakehashi.web.core.tests.browsing import BROWSER_MARKS, chromium, page_as, shot
from kakehashi.web.inbox.models import InboxItem
from kakehashi.web.inbox.services import inbox_assign
from kakehashi.web.pages.schools.requests import change_request_file
from kakehashi.web.recruitment.services_placement import sea_request_file
from kakehashi.web.testing import side
from kakehashi.web.timetables.services import timetable_publish
from kakehashi.web.timetables.tests.weeks import two_valid_weeks

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser() -> Iterator[Any]:
    yield from chromium()


def _north_with_a_draft_and_requests() -> tuple[Any, Any]:
    north = side("North", prefix="N", seed=11)
    for key, (first, last) in {
        "coordinator": ("Yuki", "Sato"),
        "school_staff": ("Hanako", "Suzuki"),
        "supervisor": ("Taro", "Yamada"),
    }.items():
        north.users[key].first_name, north.users[key].last_name = first, last
        north.users[key].save()
    _, draft, _ = two_valid_weeks(north)
    timetable_publish(version=north.program.timetables.get(number=1), notify=False)
    change_request_file(
        school=north.schools[0],
        author=north.users["school_staff"],
        message="Could the ALT come on Thursday instead of Tuesday next month? The second years have tests.",
        about=None,
        tell_participant=False,
    )
    sea_request_file(
        organization=north.board,
        sport="judo",
        qualifications="Kodokan 3rd dan and coaching experience",
        posts=1,
        starts=dt.date(2027, 4, 1),
        ends=dt.date(2028, 3, 31),
        by=north.users["supervisor"],
    )
    first = InboxItem.objects.get(kind=InboxItem.Kind.CHANGE_REQUEST)
    inbox_assign(item=first, to=north.users["coordinator"], by=north.users["coordinator"])
    return north, draft


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_publish_confirm_page_and_the_inbox_fit_the_window(
    browser: Any, live_server: Any, width: int, language: str
) -> None:
    north, draft = _north_with_a_draft_and_requests()
    item = InboxItem.objects.get(kind=InboxItem.Kind.CHANGE_REQUEST)
    pages = {
        "publish-confirm": f"/programs/{north.program.pk}/timetables/{draft.number}/publish/",
        "program": f"/programs/{north.program.pk}/",
        "inbox": "/inbox/",
        "inbox-item": f"/inbox/{item.pk}/",
    }
    page = page_as(browser, live_server, "Ncoordinator", width=width, language=language)
    too_wide = []
    for name, path in pages.items():
        answer = page.goto(live_server.url + path)
        assert answer.ok, f"{path} answered {answer.status}"
        shot(page, f"{name}-{width}-{language}")
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > page.evaluate("window.innerWidth"):
            too_wide.append(f"{path} is {wide} px wide")
        text = page.inner_text("main")
        assert "Ncoordinator" not in text and "Njte" not in text and "Nboard" not in text
    assert not too_wide, f"at {width} px ({language}): " + "; ".join(too_wide)
    page.goto(live_server.url + pages["inbox"])
    assert "Hanako Suzuki" in page.inner_text("main") and "Taro Yamada" in page.inner_text("main")
