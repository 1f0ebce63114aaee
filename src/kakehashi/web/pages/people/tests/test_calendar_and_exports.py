"""The participant's calendar feed, Excel and PDF: real files that parse and match the published week."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.test import Client
from icalendar import Calendar

from kakehashi.schoolyear import SchoolYear
from kakehashi.web.calendars.models import Event
from kakehashi.web.calendars.selectors import program_dated_plan, school_calendar
from kakehashi.web.pages.people.calendar import participant_calendar, school_year_end
from kakehashi.web.testing import PASSWORD, publish_week
from kakehashi.web.timetables.models import LessonRow

pytestmark = pytest.mark.django_db


def as_alt(side: Any) -> Client:
    client = Client()
    client.login(username=side.users["participant"].username, password=PASSWORD)
    return client


def test_the_feed_parses_and_holds_each_dated_lesson_and_none_on_a_day_without_lessons(world: Any) -> None:
    north, _, _ = world
    publish_week(north.program)
    # A sports day on the first Saturday of June at every school: the Monday after is a day off everywhere.
    # Fixed dates inside the test world's school year, so the feed has a term of lessons whatever today is.
    monday, saturday, day_off = dt.date(2026, 6, 1), dt.date(2026, 6, 6), dt.date(2026, 6, 8)
    Event.objects.create(board=north.board, kind="sports_day", name="運動会", starts=saturday, ends=saturday)
    client = as_alt(north)
    client.post(f"/people/{north.alts[0].code}/calendar/", {"action": "renew"})
    token = north.alts[0].calendar_tokens.get(revoked_at__isnull=True).token
    feed = Client().get(f"/calendar/{token}.ics")  # a calendar app: no login
    assert feed["Content-Type"].startswith("text/calendar")
    assert Calendar.from_ical(feed.content).walk("VTIMEZONE"), "calendar apps need the time zone spelled out"
    # The same feed as it reads on that Monday, to the end of the school year.
    calendar = Calendar.from_ical(participant_calendar(north.alts[0], today=monday))
    events = calendar.walk("VEVENT")
    lessons = [e for e in events if not str(e["summary"]).startswith("Travel")]
    plan = program_dated_plan(north.program, starts=monday, ends=school_year_end(monday))
    assert plan is not None
    planned = plan.for_alt(north.alts[0].code).lessons
    assert planned and len(lessons) == len(planned)
    calendars = {s.code: school_calendar(s, SchoolYear.of(monday)) for s in north.schools}
    days_off = {
        d.date
        for c in calendars.values()
        for d in c.days()
        if not d.has_lessons and all(not other.day(d.date).has_lessons for other in calendars.values())
    }
    assert day_off in days_off
    assert not {e.decoded("dtstart").date() for e in events} & days_off
    assert all(e.decoded("dtstart").tzinfo is not None for e in events)
    assert calendar.walk("VTIMEZONE")


def test_a_revoked_link_stops_at_once_and_a_new_one_replaces_it(world: Any) -> None:
    north, _, _ = world
    publish_week(north.program)
    client = as_alt(north)
    page = f"/people/{north.alts[0].code}/calendar/"
    client.post(page, {"action": "renew"})
    old = north.alts[0].calendar_tokens.get(revoked_at__isnull=True).token
    client.post(page, {"action": "renew"})
    assert Client().get(f"/calendar/{old}.ics").status_code == 404
    client.post(page, {"action": "revoke"})
    assert not north.alts[0].calendar_tokens.filter(revoked_at__isnull=True).exists()


def test_another_participant_cannot_manage_my_calendar(world: Any) -> None:
    north, _, _ = world
    client = Client()
    client.login(username=north.users["school_staff"].username, password=PASSWORD)
    publish_week(north.program)
    assert client.get(f"/people/{north.alts[0].code}/calendar/").status_code in (403, 404)


def test_the_excel_week_opens_with_one_row_per_lesson_and_trip(world: Any) -> None:
    north, _, _ = world
    version = publish_week(north.program)
    response = as_alt(north).get(f"/people/{north.alts[0].code}/week.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
    lessons = [r for r in rows if not str(r[2]).startswith("Travel")]
    assert len(lessons) == LessonRow.objects.filter(version=version, participant=north.alts[0]).count()


def test_the_pdf_is_a4_and_embeds_a_japanese_font(world: Any) -> None:
    from kakehashi.web.pages.people.exports import week_pdf

    north, _, _ = world
    publish_week(north.program)
    assert as_alt(north).get(f"/people/{north.alts[0].code}/week.pdf").content.startswith(b"%PDF")
    pdf = week_pdf(north.alts[0], uncompressed=True)
    assert b"/MediaBox [0 0 595.275591 841.889764]" in pdf  # A4 in points
    assert b"Noto-Sans-CJK-JP" in pdf  # the Japanese text is set in a Japanese font, not tofu
