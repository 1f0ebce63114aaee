"""The monthly report of a school and of a board: its figures are those of the dated plan, the approved daily
reports, the absences and the confirmed cover; Excel opens, the PDF is A4 in a Japanese font; each is
downloaded only by those the school or board concerns."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.db.models import Sum
from django.utils import translation

from kakehashi.schoolyear.plan import ON_LEAVE
from kakehashi.web.calendars.selectors import program_dated_plan
from kakehashi.web.duties.models import DutyEntry
from kakehashi.web.duties.monthly import school_month
from kakehashi.web.duties.services import entry_add, report_approve, report_start, report_submit
from kakehashi.web.duties.tests.helpers import NOVEMBER, visits_of
from kakehashi.web.leave.covers import cover_confirm, cover_propose
from kakehashi.web.leave.models import Cover
from kakehashi.web.leave.services import absence_report
from kakehashi.web.schools.models import School
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def _month_of_work(side: Any) -> School:
    """In November 2026 the first ALT is absent one day (covered by a substitute), and has one approved and
    one merely submitted report on other days at the same school; returns that school."""
    alt = side.alts[0]
    visits = visits_of(side.program, alt.code)
    school_code = visits[0].school
    at_school = [v.date for v in visits if v.school == school_code]
    assert len(at_school) >= 3, "the ALT visits the school at least three November days"
    absent, approved, submitted = at_school[0], at_school[1], at_school[2]
    school = School.objects.get(code=school_code)

    absence_report(participant=alt, date=absent, reason="Fever")
    cover = cover_propose(program=side.program, date=absent)
    assert cover is not None
    cover_confirm(cover=cover, user=side.users["coordinator"])

    report = report_start(participant=alt, date=approved)
    entry_add(report=report, kind="preparation", minutes=50, title="Flashcards", school=school)
    entry_add(report=report, kind="training", minutes=90, title="Phonics workshop")  # at no school
    report_approve(report=report_submit(report=report), user=side.users["coordinator"])
    waiting = report_start(participant=alt, date=submitted)
    entry_add(report=waiting, kind="clubs", minutes=120, title="English club", school=school)
    report_submit(report=waiting)  # not approved: not in the monthly report
    return school


def _summary(workbook: Any) -> dict[str, Any]:
    sheet = workbook["Summary"]
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}


def test_the_monthly_excel_of_a_school_has_the_totals_of_the_plan_and_the_approved_reports(published: Any) -> None:
    north, _, _ = published
    school = _month_of_work(north)

    response = signed_in(north.users["coordinator"]).get(f"/duties/schools/{school.code}/monthly.xlsx?month=2026-11")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="monthly-{school.code}-2026-11.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    figures = _summary(book)

    plan = program_dated_plan(north.program, starts=NOVEMBER[0], ends=NOVEMBER[1])
    assert plan is not None
    here = plan.for_school(school.code)
    minutes = DutyEntry.objects.filter(
        report__status="approved", report__date__range=NOVEMBER, school=school
    ).aggregate(total=Sum("minutes"))["total"]
    lost = [s for s in here.skipped if s.reason == ON_LEAVE]
    needed = [row for cover in Cover.objects.filter(program=north.program, status="confirmed") for row in cover.needed]
    needed_here = [row for row in needed if row["school"] == school.code]

    assert figures["Visits planned (ALT-days)"] == len(here.visits)
    assert figures["Lessons"] == len(here.lessons) > 0
    assert minutes > 50  # the prefilled lessons and the preparation; not the training, not the waiting club
    assert figures["Duty hours (approved daily reports)"] == round(minutes / 60, 2)
    assert figures["Absences (days)"] == len(lost) == 1
    assert figures["Lessons to cover"] == len(needed_here) > 0
    assert figures["Lessons covered by a substitute"] == sum(
        1 for row in needed_here if row["substitute"]
    )
    assert figures["Preparing materials"] == 1  # one entry, by kind
    assert "Other duties" not in figures and "Clubs and homeroom activities" not in figures
    visits_sheet = list(book["Visits"].iter_rows(min_row=2, values_only=True))
    assert len(visits_sheet) == len(here.visits)
    assert sum(row[5] for row in visits_sheet) == len(here.lessons)
    assert len(list(book["Lessons"].iter_rows(min_row=2))) == len(here.lessons)


def test_the_monthly_excel_keeps_its_look_with_each_rows_style_shared_by_name(published: Any) -> None:
    north, _, _ = published
    _month_of_work(north)
    response = signed_in(north.users["supervisor"]).get(f"/duties/boards/{north.board.pk}/monthly.xlsx?month=2026-11")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Summary", "Visits", "Lessons", "Duties", "Absences", "Substitutes"]
    visits = book["Visits"]
    headers = [cell.value for cell in visits[1]]
    assert headers == ["Date", "ALT", "Name", "School", "Substitute", "Lessons", "Daily report approved"]
    assert all(cell.font.bold and cell.fill.fgColor.rgb == "00E3F0F7" for cell in visits[1])
    assert [visits.column_dimensions[c].width for c in "ABCDEFG"] == [18, 10, 24, 32, 14, 12, 18]
    assert visits.freeze_panes == "A2"
    summary = book["Summary"]
    assert summary["A1"].font.bold and summary["A1"].font.size == 14
    headings = [row for row in summary.iter_rows(min_row=2) if row[0].value in ("Item", "Duties by kind")]
    assert len(headings) == 2 and all(c.font.bold and c.fill.fgColor.rgb == "00E3F0F7" for r in headings for c in r)
    assert all(c.alignment.vertical == "top" and c.alignment.wrap_text for r in headings for c in r)
    rows = [cell for sheet in book.worksheets[1:] for cells in sheet.iter_rows(min_row=2) for cell in cells]
    assert len(rows) > 500  # a board's month of the test world: dozens of visits, lessons and duties
    # Every row cell reads top-aligned and wrapped, through the workbook's one named style for rows (a style
    # object per cell costs most of a second at this size); numbers stay numbers.
    assert all(c.alignment.vertical == "top" and c.alignment.wrap_text for c in rows)
    assert {c.style for c in rows} == {"Kakehashi body"}
    assert all(c.number_format == "General" for c in rows)
    assert all(isinstance(row[5], int) for row in visits.iter_rows(min_row=2, values_only=True))


def test_the_board_report_counts_its_alts_duties_done_at_no_school(published: Any) -> None:
    north, _, _ = published
    _month_of_work(north)
    response = signed_in(north.users["supervisor"]).get(f"/duties/boards/{north.board.pk}/monthly.xlsx?month=2026-11")
    figures = _summary(openpyxl.load_workbook(io.BytesIO(response.content)))
    minutes = DutyEntry.objects.filter(report__status="approved", report__participant__program=north.program)
    total = minutes.aggregate(total=Sum("minutes"))["total"]
    assert figures["Duty hours (approved daily reports)"] == round(total / 60, 2)
    assert figures["Training"] == 1  # the ALT is placed at the board: its workshop counts here
    plan = program_dated_plan(north.program, starts=NOVEMBER[0], ends=NOVEMBER[1])
    assert plan is not None
    assert figures["Visits planned (ALT-days)"] == len(plan.visits)
    page = signed_in(north.users["coordinator"]).get(f"/duties/boards/{north.board.pk}/monthly/?month=2026-11")
    assert page.status_code == 200 and "Phonics workshop" not in page.content.decode()  # totals, not diaries


def test_the_monthly_pdf_is_a4_and_embeds_the_japanese_font(published: Any) -> None:
    from kakehashi.web.duties.exports import monthly_pdf

    north, _, _ = published
    school = north.schools[0]
    jte = signed_in(north.users["school_staff"])
    assert jte.get(f"/duties/schools/{school.code}/monthly.pdf?month=2026-11").content.startswith(b"%PDF")
    with translation.override("ja"):
        pdf = monthly_pdf(school_month(school, NOVEMBER[0]), uncompressed=True)
    assert b"/MediaBox [0 0 595.275591 841.889764]" in pdf  # A4 in points
    assert b"Noto-Sans-CJK-JP" in pdf  # the Japanese headings are set in a Japanese font, not tofu


def test_each_monthly_report_is_for_those_the_school_or_board_concerns(published: Any) -> None:
    north, south, _ = published
    own, other = north.schools[0], north.schools[1]
    jte = signed_in(north.users["school_staff"])
    assert jte.get(f"/duties/schools/{own.code}/monthly/?month=2026-11").status_code == 200
    assert jte.get(f"/duties/schools/{other.code}/monthly/?month=2026-11").status_code == 404
    assert jte.get(f"/duties/boards/{north.board.pk}/monthly/").status_code == 404
    assert signed_in(north.users["participant"]).get(f"/duties/schools/{own.code}/monthly.xlsx").status_code == 404
    stranger = signed_in(south.users["coordinator"])
    assert stranger.get(f"/duties/schools/{own.code}/monthly.xlsx?month=2026-11").status_code == 404
    assert stranger.get(f"/duties/boards/{north.board.pk}/monthly.pdf?month=2026-11").status_code == 404
    assert signed_in(north.users["supervisor"]).get(f"/duties/schools/{other.code}/monthly/").status_code == 200
    assert (
        signed_in(north.users["coordinator"]).get(f"/duties/schools/{own.code}/monthly/?month=nov").status_code == 404
    )


def test_visits_are_called_planned_and_only_an_approved_daily_report_confirms_one(published: Any) -> None:
    # A plan laid on past dates is not a delivery: of the month's planned visits, the ALT's one approved
    # report confirms one; the submitted report and the days without a report confirm none.
    north, _, _ = published
    school = _month_of_work(north)
    report = school_month(school, NOVEMBER[0])
    figures = dict(report.summary())
    assert not any("delivered" in label for label in figures)
    assert figures["Visits planned (ALT-days)"] == len(report.visits) > 2
    assert figures["Visits with an approved daily report"] == 1
    page = signed_in(north.users["coordinator"]).get(f"/duties/schools/{school.code}/monthly/?month=2026-11")
    assert "Visits planned" in page.content.decode() and "Visits delivered" not in page.content.decode()


def test_the_monthly_excel_is_in_the_readers_language_with_the_other_on_request(published: Any) -> None:
    north, _, _ = published
    school = _month_of_work(north)
    school.organization.name_ja = "長野郷中学校"
    school.organization.save()
    coordinator = signed_in(north.users["coordinator"])
    url = f"/duties/schools/{school.code}/monthly.xlsx?month=2026-11"

    japanese = openpyxl.load_workbook(io.BytesIO(coordinator.get(url, HTTP_ACCEPT_LANGUAGE="ja").content))
    assert japanese.sheetnames[:3] == ["概要", "訪問", "授業"]
    summary = [row for row in japanese["概要"].iter_rows(values_only=True) if row and row[0]]
    assert summary[1][0].startswith("長野郷中学校") and summary[2][1] == "2026年（令和8年）11月"
    assert "Preparing materials" not in str(summary) and "教材準備" in str(summary)
    first_visit = next(japanese["訪問"].iter_rows(min_row=2, values_only=True))
    assert first_visit[0].startswith("2026年11月") and first_visit[3] == "長野郷中学校"

    english = openpyxl.load_workbook(io.BytesIO(coordinator.get(f"{url}&lang=en", HTTP_ACCEPT_LANGUAGE="ja").content))
    assert english.sheetnames[:3] == ["Summary", "Visits", "Lessons"]
    summary = [row for row in english["Summary"].iter_rows(values_only=True) if row and row[0]]
    assert summary[1][0] == f"{school.organization.name} · School" and summary[2][1] == "November 2026"
    assert not any("日" in str(row) for row in english["Visits"].iter_rows(values_only=True))


def test_the_monthly_page_offers_the_downloads_in_the_other_language(published: Any) -> None:
    north, _, _ = published
    school = north.schools[0]
    page = signed_in(north.users["coordinator"]).get(
        f"/duties/schools/{school.code}/monthly/?month=2026-11", HTTP_ACCEPT_LANGUAGE="ja"
    )
    text = page.content.decode()
    assert "英語版：" in text and "month=2026-11&amp;lang=en" in text
    assert "2026年（令和8年）11月" in text and "Monthly report" not in text
