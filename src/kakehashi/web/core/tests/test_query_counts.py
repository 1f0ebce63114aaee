"""Pages that read a whole program ask the database the same number of questions for a program of three
schools as for one of nine: one query per school or per ALT (N+1) made a city's program page ask 330 and an
ALT's daily report 194. Counts, not times: a slower machine must not fail these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kakehashi.web.calendars.models import Event
from kakehashi.web.testing import Side, publish_week, side, signed_in
from kakehashi.web.timetables.door.week import week_document

DAY = dt.date(2026, 11, 10)


def _program(name: str, prefix: str, schools: int, alts: int) -> Side:
    made = side(name, prefix=prefix, seed=21, schools=schools, alts=alts)
    for school in made.schools:
        school.annual_visit_days = 30
        school.save()
        Event.objects.create(school=school, kind="closure", name="Founding day", starts=DAY, ends=DAY)
    Event.objects.create(board=made.board, kind="shortened", name="Teachers' meeting", starts=DAY, ends=DAY)
    publish_week(made.program)
    return made


@pytest.fixture
def small_and_large(db: Any) -> tuple[Side, Side]:
    return _program("Small", "S", schools=3, alts=1), _program("Large", "L", schools=9, alts=3)


def _queries(action: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as seen:
        action()
    return len(seen.captured_queries)


def _page(who: Any, url: str) -> Callable[[], Any]:
    client = signed_in(who)
    client.get("/")  # the session and language settle first

    def load() -> None:
        assert client.get(url).status_code == 200

    return load


def test_reading_a_programs_week_asks_as_often_for_nine_schools_as_for_three(small_and_large: Any) -> None:
    small, large = small_and_large
    assert _queries(lambda: week_document(small.program)) == _queries(lambda: week_document(large.program))


def test_the_program_page_asks_as_often_for_nine_schools_as_for_three(small_and_large: Any) -> None:
    small, large = small_and_large
    counts = [
        _queries(_page(made.users["coordinator"], f"/programs/{made.program.pk}/")) for made in (small, large)
    ]
    assert counts[0] == counts[1]


def test_an_alts_daily_report_asks_as_often_in_a_program_of_nine_schools_as_of_three(small_and_large: Any) -> None:
    small, large = small_and_large
    url = f"/duties/report/?date={DAY.isoformat()}"
    counts = [_queries(_page(made.users["participant"], url)) for made in (small, large)]
    assert counts[0] == counts[1]


def test_a_boards_monthly_report_asks_as_often_for_nine_schools_as_for_three(small_and_large: Any) -> None:
    small, large = small_and_large
    counts = [
        _queries(_page(made.users["supervisor"], f"/duties/boards/{made.board.pk}/monthly/?month=2026-11"))
        for made in (small, large)
    ]
    assert counts[0] == counts[1]
