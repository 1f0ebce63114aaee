"""The board's printed monthly report: school by school, so that a city's month (hundreds of visits) prints on
a few pages in a second or two; every visit stays on the Excel sheet."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.template.loader import render_to_string

from kakehashi.web.duties import exports
from kakehashi.web.duties.monthly import Monthly, VisitLine, board_month
from kakehashi.web.duties.tests.helpers import NOVEMBER


def _visit(day: int, alt_name: str, school: str, lessons: int, reported: bool = False) -> VisitLine:
    return VisitLine(dt.date(2026, 11, day), alt_name[:3], alt_name, school, False, lessons, reported)


def test_a_month_of_visits_reads_as_one_line_per_school_with_its_days_alts_and_lessons() -> None:
    report = Monthly("Board", "", "board", dt.date(2026, 11, 1))
    report.visits = [
        _visit(9, "Mia Moore", "Chuo", 4, reported=True),
        _visit(2, "Mia Moore", "Chuo", 5),
        _visit(2, "Sam Lee", "Chuo", 2),
        _visit(3, "Sam Lee", "Asahi", 6),
    ]
    rows = {row.school: row for row in report.visits_by_school()}
    assert list(rows) == ["Asahi", "Chuo"]
    chuo = rows["Chuo"]
    assert (chuo.alts, chuo.days, chuo.visits, chuo.lessons, chuo.reported) == ("Mia Moore, Sam Lee", "2, 9", 3, 11, 1)


def test_the_boards_printed_report_lists_schools_not_each_visit(
    published: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    north, _, _ = published
    report = board_month(north.board, NOVEMBER[0])
    assert report.visits
    seen: dict[str, Any] = {}

    def keep(template: str, context: dict[str, Any]) -> str:
        seen.update(context)
        return render_to_string(template, context)

    monkeypatch.setattr(exports, "render_to_string", keep)
    assert exports.monthly_pdf(report).startswith(b"%PDF")
    assert seen["visits"] == []
    assert [row.school for row in seen["schools"]] == sorted({v.school for v in report.visits})
    assert sum(row.visits for row in seen["schools"]) == len(report.visits)
