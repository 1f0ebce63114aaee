"""The two writers every export goes through (core/spreadsheet.py), fuzzed directly (issue 16, "done when"):
for any table of typed text and numbers, workbook_bytes stores no formula at all — not one <f> element in any
sheet — and keeps each text exactly, quote-prefixed when it starts like a formula; csv_bytes writes no cell that
starts like a formula (bar a negative number), and a formula-like text comes back exactly behind one apostrophe."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from kakehashi.web.core.spreadsheet import csv_bytes, workbook_bytes

# Written out here, not imported from the code under test.
STARTS = ("=", "+", "-", "@", "\t", "\r")
# Any character a person can get into a text field (surrogates cannot be encoded; other control characters are
# refused by the fields and by openpyxl itself), often behind a formula's first character.
typed = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\r\n"), max_size=40)
text = st.one_of(typed, st.tuples(st.sampled_from(STARTS), typed).map("".join))
value = st.one_of(text, st.integers(-(2**53), 2**53), st.floats(allow_nan=False, allow_infinity=False), st.none())
tables = st.lists(st.lists(value, min_size=1, max_size=5), min_size=1, max_size=6)


def starts_like_a_formula(cell: object) -> bool:
    return isinstance(cell, str) and cell.startswith(STARTS)


@settings(max_examples=200, deadline=None)
@given(table=tables)
def test_a_workbook_of_any_typed_text_holds_no_formula_and_keeps_each_text(table: list[list[Any]]) -> None:
    book = openpyxl.Workbook()
    for row in table:
        book.active.append(row)
    content = workbook_bytes(book)
    with zipfile.ZipFile(io.BytesIO(content)) as parts:
        sheets = [parts.read(name).decode() for name in parts.namelist() if name.startswith("xl/worksheets/")]
    assert not [sheet for sheet in sheets if re.search(r"<(\w+:)?f[ >/]", sheet)]
    read = openpyxl.load_workbook(io.BytesIO(content)).active
    for r, row in enumerate(table, start=1):
        for c, written in enumerate(row, start=1):
            cell = read.cell(r, c)
            assert cell.data_type != "f"
            if isinstance(written, str) and written:
                # XML reads a carriage return as a line feed; every other character comes back as it went.
                assert cell.value == written.replace("\r\n", "\n").replace("\r", "\n")
                assert cell.quotePrefix == starts_like_a_formula(written)


@settings(max_examples=200, deadline=None)
@given(table=tables)
def test_a_csv_of_any_typed_text_has_no_cell_starting_like_a_formula(table: list[list[Any]]) -> None:
    content = csv_bytes(table)
    read = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    # A negative number is written as one ("-3") and read as a number; only text could become a formula.
    from_text = [
        cell
        for row, written_row in zip(read, table, strict=True)
        for cell, written in zip(row, written_row, strict=True)
        if isinstance(written, str)
    ]
    assert not [cell for cell in from_text if starts_like_a_formula(cell)]
    assert len(read) == len(table)
    for row, written_row in zip(read, table, strict=True):
        for cell, written in zip(row, written_row, strict=True):
            if isinstance(written, str):
                assert cell == ("'" + written if starts_like_a_formula(written) else written)
            elif written is not None:
                assert cell == str(written)
