"""The monthly report as an Excel workbook (a sheet per table, for the office to total further) and as a
printable A4 PDF (Japanese text in Noto CJK, as pages/people/exports.py sets it). Both are written in the language
active when they are built: views_monthly.py activates the one asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from kakehashi.web.core.pdf import html_pdf
from kakehashi.web.core.spreadsheet import new_workbook, workbook_bytes, wrap_rows
from kakehashi.web.duties.monthly import KIND_LABELS, Monthly, day_label

HEADING = PatternFill("solid", fgColor="E3F0F7")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _title(report: Monthly) -> str:
    scope = _("School") if report.scope == "school" else _("Board of education")
    return f"{report.display_name} · {scope}"


def _table(sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]) -> None:
    sheet.append(list(headers))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADING
    for row in rows:
        sheet.append(list(row))
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"


def _day_labels() -> Callable[[dt.date], str]:
    """`day_label`, worked out once per date: a month's sheets name the same thirty days thousands of times."""
    labels: dict[dt.date, str] = {}

    def label(day: dt.date) -> str:
        if day not in labels:
            labels[day] = day_label(day)
        return labels[day]

    return label


def monthly_excel(report: Monthly) -> bytes:
    label_of = _day_labels()  # in the language active now, which stays the same for the whole workbook
    book, summary = new_workbook(_("Summary"))
    summary.append([_("Monthly report")])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([_title(report)])
    summary.append([_("Month"), report.label])
    summary.append([])
    summary.append([_("Item"), _("Value")])
    start = summary.max_row  # (an empty row adds no row to count: this is the header's own)
    for label, value in report.summary():
        summary.append([label, value])
    summary.append([])
    summary.append([_("Duties by kind"), _("Entries"), _("Hours")])
    for row in (start, summary.max_row):
        for cell in summary[row]:
            cell.font = Font(bold=True)
            cell.fill = HEADING
    for total in report.duty_totals:
        summary.append([total.label, total.entries, total.hours])
    summary.column_dimensions["A"].width = 58
    summary.column_dimensions["B"].width = 22
    summary.column_dimensions["C"].width = 12

    if report.year:
        _table(
            book.create_sheet(_("School year")),
            [_("School"), _("Contracted for the year"), _("Planned to the month's end"), _("Remaining")],
            [[y.school, y.contracted, y.delivered, y.remaining] for y in report.year],
            (32, 22, 26, 14),
        )
    _table(
        book.create_sheet(_("Visits")),
        [
            _("Date"),
            "ALT",
            _("Name"),
            _("School"),
            _("Substitute"),
            _("Lessons"),
            _("Daily report approved"),
        ],
        [
            [
                label_of(v.date),
                v.alt,
                v.alt_name,
                v.school,
                _("substitute") if v.substitute else "",
                v.lessons,
                _("approved") if v.reported else "",
            ]
            for v in report.visits
        ],
        (18, 10, 24, 32, 14, 12, 18),
    )
    _table(
        book.create_sheet(_("Lessons")),
        [_("Date"), _("Period"), _("Time"), _("School"), _("Class"), "ALT", _("Name")],
        [[label_of(x.date), x.period, x.time, x.school, x.homeroom, x.alt, x.alt_name] for x in report.lessons],
        (18, 10, 14, 32, 10, 10, 24),
    )
    _table(
        book.create_sheet(_("Duties")),
        [
            _("Date"),
            _("Participant"),
            _("Name"),
            _("Kind"),
            _("What"),
            _("School"),
            _("Minutes"),
            _("Hours"),
            _("Words"),
            _("Headcount"),
        ],
        [
            [
                label_of(d.date),
                d.participant,
                d.name,
                str(KIND_LABELS[d.kind]),
                d.title,
                d.school,
                d.minutes,
                round(d.minutes / 60, 2),
                d.words,
                d.headcount,
            ]
            for d in report.duties
        ],
        (18, 12, 24, 34, 30, 28, 10, 10, 10, 12),
    )
    _table(
        book.create_sheet(_("Absences")),
        [_("Date"), _("Participant"), _("Name"), _("Leave"), _("Visit missed")],
        [[label_of(a.date), a.participant, a.name, a.kind, a.schools] for a in report.absences],
        (18, 12, 24, 22, 40),
    )
    _table(
        book.create_sheet(_("Substitutes")),
        [_("Date"), _("School"), _("Class"), _("Time"), _("Absent"), _("Substitute")],
        [
            [label_of(c.date), c.school, c.homeroom, c.time, c.absent, c.substitute or _("not covered")]
            for c in report.covers
        ],
        (18, 32, 10, 14, 24, 24),
    )
    for sheet in book.worksheets:
        wrap_rows(sheet, 2)
    return workbook_bytes(book)


def monthly_pdf(report: Monthly, *, uncompressed: bool = False) -> bytes:
    """`uncompressed` leaves the PDF's objects readable as text (for tests that look inside)."""
    html = render_to_string(
        "duties/monthly_print.html",
        {
            "report": report,
            "language": get_language() or "ja",
            "title": _title(report),
            # A board's month is hundreds of visits: printed school by school (every visit is on the Excel sheet).
            "visits": [(day_label(v.date), v) for v in report.visits] if report.scope == "school" else [],
            "schools": report.visits_by_school() if report.scope == "board" else [],
            "absences": [(day_label(a.date), a) for a in report.absences],
            "covers": [(day_label(c.date), c) for c in report.covers],
        },
    )
    return html_pdf(html, uncompressed=uncompressed)


def monthly_filename(report: Monthly, code: str, extension: str) -> str:
    return f"monthly-{code}-{report.month:%Y-%m}.{extension}"
