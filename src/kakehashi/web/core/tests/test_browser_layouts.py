"""Pages laid out for the window they are read in, in Chromium at a phone's 390 px and a desktop's 1280 px, in
English and Japanese: nothing wider than the window, the menu on one line on a desktop, the week on a clock
without blocks on top of each other, the dated week visible on a desktop, no link that answers 404, and an icon
for the tab.
Screenshots of every page go to test-artifacts/ (KAKEHASHI_TEST_ARTIFACTS moves them)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

import pytest
from django.utils import timezone

from kakehashi.web.accounts.models import Role
from kakehashi.web.core.tests.browsing import BROWSER_MARKS, page_as, shot
from kakehashi.web.core.tests.role_pages import ROLE_PAGES, WEEK
from kakehashi.web.organizations.models import Organization
from kakehashi.web.recruitment.models import Cycle
from kakehashi.web.recruitment.tests.recruiting import make_cycle
from kakehashi.web.testing import publish_week, side, user
from kakehashi.web.timetables.models import LessonRow

pytestmark = BROWSER_MARKS

LESSON_TIMES = re.compile(r"\d\d:\d\d–\d\d:\d\d")  # a lesson in the dated week, e.g. 09:35–10:20
PAGES = ROLE_PAGES


def _published() -> tuple[Any, Any]:
    """North with its week published and a recruitment cycle open, and a school where its first ALT teaches."""
    north = side("North", prefix="N", seed=11)
    # Names as long as the demo's: a select of boards may not widen the schools list on a phone.
    Organization.objects.filter(pk=north.board.pk).update(name="Takasaki City Board of Education (Gunma)")
    publish_week(north.program)
    taught = (
        LessonRow.objects.filter(version__program=north.program, participant=north.alts[0])
        .select_related("lesson__school")
        .first()
    )
    assert taught is not None
    # The JTE works at the school whose pages the tests open (the ALT teaches there).
    Role.objects.get_or_create(
        user=north.users["school_staff"], kind=Role.Kind.SCHOOL_STAFF, organization=taught.lesson.school.organization
    )
    today = timezone.localdate()
    make_cycle(north.program, opens_on=today - dt.timedelta(days=10), deadline_date=today + dt.timedelta(days=20))
    return north, taught.lesson.school


def _codes(north: Any, school: Any) -> dict[str, Any]:
    """What fills PAGES' paths."""
    return {
        "alt": north.alts[0].code,
        "school": school.code,
        "alt_school": school.code,
        "program": north.program.pk,
        "board": north.board.pk,
        "cycle": Cycle.objects.get(program=north.program).pk,
    }


def _name(path: str) -> str:
    return path.split("?")[0].strip("/").replace("/", "-").replace("{", "").replace("}", "") or "home"


def test_the_dated_week_shows_its_lessons_on_a_desktop(browser: Any, live_server: Any) -> None:
    north, school = _published()
    alt = page_as(browser, live_server, north.users["participant"].username)
    alt.goto(f"{live_server.url}/people/{north.alts[0].code}/?week={WEEK}")
    assert alt.locator(".dated-days").get_by_text(LESSON_TIMES).first.is_visible()
    coordinator = page_as(browser, live_server, "Ncoordinator")
    coordinator.goto(f"{live_server.url}/schools/{school.code}/?week={WEEK}")
    assert coordinator.locator(".dated-days").get_by_text(LESSON_TIMES).first.is_visible()


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_is_wider_than_the_window(browser: Any, live_server: Any, width: int, language: str) -> None:
    north, school = _published()
    codes = _codes(north, school)
    too_wide = []
    for role, paths in PAGES.items():
        page = page_as(browser, live_server, north.users[role].username, width=width, language=language)
        for path in paths:
            answer = page.goto(live_server.url + path.format(**codes))
            assert answer.ok, f"{path} answered {answer.status}"
            shot(page, f"{role}-{_name(path)}-{width}-{language}")
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > page.evaluate("window.innerWidth"):
                too_wide.append(f"{path} is {wide} px wide")
    assert not too_wide, f"at {width} px ({language}): " + "; ".join(too_wide)


# Downloads (slow to make, and not pages) are left to their own tests.
DOWNLOAD = re.compile(r"\.(pdf|xlsx|csv|ics|json)(\?|$)|[?&]format=")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_no_link_on_the_main_pages_is_dead(browser: Any, live_server: Any, language: str) -> None:
    north, school = _published()
    codes = _codes(north, school)
    dead = []
    for role, paths in PAGES.items():
        page = page_as(browser, live_server, north.users[role].username, language=language)
        links: set[str] = set()
        for path in paths:
            page.goto(live_server.url + path.format(**codes))
            hrefs = page.eval_on_selector_all("a[href^='/']", "links => links.map(a => a.getAttribute('href'))")
            links |= {h for h in hrefs if not h.startswith("/static/") and not DOWNLOAD.search(h)}
        answers = {link: page.request.get(live_server.url + link).status for link in sorted(links)}
        dead += [f"{role}: {link} ({status})" for link, status in answers.items() if status >= 400]
    assert not dead, f"links that answer an error: {dead}"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_menu_keeps_to_one_line_on_a_desktop(browser: Any, live_server: Any, language: str) -> None:
    side("North", prefix="N", seed=11)
    user("administrator", superuser=True)  # the longest menu
    page = page_as(browser, live_server, "administrator", language=language)
    shot(page, f"administrator-home-1280-{language}")
    tops = page.eval_on_selector_all("header.top nav a", "links => links.map(a => a.getBoundingClientRect().top)")
    assert len(tops) >= 8
    assert len({round(top) for top in tops}) == 1, "the menu wraps"
    brand = page.locator("header.top .brand").bounding_box()
    assert tops[0] < brand["y"] + brand["height"], "the menu starts on a line of its own"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_week_on_a_clock_has_no_block_over_another(browser: Any, live_server: Any, language: str) -> None:
    north, _school = _published()
    page = page_as(browser, live_server, "Nalt", language=language)
    page.goto(f"{live_server.url}/people/{north.alts[0].code}/")
    shot(page, f"alt-week-clock-1280-{language}")
    columns = page.eval_on_selector_all(
        ".weekgrid .slots",
        "days => days.map(d => [...d.querySelectorAll('.block')].map(b => {"
        " const r = b.getBoundingClientRect(); return [r.top, r.bottom, b.textContent.trim()]; }))",
    )
    assert any(columns)
    for blocks in columns:
        blocks.sort()
        for (_top, bottom, text), (top, _bottom, other) in itertools.pairwise(blocks):
            assert top >= bottom - 0.5, f"{text!r} and {other!r} overlap"
    # Each block is tall enough for its first line (the class or the minutes): nothing cut in half.
    cut = page.eval_on_selector_all(
        ".weekgrid .block strong",
        "labels => labels.filter(s => s.getBoundingClientRect().bottom > s.parentElement.getBoundingClientRect().bottom"
        " + 0.5).map(s => s.textContent)",
    )
    assert not cut, f"labels cut off: {cut}"


def test_the_tab_has_an_icon(browser: Any, live_server: Any) -> None:
    page = browser.new_page()
    page.goto(f"{live_server.url}/recruit/")
    icon = page.locator("link[rel=icon]")
    assert icon.count() == 1
    answer = page.request.get(live_server.url + icon.get_attribute("href"))
    assert answer.ok and answer.headers["content-type"].startswith("image/")
