"""The monthly report counts the delivered days against the year (issue 19): each school with annual contracted
ALT-days shows them, the visits of the dated plan from April to the month's last day, and what remains — on the
page, in the Excel workbook and in the PDF, in the reader's language; for a one-week program and a rotation."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.utils import translation
from pypdf import PdfReader

from kakehashi.web.calendars.selectors import program_dated_plan
from kakehashi.web.duties.exports import monthly_pdf
from kakehashi.web.duties.monthly import month_end, school_month
from kakehashi.web.schools.models import School
from kakehashi.web.testing import publish_week, signed_in
from kakehashi.web.yearbalance.tests.test_balance_rotation import published_rotation

pytestmark = pytest.mark.django_db

NOVEMBER = dt.date(2026, 11, 1)


def _delivered_month_by_month(side: Any, code: str, last_month: dt.date) -> int:
    """The school's visits counted one month at a time from April: a rotation's weeks must fall on the same
    dates whichever day the plan is laid from."""
    total, first = 0, dt.date(last_month.year, 4, 1)
    while first <= last_month:
        plan = program_dated_plan(side.program, starts=first, ends=month_end(first))
        assert plan is not None
        total += sum(1 for v in plan.visits if v.school == code)
        first = month_end(first) + dt.timedelta(days=1)
    return total


@pytest.mark.parametrize("rotation", [False, True], ids=["one week", "two-week rotation"])
def test_the_monthly_report_counts_each_schools_delivered_days_against_its_year(world: Any, rotation: bool) -> None:
    north, _, _ = world
    if rotation:
        published_rotation(north)
    else:
        publish_week(north.program)
    contracted, uncontracted = north.schools[0], north.schools[1]
    contracted.annual_visit_days = 200  # more than April to November can deliver: something remains
    contracted.save()
    delivered = _delivered_month_by_month(north, contracted.code, NOVEMBER)
    assert delivered > 0, "the school is visited between April and November"

    report = school_month(contracted, NOVEMBER)
    [row] = report.year
    assert (row.contracted, row.delivered, row.remaining) == (200, delivered, 200 - delivered)
    assert school_month(School.objects.get(pk=uncontracted.pk), NOVEMBER).year == []

    reader = signed_in(north.users["coordinator"])
    page = reader.get(f"/duties/schools/{contracted.code}/monthly/?month=2026-11", HTTP_ACCEPT_LANGUAGE="ja").content
    text = page.decode()
    assert "年間契約" in text and f"<td>{delivered}</td><td>{200 - delivered}</td>" in text

    excel = reader.get(f"/duties/schools/{contracted.code}/monthly.xlsx?month=2026-11&lang=en")
    sheet = openpyxl.load_workbook(io.BytesIO(excel.content))["School year"]
    assert list(sheet.iter_rows(values_only=True))[1][1:] == (200, delivered, 200 - delivered)
    # The dated plan's visits are planned, not known to have happened (that is what approved daily reports say).
    assert sheet.cell(row=1, column=3).value == "Planned to the month's end"
    english = reader.get(f"/duties/schools/{contracted.code}/monthly/?month=2026-11", HTTP_ACCEPT_LANGUAGE="en")
    assert "planned to the month" in english.content.decode()
    assert "delivered" not in english.content.decode().lower()

    with translation.override("ja"):
        pdf = PdfReader(io.BytesIO(monthly_pdf(school_month(contracted, NOVEMBER))))
    first_page = pdf.pages[0].extract_text()
    assert "年間契約" in first_page and "残り日数" in first_page
