"""A participant's week as an Excel workbook and as a printable A4 PDF (Japanese text in Noto CJK), in the
reader's language."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill

from kakehashi.web.core.pdf import html_pdf
from kakehashi.web.core.spreadsheet import new_workbook, workbook_bytes, wrap_rows
from kakehashi.web.core.templatetags.kakehashi import weekday
from kakehashi.web.pages.people.selectors import participant_version, participant_week_grid
from kakehashi.web.people.models import Participant


def week_rows(participant: Participant) -> list[list[str]]:
    version = participant_version(participant)
    rows = []
    for day, blocks in participant_week_grid(participant, version):
        for block in blocks:
            what = block.label if block.kind == "lesson" else _("Travel (%(time)s)") % {"time": block.label}
            rows.append([weekday(day), block.times, what, block.detail])
    return rows


def week_excel(participant: Participant) -> bytes:
    book, sheet = new_workbook(_("Week"))
    version = participant_version(participant)
    sheet.append([f"{participant.name} {participant.name_katakana}".strip()])
    number = version.number if version else "—"
    sheet.append([f"{participant.program} · " + _("version %(n)s") % {"n": number}])
    sheet.append([])
    sheet.append([_("Day"), _("Time"), _("Class or travel"), _("School, period")])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E3F0F7")
    for row in week_rows(participant):
        sheet.append(row)
    sheet["A1"].font = Font(bold=True, size=14)
    for column, width in zip("ABCD", (10, 14, 26, 48), strict=True):
        sheet.column_dimensions[column].width = width
    wrap_rows(sheet, 5)
    return workbook_bytes(book)


def week_pdf(participant: Participant, *, uncompressed: bool = False) -> bytes:
    """`uncompressed` leaves the PDF's objects readable as text (for tests that look inside)."""
    version = participant_version(participant)
    html = render_to_string(
        "people/week_print.html",
        {
            "participant": participant,
            "version": version,
            "rows": week_rows(participant),
            "travel": _("Travel"),
            "language": get_language() or "ja",
        },
    )
    return html_pdf(html, uncompressed=uncompressed)
