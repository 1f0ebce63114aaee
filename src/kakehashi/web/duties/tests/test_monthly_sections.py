"""The monthly report's long tables open as one closed section a week, each saying what it holds."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from kakehashi.web.duties.monthly import VisitLine, school_month
from kakehashi.web.duties.sections import by_week
from kakehashi.web.duties.tests.helpers import NOVEMBER
from kakehashi.web.duties.tests.test_monthly_reports import _month_of_work
from kakehashi.web.testing import signed_in


def _visit(day: int, reported: bool = False) -> VisitLine:
    return VisitLine(dt.date(2026, 11, day), "A01", "Megan", "Chuo", False, 3, reported)


def test_rows_are_grouped_by_the_monday_of_their_week_with_what_is_done_counted() -> None:
    weeks = by_week([_visit(17), _visit(16, True), _visit(23), _visit(22, True)], lambda v: v.reported)
    assert [(w.monday, len(w.rows), w.done) for w in weeks] == [
        (dt.date(2026, 11, 16), 3, 2),  # Sunday the 22nd closes the week of Monday the 16th
        (dt.date(2026, 11, 23), 1, 0),
    ]
    assert [v.date.day for v in weeks[0].rows] == [16, 17, 22] and weeks[0].sunday == dt.date(2026, 11, 22)


@pytest.mark.django_db
def test_the_monthly_page_shows_the_visits_as_closed_weeks_that_count_them(published: Any) -> None:
    north, _, _ = published
    school = _month_of_work(north)
    report = school_month(school, NOVEMBER[0])
    text = signed_in(north.users["coordinator"]).get(f"/duties/schools/{school.code}/monthly/?month=2026-11").content
    page = text.decode()
    summaries = re.findall(r"(\d+) visits? planned, (\d+) confirmed", page)
    assert len(summaries) >= 4 and "<details open" not in page
    assert sum(int(n) for n, _ in summaries) == len(report.visits)
    assert sum(int(done) for _, done in summaries) == 1  # the one approved daily report
    assert re.search(r"\d+ lessons? to cover, \d+ covered</summary>", page)  # the absence's week
