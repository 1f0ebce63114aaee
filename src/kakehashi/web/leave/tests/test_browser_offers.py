"""A same-morning absence end to end in Chromium, phones at 390 px and a desktop at 1280 px (issue 18): the ALT
reports sick on the phone, the coordinator sends ranked offers, a substitute accepts on the phone, the school's
JTE and the coordinator see who comes, and the monthly report counts the day as the substitute's.

The offers' clock is fixed at 07:00 on the day (leave.offers.clock), so the test reads the same at any hour it
runs; the engine's proposal runs at once (the immediate task backend). Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from kakehashi.timetable.instance import ALL_DAYS
from kakehashi.web.accounts.models import Role
from kakehashi.web.core import dates
from kakehashi.web.core.tests.browsing import BROWSER_MARKS, chromium, page_as, shot
from kakehashi.web.duties.monthly import school_month
from kakehashi.web.leave import offers
from kakehashi.web.leave.models import CoverOffer
from kakehashi.web.leave.tests.offer_world import morning, substitute
from kakehashi.web.schools.models import School
from kakehashi.web.testing import IMMEDIATE_TASKS, publish_week, side, user
from kakehashi.web.timetables.door import version_solution
from kakehashi.web.timetables.selectors import published_version

pytestmark = BROWSER_MARKS

IMMEDIATE = IMMEDIATE_TASKS


@pytest.fixture
def browser() -> Iterator[Any]:
    yield from chromium()


def _next_teaching_day(north: Any) -> tuple[dt.date, School]:
    """The first working day from tomorrow on which the first ALT teaches, and their school that day."""
    alt = north.alts[0]
    solution = version_solution(published_version(north.program))
    visits = {v.day: v.school for v in solution.visits if v.alt == alt.code}
    day = timezone.localdate() + dt.timedelta(days=1)
    while ALL_DAYS[day.weekday()] not in visits:
        day += dt.timedelta(days=1)
    return day, School.objects.get(code=visits[ALL_DAYS[day.weekday()]])


def _fits(page: Any) -> None:
    """Nothing wider than the window: no sideways scrolling on a phone."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@override_settings(TASKS=IMMEDIATE)
