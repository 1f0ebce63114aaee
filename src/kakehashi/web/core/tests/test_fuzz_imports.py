"""Fuzzing the imports: any bytes or any table under the right headers is either planned or refused with
ImportRefusedError (file, row and column named); no other exception, and nothing is written."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kakehashi.web.calendars.imports import COLUMNS as EVENT_COLUMNS
from kakehashi.web.calendars.imports import read_events
from kakehashi.web.core.tabular import ImportRefusedError
from kakehashi.web.organizations.models import Organization
from kakehashi.web.pages.imports.people import PARTICIPANT_COLUMNS, plan_participants
from kakehashi.web.pages.imports.schools import BELL_COLUMNS, SCHOOL_COLUMNS, plan_bells, plan_schools
from kakehashi.web.schools.models import School

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "1", "-3", "2026-05-23", "08:45", "elementary", "36.3", "139.0", "mon", "N2", "運動会"]),
)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _rows(width: int) -> st.SearchStrategy[list[list[str]]]:
    return st.lists(st.lists(cell, min_size=width, max_size=width), max_size=5)


def _planned_or_refused(plan: Any, name: str, columns: list[str], rows: int | None = None) -> None:
    """`plan()` plans, or is refused with problems that each name the file, and the row (the header is row 1,
    data rows follow, `rows` of them when the test wrote the file) and one of the file's columns whenever a
    cell is at fault."""
    try:
        plan()
    except ImportRefusedError as refused:
        assert refused.problems
        for problem in refused.problems:
            assert problem.file == name and str(problem).startswith(name), problem
            assert problem.english and problem.japanese, problem
            if problem.column is not None:
                assert problem.column in columns and problem.row is not None, problem
            if problem.row is not None:
                assert problem.row >= 1 and f"row {problem.row}" in str(problem), problem
                if rows is not None:
                    assert problem.row <= rows + 1, problem


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["schools.csv", "schools.xlsx", "schools.txt"]))
def test_any_bytes_as_a_schools_file_are_planned_or_refused(world: Any, content: bytes, name: str) -> None:
    board = Organization.objects.filter(kind="board").first()
    _planned_or_refused(lambda: plan_schools(name, content, board=board), name, SCHOOL_COLUMNS)
    assert School.objects.count() == 8  # the world's schools, nothing more


@FUZZ
@given(_rows(len(SCHOOL_COLUMNS)))
def test_any_cells_under_the_school_headers_are_planned_or_refused(world: Any, rows: list[list[str]]) -> None:
    board = Organization.objects.filter(kind="board").first()
    _planned_or_refused(
        lambda: plan_schools("schools.csv", _csv(SCHOOL_COLUMNS, rows), board=board),
        "schools.csv",
        SCHOOL_COLUMNS,
        len(rows),
    )


@FUZZ
@given(_rows(len(BELL_COLUMNS)))
def test_any_cells_under_the_bell_headers_are_planned_or_refused(world: Any, rows: list[list[str]]) -> None:
    _planned_or_refused(
        lambda: plan_bells("bells.csv", _csv(BELL_COLUMNS, rows), schools_in_scope=None),
        "bells.csv",
        BELL_COLUMNS,
        len(rows),
    )


@FUZZ
@given(_rows(len(PARTICIPANT_COLUMNS)))
def test_any_cells_under_the_participant_headers_are_planned_or_refused(world: Any, rows: list[list[str]]) -> None:
    north, _, _ = world
    _planned_or_refused(
        lambda: plan_participants("people.csv", _csv(PARTICIPANT_COLUMNS, rows), program=north.program),
        "people.csv",
        PARTICIPANT_COLUMNS,
        len(rows),
    )


@FUZZ
@given(_rows(4), st.binary(max_size=100))
def test_any_event_calendar_is_read_or_refused(world: Any, rows: list[list[str]], junk: bytes) -> None:
    _planned_or_refused(
        lambda: read_events("events.csv", _csv(EVENT_COLUMNS, rows)), "events.csv", EVENT_COLUMNS, len(rows)
    )
    _planned_or_refused(lambda: read_events("events.xlsx", junk), "events.xlsx", EVENT_COLUMNS)


def test_a_csv_file_whose_lines_end_in_a_lone_carriage_return_is_read_not_crashed_on(world: Any) -> None:
    board = Organization.objects.filter(kind="board").first()
    content = _csv(SCHOOL_COLUMNS, [["N9", "x"]]).replace(b"\r\n", b"\r")
    _planned_or_refused(lambda: plan_schools("schools.csv", content, board=board), "schools.csv", SCHOOL_COLUMNS, 1)


def test_a_nul_character_in_a_cell_is_refused_with_its_row_and_column(world: Any) -> None:
    # PostgreSQL cannot look a NUL up: the bell import failed with a database error instead of a refusal.
    content = _csv(BELL_COLUMNS, [["N1\x00", "default", "1", "08:45", "09:30"]])
    with pytest.raises(ImportRefusedError) as refused:
        plan_bells("bells.csv", content, schools_in_scope=None)
    assert [(p.file, p.row, p.column) for p in refused.value.problems] == [("bells.csv", 2, "school")]
