"""The ALT's week and the school's page show the dated plan of a real week, not the template."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kakehashi.web.calendars.models import Event
from kakehashi.web.leave.covers import cover_confirm, cover_propose
from kakehashi.web.leave.services import absence_report
from kakehashi.web.testing import publish_week, signed_in
from kakehashi.web.timetables.door import version_solution
from kakehashi.web.timetables.models import LessonRow
from kakehashi.web.timetables.selectors import published_version

pytestmark = pytest.mark.django_db

THANKSGIVING_WEEK = dt.date(2026, 11, 23)  # Monday 勤労感謝の日


def _day_card(page: str, day: dt.date) -> str:
    start = page.index(f'data-date="{day.isoformat()}"')
    end = page.find('<div class="card dated-day"', start + 1)
    return page[start : end if end > 0 else None]


def test_my_week_shows_the_holiday_instead_of_mondays_visits(world: Any) -> None:
    north, _, _ = world
    publish_week(north.program)
    alt = north.alts[0]
    solution = version_solution(published_version(north.program))
    page = signed_in(north.users["participant"]).get(f"/people/{alt.code}/?week=2026-11-25").content.decode()
    assert "Week of Mon 23 Nov 2026" in page
    monday = _day_card(page, THANKSGIVING_WEEK)
    if any(v.alt == alt.code and v.day == "mon" for v in solution.visits):
        assert "Labor Thanksgiving Day" in monday and "no visit" in monday
    assert "Regular week (template)" in page


def test_the_school_page_shows_a_sports_day_and_its_compensatory_monday(world: Any) -> None:
    north, _, _ = world
    publish_week(north.program)
    school = north.schools[0]
    Event.objects.create(
        school=school, kind="sports_day", name="運動会", starts=dt.date(2026, 5, 23), ends=dt.date(2026, 5, 23)
    )
    page = signed_in(north.users["school_staff"]).get(f"/schools/{school.code}/?week=2026-05-25").content.decode()
    assert "day off for 運動会 on Sat 23 May" in _day_card(page, dt.date(2026, 5, 25))
    assert "day off for" not in _day_card(page, dt.date(2026, 5, 26))


def test_a_confirmed_cover_shows_the_substitute_on_their_week_and_the_absence_on_the_absent_alts(world: Any) -> None:
    north, _, _ = world
    publish_week(north.program)
    absent = north.alts[0]
    solution = version_solution(published_version(north.program))
    weekday = next(v.day for v in solution.visits if v.alt == absent.code)
    day = dt.date(2026, 11, 30) + dt.timedelta(days=["mon", "tue", "wed", "thu", "fri"].index(weekday))
    absence_report(participant=absent, date=day)
    cover = cover_propose(program=north.program, date=day)
    assert cover is not None
    cover_confirm(cover=cover, user=north.users["coordinator"])
    mine = signed_in(north.users["participant"]).get(f"/people/{absent.code}/?week={day}").content.decode()
    assert "on leave" in _day_card(mine, day)
    substitutes = {row["substitute"] for row in cover.needed if row["substitute"]}
    coordinator = signed_in(north.users["coordinator"])
    for code in substitutes:
        theirs = coordinator.get(f"/people/{code}/?week={day}").content.decode()
        assert "substitute" in _day_card(theirs, day)


def test_the_ical_feed_of_a_covered_date_has_the_substitutes_lessons_and_none_for_the_absent_alt(db: Any) -> None:
    from icalendar import Calendar

    from kakehashi.web.leave.models import LeaveRequest
    from kakehashi.web.pages.people.calendar import participant_calendar
    from kakehashi.web.testing import side

    west = side("West", prefix="W", seed=5, schools=4, alts=4)
    publish_week(west.program)
    solution = version_solution(published_version(west.program))
    days = ["mon", "tue", "wed", "thu", "fri"]
    cover = None
    # Find an absence someone else can cover (an ALT with a free day near the absent one's school).
    for visit in sorted(solution.visits, key=lambda v: (v.alt, days.index(v.day))):
        day = dt.date(2026, 11, 30) + dt.timedelta(days=days.index(visit.day))
        absent = next(p for p in west.alts if p.code == visit.alt)
        LeaveRequest.objects.all().delete()
        absence_report(participant=absent, date=day)
        cover = cover_propose(program=west.program, date=day)
        if cover is not None and cover.covered:
            break
    assert cover is not None and cover.covered > 0
    cover_confirm(cover=cover, user=west.users["coordinator"])

    def starts_on(person: Any) -> list[Any]:
        feed = Calendar.from_ical(participant_calendar(person, today=dt.date(2026, 11, 24)))
        return [e for e in feed.walk("VEVENT") if e.decoded("dtstart").date() == cover.date]

    assert starts_on(absent) == []
    for row in cover.needed:
        if row["substitute"]:
            person = next(p for p in west.alts if p.code == row["substitute"])
            summaries = [str(e.get("summary")) for e in starts_on(person)]
            assert any(s.startswith(f"{row['homeroom']} – ") for s in summaries)


def test_the_dated_plan_lists_each_visits_classes_by_time(published: Any) -> None:
    north, _, _ = published
    alt = north.alts[0]
    # Stored last lesson first, as a hand edit that adds an early lesson leaves them.
    version = published_version(north.program)
    rows = list(version.lessons.order_by("-id"))
    version.lessons.all().delete()
    LessonRow.objects.bulk_create(LessonRow(version=version, participant=r.participant, lesson=r.lesson) for r in rows)
    response = signed_in(north.users["participant"]).get(f"/year/people/{alt.code}/?from=2026-12-07")
    rows = [classes for _date, _school, classes, _reason in response.context["rows"] if classes]
    assert any("," in classes for classes in rows)
    for classes in rows:
        times = [entry.split()[-1].zfill(5) for entry in classes.split(", ")]
        assert times == sorted(times), classes