def test_a_same_morning_absence_is_offered_accepted_on_a_phone_and_counted(
    browser: Any, live_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    north = side("North", prefix="N", seed=11)
    publish_week(north.program)
    alt = north.alts[0]
    day, school = _next_teaching_day(north)
    monkeypatch.setattr(offers, "clock", lambda: morning(day, 7, 0))
    sub = substitute(north, "NZ01", school, km_north=2, name="Sam Stand")
    substitute(north, "NZ02", school, km_north=6, name="Kei Further")
    user("offer-jte", {"kind": Role.Kind.SCHOOL_STAFF, "organization": school.organization})

    # 06:30, the ALT reports sick on the phone.
    phone = page_as(browser, live_server, "Nalt", width=390)
    phone.click("text=Report an absence today")
    phone.fill("#id_date", day.isoformat())
    phone.click("button:has-text('Report absence')")
    phone.wait_for_selector("text=Absence reported.")
    _fits(phone)
    shot(phone, "offer-1-alt-reports-sick-390")

    # The coordinator sends the day to the ranked substitutes: the nearest first.
    desk = page_as(browser, live_server, "Ncoordinator")
    desk.goto(f"{live_server.url}/leave/programs/{north.program.pk}/")
    card = desk.locator(f".card[data-date='{day.isoformat()}']")
    card.locator(f"button:has-text(\"Offer {alt.name}'s lessons to substitutes\")").click()
    desk.wait_for_selector("text=people asked first")
    ranked = card.locator("table.ranked tbody tr")
    assert ranked.nth(0).get_attribute("data-candidate") == "NZ01"
    assert ranked.nth(1).get_attribute("data-candidate") == "NZ02"
    shot(desk, "offer-2-coordinator-sends-1280")

    # The substitute opens the notice on the phone and accepts with one tap.
    sam = page_as(browser, live_server, "sub-nz01", width=390)
    sam.goto(f"{live_server.url}/leave/notices/")
    sam.click("text=Open and answer")
    sam.wait_for_selector("button:has-text('Accept: I will go')")
    _fits(sam)
    shot(sam, "offer-3-substitute-offer-390")
    sam.click("button:has-text('Accept: I will go')")
    sam.wait_for_selector("[data-answer=accepted]")
    assert sam.locator(f"text=You are expected on {dates.day(day)}").is_visible()
    _fits(sam)
    shot(sam, "offer-4-substitute-accepted-390")

    # The JTE sees Sam coming that day, as a substitute, on the school's week.
    jte = page_as(browser, live_server, "offer-jte", width=390)
    jte.goto(f"{live_server.url}/schools/{school.code}/?week={day.isoformat()}")
    that_day = jte.locator(f".dated-day[data-date='{day.isoformat()}']")
    assert that_day.locator("text=Sam Stand").first.is_visible()
    assert that_day.locator(".tag.sub").first.is_visible()
    _fits(jte)
    shot(jte, "offer-5-jte-sees-who-comes-390")

    # The coordinator sees who comes; the monthly report counts the day as the substitute's.
    desk.goto(f"{live_server.url}/leave/programs/{north.program.pk}/")
    assert desk.locator(f"text=Sam Stand comes for {alt.name}").is_visible()
    shot(desk, "offer-6-coordinator-sees-filled-1280")
    desk.goto(f"{live_server.url}/duties/schools/{school.code}/monthly/?month={day:%Y-%m}")
    desk.evaluate("document.querySelectorAll('details.week-section').forEach(d => d.open = true)")
    visit = desk.locator("#visits ~ details tr", has_text="Sam Stand")
    assert visit.count() == 1 and visit.locator(".tag.sub").is_visible()  # a delivered day, the substitute's
    shot(desk, "offer-7-monthly-report-1280")
    report = school_month(school, day.replace(day=1))
    (line,) = [v for v in report.visits if v.date == day and v.alt == sub.code]
    assert line.substitute and line.lessons == len(CoverOffer.objects.get().lessons)

    # The same pages in Japanese.
    sam_ja = page_as(browser, live_server, "sub-nz01", width=390, language="ja")
    sam_ja.goto(f"{live_server.url}/leave/offers/{CoverOffer.objects.get().candidates.get(participant=sub).pk}/")
    _fits(sam_ja)
    shot(sam_ja, "offer-4-substitute-accepted-390-ja")
    desk_ja = page_as(browser, live_server, "Ncoordinator", language="ja")
    desk_ja.goto(f"{live_server.url}/leave/programs/{north.program.pk}/")
    shot(desk_ja, "offer-6-coordinator-sees-filled-1280-ja")


def test_the_offer_pages_fit_a_phone_and_a_desktop_in_both_languages(
    browser: Any, live_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    north = side("North", prefix="N", seed=11)
    publish_week(north.program)
    alt = north.alts[0]
    day, school = _next_teaching_day(north)
    monkeypatch.setattr(offers, "clock", lambda: morning(day, 7, 0))
    preferred = substitute(north, "NZ01", school, km_north=2, name="Sam Stand")
    substitute(north, "NZ02", school, km_north=6, name="Kei Further")
    from kakehashi.web.leave.models import SchoolSubstitute
    from kakehashi.web.leave.services import absence_report

    SchoolSubstitute.objects.create(school=school, participant=preferred, stance="preferred")
    absence_report(participant=alt, date=day)
    sent = offers.offer_send(program=north.program, date=day, absent=alt)
    candidate = sent.candidates.get(participant=preferred)
    for language in ("en", "ja"):
        for width in (390, 1280):
            desk = page_as(browser, live_server, "Ncoordinator", width=width, language=language)
            desk.goto(f"{live_server.url}/leave/programs/{north.program.pk}/substitute-lists/")
            assert desk.locator(f"tr[data-school='{school.code}']").is_visible()
            _fits(desk)
            shot(desk, f"offer-lists-{width}-{language}")
            desk.goto(f"{live_server.url}/leave/programs/{north.program.pk}/")
            assert desk.locator("table.ranked tr[data-candidate=NZ01]").is_visible()
            _fits(desk)
            shot(desk, f"offer-ranked-{width}-{language}")
            sam = page_as(browser, live_server, "sub-nz01", width=width, language=language)
            sam.goto(f"{live_server.url}/leave/offers/{candidate.pk}/")
            assert sam.locator("button[value=accept]").is_visible()
            _fits(sam)
            shot(sam, f"offer-asked-{width}-{language}")
