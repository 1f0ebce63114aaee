"""A two-week rotation in Chromium (issue 19): the coordinator chooses it on the program's settings page, solves
and publishes it from the pages, and an ALT's *My week* shows week A's lessons on a date in week A and week B's on
a date in week B, in Japanese on a phone and in English on a desktop. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from kakehashi.timetable.instance import ALL_DAYS
from kakehashi.web.accounts.models import Role
from kakehashi.web.calendars.selectors import program_annual_days
from kakehashi.web.core.tests.browsing import BROWSER_MARKS, chromium, page_as, shot
from kakehashi.web.testing import IMMEDIATE_TASKS, side, user
from kakehashi.web.timetables.door import version_cycle, version_cycle_solution, version_cycle_weeks
from kakehashi.web.timetables.selectors import published_version
from kakehashi.web.timetables.tests.rotation import WEEK_A, WEEK_B, held_in_one_week

IMMEDIATE = IMMEDIATE_TASKS
WEEK_NAMES = {("ja", 1): "A週", ("ja", 2): "B週", ("en", 1): "week A", ("en", 2): "week B"}
pytestmark = BROWSER_MARKS


@pytest.fixture
def browser() -> Iterator[Any]:
    yield from chromium()


def lessons_on(page: Any, date: dt.date) -> set[str]:
    card = page.locator(f'[data-date="{date.isoformat()}"]')
    return {item.get_attribute("data-lesson") for item in card.locator("li[data-lesson]").all()}


def contracts_as_planned(north: Any) -> None:
    """Each school's annual contract is the days the rotation gives it this year: the year table shows them met."""
    for school in north.schools:
        school.annual_visit_days = 1  # any figure: the year table lists only schools with one
        school.save()
    planned = {row.school: row.planned for row in program_annual_days(north.program, timezone.localdate())}
    for school in north.schools:
        school.annual_visit_days = planned[school.code]
        school.save()


def shot_program_pages(browser: Any, live_server: Any, north: Any) -> None:
    """The settings, program, analysis and school pages of the rotation on a phone in Japanese and on a desktop in
    English, none wider than the window."""
    pages = [f"/programs/{north.program.pk}/settings/", f"/programs/{north.program.pk}/",
             f"/programs/{north.program.pk}/timetables/1/", f"/schools/{north.schools[0].code}/?week={WEEK_B}"]
    for language, width in (("ja", 390), ("en", 1280)):
        page = page_as(browser, live_server, "Ncoordinator", width=width, language=language)
        for number, address in enumerate(pages):
            page.goto(f"{live_server.url}{address}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, address
            shot(page, f"rotation-page-{number}-{language}-{width}")


@override_settings(TASKS=IMMEDIATE)
def test_a_coordinator_runs_a_two_week_rotation_and_the_alt_sees_week_a_and_week_b(
    browser: Any, live_server: Any
) -> None:
    north = side("North", prefix="N", seed=11)
    held = held_in_one_week(north)
    desktop = page_as(browser, live_server, "Ncoordinator")
    desktop.goto(f"{live_server.url}/programs/{north.program.pk}/")
    desktop.click("a:has-text('Settings')")
    desktop.select_option("#id_cycle_weeks", "2")
    desktop.click("button:has-text('Save')")
    desktop.wait_for_selector("text=The coming weeks")
    shot(desktop, "rotation-settings-en-1280")
    desktop.goto(f"{live_server.url}/programs/{north.program.pk}/")
    assert desktop.locator("text=A rotation of 2 weeks.").is_visible()
    desktop.fill("#id_time_limit", "10")
    desktop.click("text=Start solving")
    desktop.wait_for_selector("text=Timetable version 1 stored", timeout=120_000)
    desktop.click("text=Timetable version 1 stored")
    desktop.click("a:has-text('Publish…')")
    desktop.click("button:has-text('Publish and tell them')")
    desktop.wait_for_selector("text=Version 1 is now in force")

    version = published_version(north.program)
    assert version is not None and version_cycle_weeks(version) == 2
    timetable, cycle = version_cycle_solution(version), version_cycle(version)
    # The ALT whose two weeks differ most, with an account of their own.
    def lessons(alt: str, week: int, day: str) -> set[str]:
        return {a.lesson for a in timetable.lessons
                if a.alt == alt and a.week == week and cycle.base.lesson_by_id[a.lesson].day == day}

    alt = max(north.alts, key=lambda a: sum(len(lessons(a.code, 1, d) ^ lessons(a.code, 2, d)) for d in ALL_DAYS))
    user("rotating-alt", {"kind": Role.Kind.PARTICIPANT, "participant": alt})

    desktop.goto(f"{live_server.url}/programs/{north.program.pk}/timetables/1/?week=2")
    assert desktop.locator("[aria-current=page]", has_text="week B").is_visible()
    shot(desktop, "rotation-analysis-week-b-en-1280")
    contracts_as_planned(north)
    shot_program_pages(browser, live_server, north)

    for language, width in (("ja", 390), ("en", 1280)):
        page = page_as(browser, live_server, "rotating-alt", width=width, language=language)
        for monday, week in ((WEEK_A, 1), (WEEK_B, 2)):
            page.goto(f"{live_server.url}/people/{alt.code}/?week={monday.isoformat()}")
            name = WEEK_NAMES[(language, week)]
            assert page.locator(f"[data-rotation-week='{week}']", has_text=name).first.is_visible()
            for offset, day in enumerate(ALL_DAYS[:5]):
                date = monday + dt.timedelta(days=offset)
                shown = lessons_on(page, date)
                assert shown == lessons(alt.code, week, day), (date, week)
                # A lesson held only in the other week is never shown on this week's dates.
                assert all(held.get(code, [week]) == [week] for code in shown)
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
            shot(page, f"rotation-alt-week-{'ab'[week - 1]}-{language}-{width}")
