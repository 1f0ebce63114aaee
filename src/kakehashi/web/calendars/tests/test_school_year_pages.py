"""The school year on pages: holidays and events in a school's calendar, and an ALT's dated plan that never
puts a visit on a day without lessons."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from kakehashi.schoolyear.holidays import holiday_names_in_english
from kakehashi.web.calendars.models import Event
from kakehashi.web.calendars.selectors import program_dated_plan, school_calendar
from kakehashi.web.core.dates import day
from kakehashi.web.testing import PASSWORD, publish_week

pytestmark = pytest.mark.django_db


def published_visits(side: Any) -> Any:
    from kakehashi.web.timetables.door import version_solution
    from kakehashi.web.timetables.selectors import published_version

    return version_solution(published_version(side.program)).visits


def test_a_saturday_sports_day_of_the_board_gives_every_school_its_monday_off(world: Any) -> None:
    north, _, _ = world
    Event.objects.create(
        board=north.board, kind="sports_day", name="運動会", starts=dt.date(2026, 5, 16), ends=dt.date(2026, 5, 16)
    )
    for school in north.schools:
        assert school_calendar(school, 2026).day(dt.date(2026, 5, 18)).kind == "compensatory"


def test_the_dated_plan_never_has_a_visit_on_a_day_without_lessons(world: Any) -> None:
    north, _, _ = world
    publish_week(north.program)
    Event.objects.create(
        school=north.schools[0], kind="test", name="期末テスト", starts=dt.date(2026, 6, 29), ends=dt.date(2026, 7, 3)
    )
    plan = program_dated_plan(north.program, starts=dt.date(2026, 4, 1), ends=dt.date(2027, 3, 31))
    assert plan is not None and plan.visits
    calendars = {s.code: school_calendar(s, 2026) for s in north.schools}
    assert all(calendars[v.school].day(v.date).has_lessons for v in plan.visits)
    assert not any(v.date == dt.date(2026, 9, 22) for v in plan.visits)  # 国民の休日
    assert any(s.school == north.schools[0].code and s.reason == "期末テスト" for s in plan.skipped) == any(
        v.school == north.schools[0].code and v.day in ("mon", "tue", "wed", "thu", "fri")
        for v in published_visits(north)
    )


def test_the_school_year_page_and_the_alts_dated_plan_show_why_there_is_no_visit(world: Any) -> None:
    north, _, _ = world
    publish_week(north.program)
    client = Client()
    client.login(username=north.users["participant"].username, password=PASSWORD)
    # The first national holiday that falls on a weekday this ALT works: the plan must show it as skipped.
    weekday = next(v.day for v in published_visits(north) if v.alt == north.alts[0].code)
    calendar = school_calendar(north.schools[0], 2026)
    holiday, name = next(
        (d, n)
        for d, n in sorted(calendar.national_holidays.items())
        if ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[d.weekday()] == weekday
    )
    page = client.get(f"/year/people/{north.alts[0].code}/?from={holiday.isoformat()}").content.decode()
    assert day(holiday) in page and holiday_names_in_english()[name] in page  # one language: the reader's
    with translation.override("ja"):
        url = f"/year/people/{north.alts[0].code}/?from={holiday.isoformat()}"
        japanese = client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
        assert day(holiday) in japanese and name in japanese
    client.login(username=north.users["school_staff"].username, password=PASSWORD)
    year = client.get(f"/year/schools/{north.schools[0].code}/?year=2026").content.decode()
    assert "School year 2026-27" in year and "National Holiday" in year and "Tue 22 Sep 2026" in year
