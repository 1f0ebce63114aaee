"""Import of a school's annual event calendar (行事予定表) from CSV (UTF-8 or Shift_JIS) or Excel: previewed
first, every problem named by file, row and column, nothing written when any row has one, and a second
import of the same year replacing the first rather than adding to it."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kakehashi.web.calendars.imports import read_events
from kakehashi.web.calendars.models import Event
from kakehashi.web.core.tabular import ImportRefusedError
from kakehashi.web.testing import signed_in

CALENDAR = """date,ends,name,kind
2026-04-07,,入学式,ceremony
2026/5/23,,運動会,
2026-06-24,2026-06-25,中間テスト,test
2026-07-13,2026-07-17,短縮日課,
"""


def upload(client: Client, url: str, name: str, content: bytes) -> str:
    """Preview, then confirm; the pages' text (the preview's and the list's after the import)."""
    preview = client.post(url, {"file": SimpleUploadedFile(name, content)}).content.decode()
    done = client.post(url + "confirm/", follow=True).content.decode()
    return preview + done


def events(owner: dict[str, Any]) -> list[tuple[str, str, dt.date, dt.date]]:
    return list(Event.objects.filter(**owner).order_by("starts").values_list("kind", "name", "starts", "ends"))


def xlsx(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


@pytest.mark.django_db
def test_a_csv_calendar_is_previewed_then_imported_with_the_compensatory_day(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    client = signed_in(north.users["coordinator"])
    url = f"/year/schools/{school.code}/events/import/"
    preview = client.post(url, {"file": SimpleUploadedFile("行事予定表.csv", CALENDAR.encode())}).content.decode()
    assert "School year 2026-27" in preview and "create: 4" in preview and "Mon 25 May 2026" in preview
    assert not Event.objects.exists()  # a preview writes nothing
    page = client.post(url + "confirm/", follow=True).content.decode()
    assert "Imported 行事予定表.csv: 4 events, 0 replaced." in page and "Mon 25 May 2026" in page
    assert events({"school": school}) == [
        ("ceremony", "入学式", dt.date(2026, 4, 7), dt.date(2026, 4, 7)),
        ("sports_day", "運動会", dt.date(2026, 5, 23), dt.date(2026, 5, 23)),
        ("test", "中間テスト", dt.date(2026, 6, 24), dt.date(2026, 6, 25)),
        ("shortened", "短縮日課", dt.date(2026, 7, 13), dt.date(2026, 7, 17)),
    ]


@pytest.mark.django_db
def test_a_shift_jis_csv_with_japanese_headers_and_kinds_is_imported(world: Any) -> None:
    north, _, _ = world
    school = north.schools[1]
    text = (
        "日付,終了日,行事名,種類\r\n"
        "2026/5/23,,体育祭,運動会\r\n"
        "2026年10月31日(土),,合唱祭,\r\n"  # as a Japanese calendar writes it, with the weekday
        "2026/12/2,2026/12/4,期末考査,考査\r\n"
    )
    upload(
        signed_in(north.users["coordinator"]),
        f"/year/schools/{school.code}/events/import/",
        "r8.csv",
        text.encode("cp932"),
    )
    assert events({"school": school}) == [
        ("sports_day", "体育祭", dt.date(2026, 5, 23), dt.date(2026, 5, 23)),
        ("culture_festival", "合唱祭", dt.date(2026, 10, 31), dt.date(2026, 10, 31)),
        ("test", "期末考査", dt.date(2026, 12, 2), dt.date(2026, 12, 4)),
    ]


@pytest.mark.django_db
def test_an_xlsx_calendar_with_excel_date_cells_is_imported(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    content = xlsx(
        [
            ["行事名", "日付", "終了日", "種類"],
            ["始業式", dt.datetime(2026, 4, 6), None, None],
            ["文化祭", dt.datetime(2026, 10, 31), None, "culture_festival"],
            ["臨時休校", "2027/1/8", None, None],
        ]
    )
    page = upload(
        signed_in(north.users["supervisor"]), f"/year/schools/{school.code}/events/import/", "r8.xlsx", content
    )
    assert "Mon 2 Nov 2026" in page  # the culture festival's compensatory day
    assert events({"school": school}) == [
        ("ceremony", "始業式", dt.date(2026, 4, 6), dt.date(2026, 4, 6)),
        ("culture_festival", "文化祭", dt.date(2026, 10, 31), dt.date(2026, 10, 31)),
        ("closure", "臨時休校", dt.date(2027, 1, 8), dt.date(2027, 1, 8)),
    ]


@pytest.mark.django_db
def test_a_bad_date_and_an_unknown_kind_are_refused_naming_row_and_column_and_nothing_is_written(world: Any) -> None:
    north, _, _ = world
    school = north.schools[0]
    Event.objects.create(
        school=school, kind="test", name="前のテスト", starts=dt.date(2026, 6, 1), ends=dt.date(2026, 6, 1)
    )
    text = "date,name,kind\n2026-04-07,入学式,\n2026-13-01,運動会,\n2026-07-01,期末テスト,picnic\n2026-05-15,遠足,\n"
    client = signed_in(north.users["coordinator"])
    page = client.post(
        f"/year/schools/{school.code}/events/import/", {"file": SimpleUploadedFile("bad.csv", text.encode())}
    ).content.decode()
    assert "Nothing was imported" in page
    assert "bad.csv, row 3, column &quot;date&quot;: &#x27;2026-13-01&#x27; is not a date" in page
    assert "bad.csv, row 4, column &quot;kind&quot;" in page and "picnic" in page
    assert (
        "row 5, column &quot;kind&quot;: is empty and the name &#x27;遠足&#x27; does not say"
        in page
    )
    assert "行事名「遠足」から種類が分かりません" not in page
    # Nothing waits for confirmation, and the school's events are as they were.
    assert client.post(f"/year/schools/{school.code}/events/import/confirm/").status_code == 302
    assert events({"school": school}) == [("test", "前のテスト", dt.date(2026, 6, 1), dt.date(2026, 6, 1))]


def test_every_problem_of_a_row_is_named_with_its_japanese_column() -> None:
    text = "日付,終了日,行事名\n2026/5/23(日),2026/5/22,運動会\n,,\n2026/6/31,,テスト\n"
    with pytest.raises(ImportRefusedError) as refused:
        read_events("r8.csv", text.encode())
    found = [(p.row, p.column, p.english) for p in refused.value.problems]
    assert found == [
        (2, "日付", "'2026/5/23(日)': 2026-05-23 is a Saturday, not 日"),
        (4, "日付", "'2026/6/31' is not a date like 2026-05-23 or 2026/5/23"),
    ]


def test_a_missing_column_and_a_row_in_another_school_year_are_refused() -> None:
    with pytest.raises(ImportRefusedError) as refused:
        read_events("r8.csv", "日付,種類\n2026-05-23,運動会\n".encode())
    assert [(p.row, p.column) for p in refused.value.problems] == [(1, "name / 行事名")]
    with pytest.raises(ImportRefusedError) as refused:
        read_events("r8.csv", "date,name\n2026-05-23,運動会\n2062-10-31,文化祭\n2026-04-07,入学式\n".encode())
    [problem] = refused.value.problems
    assert (problem.row, problem.column) == (3, "date") and "school year 2062, the rest of the file in 2026" in str(
        problem
    )


def test_compensatory_and_reserve_day_rows_are_left_out_with_the_reason() -> None:
    read = read_events(
        "r8.csv", "date,name\n2026-05-23,運動会\n2026-05-25,振替休業日\n2026-05-30,運動会予備日\n".encode()
    )
    assert [(e.row, e.name, e.kind) for e in read.events] == [(2, "運動会", "sports_day")]
    assert [(r.row, r.name) for r in read.left_out] == [(3, "振替休業日"), (4, "運動会予備日")]
    assert "computed" in read.left_out[0].why and "rained out" in read.left_out[1].why


@pytest.mark.django_db
def test_importing_the_same_file_again_replaces_rather_than_duplicates(world: Any) -> None:
    north, _, _ = world
    school, other = north.schools[0], north.schools[1]
    last_year = Event.objects.create(
        school=school, kind="ceremony", name="卒業式", starts=dt.date(2026, 3, 19), ends=dt.date(2026, 3, 19)
    )
    neighbour = Event.objects.create(
        school=other, kind="sports_day", name="運動会", starts=dt.date(2026, 5, 23), ends=dt.date(2026, 5, 23)
    )
    client = signed_in(north.users["coordinator"])
    url = f"/year/schools/{school.code}/events/import/"
    upload(client, url, "r8.csv", CALENDAR.encode())
    first = events({"school": school})
    page = upload(client, url, "r8.csv", CALENDAR.encode())
    assert "4 events, 4 replaced" in page
    assert events({"school": school}) == first and len(first) == 5  # last year's 卒業式 and this year's four
    corrected = CALENDAR.replace("2026/5/23,,運動会,", "2026/5/30,,運動会,")
    upload(client, url, "r8.csv", corrected.encode())
    assert Event.objects.get(school=school, name="運動会").starts == dt.date(2026, 5, 30)
    assert Event.objects.filter(school=school).count() == 5
    assert Event.objects.filter(pk__in=[last_year.pk, neighbour.pk]).count() == 2


@pytest.mark.django_db
def test_a_board_import_gives_every_school_of_the_board_the_events(world: Any) -> None:
    north, _, _ = world
    upload(
        signed_in(north.users["supervisor"]),
        f"/year/boards/{north.board.pk}/events/import/",
        "board.csv",
        CALENDAR.encode(),
    )
    assert len(events({"board": north.board})) == 4 and not Event.objects.filter(school__isnull=False).exists()
    page = signed_in(north.users["school_staff"]).get(f"/year/schools/{north.schools[0].code}/events/?year=2026")
    assert "中間テスト" in page.content.decode()


@pytest.mark.django_db
def test_a_jte_cannot_import_and_a_confirm_for_another_school_finds_nothing_waiting(world: Any) -> None:
    north, _, _ = world
    jte = signed_in(north.users["school_staff"])
    url = f"/year/schools/{north.schools[0].code}/events/import/"
    assert jte.post(url, {"file": SimpleUploadedFile("r8.csv", CALENDAR.encode())}).status_code == 403
    client = signed_in(north.users["coordinator"])
    client.post(url, {"file": SimpleUploadedFile("r8.csv", CALENDAR.encode())})
    client.post(f"/year/schools/{north.schools[1].code}/events/import/confirm/")
    assert not Event.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_downloads_and_imports_as_it_is(world: Any, fmt: str) -> None:
    north, _, _ = world
    client = signed_in(north.users["coordinator"])
    response = client.get(f"/year/events/template.{fmt}")
    assert response.status_code == 200 and f"kakehashi-events-template.{fmt}" in response["Content-Disposition"]
    school = north.schools[0]
    page = upload(client, f"/year/schools/{school.code}/events/import/", f"template.{fmt}", response.content)
    assert "Mon 25 May 2026" in page and "Mon 2 Nov 2026" in page
    found = events({"school": school})
    assert ("sports_day", "運動会", dt.date(2026, 5, 23), dt.date(2026, 5, 23)) in found
    assert ("test", "中間テスト", dt.date(2026, 6, 24), dt.date(2026, 6, 25)) in found
    assert len(found) == 7


def test_a_calendar_over_the_import_byte_limit_is_refused_like_every_other_import(world: Any, settings: Any) -> None:
    north, _, _ = world
    settings.IMPORT_MAX_BYTES = 100
    client = signed_in(north.users["coordinator"])
    page = client.post(
        f"/year/schools/{north.schools[0].code}/events/import/",
        {"file": SimpleUploadedFile("r8.csv", CALENDAR.encode())},
    ).content.decode()
    assert "Nothing was imported" in page
    assert "r8.csv: is larger than 100 bytes (0.0 MB), the most an import reads" in page
