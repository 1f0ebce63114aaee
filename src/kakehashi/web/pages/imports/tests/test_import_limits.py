"""Files that would exhaust the server are refused before they are parsed, through the page and the API alike:
too many bytes, a workbook that unpacks to too much (a zip bomb), too many rows, a workbook declaring XML
entities; and a refusal lists at most a hundred problems, then how many more. The evil files are made here,
in a few lines each, never stored."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from html import unescape
from typing import Any

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from kakehashi.web.api.tokens import token_issue
from kakehashi.web.core.tabular import ImportRefusedError
from kakehashi.web.pages.imports.schools import plan_bells, plan_classes
from kakehashi.web.schools.models import BellPeriod
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
SHEET_START = b'<?xml version="1.0" encoding="UTF-8"?>\n'
SHEET_OPEN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_CLOSE = b"</sheetData></worksheet>"


def _row(*cells: str) -> bytes:
    inline = "".join(f'<c t="inlineStr"><is><t>{cell}</t></is></c>' for cell in cells)
    return f"<row>{inline}</row>".encode()


def _workbook(sheet: Iterable[bytes]) -> bytes:
    """A real workbook (openpyxl's) whose first sheet is replaced by the chunks of XML given."""
    book, plain = openpyxl.Workbook(), io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for part in source.infolist():
            if part.filename != SHEET:
                target.writestr(part, source.read(part))
        with target.open(SHEET, "w") as written:
            for chunk in sheet:
                written.write(chunk)
    return out.getvalue()


def _zip_bomb(rows: int) -> bytes:
    """A bells workbook of `rows` identical one-cell rows: a few dozen KB that unpack to tens of MB."""
    block = b"<row><c><v>1</v></c></row>" * 1000
    header = _row("school", "variant", "period", "start", "end")
    return _workbook([SHEET_START, SHEET_OPEN, header, *[block] * (rows // 1000), SHEET_CLOSE])


def _csv(header: str, lines: Iterable[str]) -> bytes:
    return (header + "\n" + "\n".join(lines) + "\n").encode()


def _api_problems(user: Any, name: str, content: bytes, kind: str = "bells") -> list[str]:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user).key}")
    answer = client.post("/api/imports/", {"kind": kind, "file": SimpleUploadedFile(name, content)})
    assert answer.status_code == 400, answer.content[:500]
    problems: list[str] = answer.json()["problems"]
    return problems


def _page_problems(user: Any, name: str, content: bytes, kind: str = "bells") -> list[str]:
    page = signed_in(user).post("/imports/", {"kind": kind, "file": SimpleUploadedFile(name, content)})
    assert page.status_code == 200 and "Nothing was imported" in page.content.decode()
    listed = page.content.decode().split('<div class="problems"', 1)[1].split("</div>", 1)[0]
    return [unescape(item) for item in re.findall(r"<li>(.*?)</li>", listed, re.DOTALL)]


THROUGH: dict[str, Callable[[Any, str, bytes], list[str]]] = {"page": _page_problems, "api": _api_problems}


def test_overlapping_bells_give_one_problem_per_period_not_one_per_pair(world: Any) -> None:
    north, _, _ = world
    code = north.schools[0].code
    lines = [f"{code},1,08:00,10:00", f"{code},2,08:30,08:45", f"{code},3,09:00,09:30", f"{code},4,10:00,10:45"]
    with pytest.raises(ImportRefusedError) as refused:
        plan_bells("bells.csv", _csv("school,period,start,end", lines), schools_in_scope=None)
    overlap = 'column "start": overlaps period 1 on row 2'
    assert [str(p) for p in refused.value.problems] == [
        f"bells.csv, row 3, {overlap}",
        f"bells.csv, row 4, {overlap}",
    ]  # period 4 starts as period 1 ends: no overlap


@pytest.mark.parametrize("through", THROUGH)
def test_three_hundred_overlapping_bells_list_a_hundred_problems_and_count_the_rest(world: Any, through: str) -> None:
    north, _, _ = world
    code = north.schools[0].code
    lines = [f"{code},{period},08:00,12:00" for period in range(1, 301)]  # every pair overlaps: 44,850 pairs
    problems = THROUGH[through](north.users["coordinator"], "bells.csv", _csv("school,period,start,end", lines))
    assert len(problems) == 101
    assert problems[0].startswith("bells.csv, row 3") and "overlaps period 1 on row 2" in problems[0]
    assert problems[-1] == "bells.csv: and 199 more problems"
    assert not BellPeriod.objects.filter(school__code=code, period="300").exists()


@pytest.mark.parametrize("through", THROUGH)
def test_a_file_over_the_byte_limit_is_refused_by_the_page_and_the_api_alike(
    world: Any, through: str, settings: Any
) -> None:
    north, _, _ = world
    settings.IMPORT_MAX_BYTES = 1000
    content = _csv("school,period,start,end", [f"{north.schools[0].code},{p},08:00,08:10" for p in range(100)])
    assert len(content) > 1000
    problems = THROUGH[through](north.users["coordinator"], "bells.csv", content)
    assert problems == [
        "bells.csv: is larger than 1,000 bytes (0.0 MB), the most an import reads"
    ]


@pytest.mark.parametrize("through", THROUGH)
def test_a_zip_bomb_workbook_is_refused_by_its_unpacked_size_before_it_is_parsed(world: Any, through: str) -> None:
    north, _, _ = world
    bomb = _zip_bomb(1_000_000)
    assert len(bomb) < 100_000  # a million rows in a file a JTE could mail
    problems = THROUGH[through](north.users["coordinator"], "bells.xlsx", bomb)
    limit = f"{settings.IMPORT_MAX_EXPANDED_BYTES:,} bytes ({settings.IMPORT_MAX_EXPANDED_BYTES / 1_048_576:.1f} MB)"
    assert problems == [
        f"bells.xlsx: expands to more than {limit} when unpacked, the most an import reads"
    ]


def test_a_workbook_with_more_rows_than_the_limit_is_refused_while_it_is_streamed(
    world: Any, django_assert_num_queries: Any
) -> None:
    # One row, numbered far down the sheet: openpyxl would hand out every empty row above it.
    far_down = _workbook(
        [SHEET_START, SHEET_OPEN, _row("school", "class", "grade"), b'<row r="5000000"/>', SHEET_CLOSE]
    )
    with django_assert_num_queries(0), pytest.raises(ImportRefusedError) as refused:
        plan_classes("classes.xlsx", far_down, schools_in_scope=None)
    limit = settings.IMPORT_MAX_ROWS
    assert [str(p) for p in refused.value.problems] == [
        f"classes.xlsx: has more than {limit:,} rows after the header, the most an import reads; split the file"
    ]


def test_a_csv_with_more_rows_than_the_limit_is_refused_before_any_row_is_checked(
    world: Any, django_assert_num_queries: Any
) -> None:
    north, _, _ = world
    rows = (f"{north.schools[0].code},{grade}-{room % 10 + 1},{grade}" for room in range(20_000) for grade in (1, 2))
    content = _csv("school,class,grade", rows)
    with django_assert_num_queries(0), pytest.raises(ImportRefusedError) as refused:
        plan_classes("classes.csv", content, schools_in_scope=None)
    assert len(refused.value.problems) == 1 and "rows after the header" in str(refused.value.problems[0])


def test_two_hundred_thousand_classes_through_the_api_are_one_problem_not_a_37_mb_answer(world: Any) -> None:
    north, _, _ = world
    content = _csv("school,class,grade", (f"NOPE,{n % 9 + 1}-1,{n % 9 + 1}" for n in range(200_000)))
    problems = _api_problems(north.users["coordinator"], "classes.csv", content, kind="classes")
    assert len(problems) == 1 and f"has more than {settings.IMPORT_MAX_ROWS:,} rows" in problems[0]


@pytest.mark.parametrize("through", THROUGH)
def test_a_workbook_declaring_an_xml_entity_is_refused_with_a_problem_not_a_server_error(
    world: Any, through: str
) -> None:
    north, _, _ = world
    header = _row("school", "variant", "period", "start", "end").replace(b"<t>school</t>", b"<t>&school;</t>")
    doctype = b'<!DOCTYPE worksheet [<!ENTITY school "school">]>'
    entity = _workbook([SHEET_START, doctype, SHEET_OPEN, header, SHEET_CLOSE])
    problems = THROUGH[through](north.users["coordinator"], "bells.xlsx", entity)
    assert problems == [
        "bells.xlsx: declares XML entities (a DTD), which an import never reads; save it again from Excel"
    ]


def test_a_csv_cell_longer_than_the_csv_reader_takes_is_a_problem_not_a_server_error(world: Any) -> None:
    north, _, _ = world
    content = _csv("school,class,grade", [f'{north.schools[0].code},"{"x" * 200_000}",1'])
    problems = _api_problems(north.users["coordinator"], "classes.csv", content, kind="classes")
    assert len(problems) == 1 and problems[0].startswith("classes.csv, row 2: cannot be read as CSV (")


def test_a_p29_file_with_more_schools_than_the_row_limit_is_refused_before_any_name_is_made(
    world: Any, settings: Any, django_assert_max_num_queries: Any
) -> None:
    # 5 MB of P29 held 29,815 schools, which took 13 minutes to plan and write on a busy machine.
    from kakehashi.web.pages.imports.schools import plan_p29

    north, _, _ = world
    settings.IMPORT_MAX_ROWS = 50
    schools = [
        {"municipality": "10202", "code": f"B1{n:011d}", "kind": "elementary", "name_ja": f"第{n}小学校",
         "address": "高崎市", "lat": 36.3, "lon": 139.0}
        for n in range(51)
    ]
    content = json.dumps({"source": "test", "schools": schools}, ensure_ascii=False).encode()
    with django_assert_max_num_queries(0), pytest.raises(ImportRefusedError) as refused:
        plan_p29("P29.json", content, board=north.board, municipality="10202", kinds=["elementary"])
    assert "has 51 schools of the municipality and kinds chosen, more than 50" in str(refused.value.problems[0])
    accepted = plan_p29("P29.json", json.dumps({"source": "t", "schools": schools[:50]}).encode(),
                        board=north.board, municipality="10202", kinds=["elementary"])
    assert accepted.summary == {"create": 50, "update": 0}
