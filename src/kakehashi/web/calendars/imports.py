"""Import of a school's or a board's annual event calendar (行事予定表) from CSV (UTF-8 or Shift_JIS) or
.xlsx: columns date, optional ends, name, optional kind, in English or Japanese (日付, 終了日, 行事名, 種類).

`read_events` reads and checks the whole file and raises ImportRefusedError with every problem; only
`EventImport.apply()` writes. An import replaces the owner's events of the school year the file covers,
so importing the same file twice leaves the same events, not twice as many."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from kakehashi.schoolyear import SchoolYear
from kakehashi.timetable.instance import weekday_ja
from kakehashi.web.calendars.kinds import KIND_SPELLINGS, kind_from_name, kind_of_cell, normalized, not_an_event
from kakehashi.web.calendars.models import Event
from kakehashi.web.calendars.owners import Owner
from kakehashi.web.core.tabular import ImportRefusedError, Problem, RowReader, read_table, rows_in

# Each column's accepted headers: English, then the Japanese a problem names, then other spellings seen in
# 行事予定表s (read_table lower-cases them).
HEADERS: dict[str, tuple[str, ...]] = {
    "date": ("date", "日付", "starts", "開始日", "月日"),
    "ends": ("ends", "終了日"),
    "name": ("name", "行事名", "行事", "行事内容"),
    "kind": ("kind", "種類", "区分"),
}
COLUMNS = ["date", "ends", "name", "kind"]
# 2026-05-23, 2026/5/23, 2026.5.23 or 2026年5月23日, optionally with the weekday as 行事予定表s write it: (土)
DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:\(\s*([月火水木金土日])\s*\))?$")


@dataclass(frozen=True)
class EventLine:
    row: int
    starts: dt.date
    ends: dt.date
    name: str
    kind: str

    def get_kind_display(self) -> str:
        return str(dict(Event.KIND_CHOICES)[self.kind])


@dataclass(frozen=True)
class LeftOut:
    """A row that names no event of its own (振替休業日, 予備日), shown in the preview but not imported."""

    row: int
    name: str
    why: str


@dataclass(frozen=True)
class EventFile:
    year: int  # the school year the file covers (April to March)
    events: list[EventLine]
    left_out: list[LeftOut]


def read_events(name: str, content: bytes) -> EventFile:
    header, rows = read_table(name, content)
    columns = {key: next((h for h in spellings if h in header), None) for key, spellings in HEADERS.items()}
    missing = [key for key in ("date", "name") if columns[key] is None]
    if missing:
        raise ImportRefusedError(
            [
                Problem(name, 1, f"{key} / {HEADERS[key][1]}", "this column is missing", "この列がありません")
                for key in missing
            ]
        )
    problems: list[Problem] = []
    events: list[EventLine] = []
    left_out: list[LeftOut] = []
    seen: dict[tuple[dt.date, str], int] = {}
    for cells in rows_in(name, rows, problems):
        line = _read_row(cells, columns, seen, left_out)
        if line is not None:
            events.append(line)
    year = _check_one_year(name, columns["date"] or "date", events, problems)
    if not events and not problems:
        problems.append(Problem(name, None, None, "has no events", "行事が一行もありません"))
    if problems:
        raise ImportRefusedError(problems)
    return EventFile(year, events, left_out)


def _read_row(
    cells: RowReader, columns: dict[str, str | None], seen: dict[tuple[dt.date, str], int], left_out: list[LeftOut]
) -> EventLine | None:
    name_column = columns["name"] or "name"
    title = cells.text(name_column)
    reason = not_an_event(title) if title else None
    if reason is not None:
        left_out.append(LeftOut(cells.row.number, title, f"{reason[0]} / {reason[1]}"))
        return None
    # Every cell is read even after a bad one, so that the person fixing the file sees all at once.
    before = len(cells.problems)
    starts = _date(cells, columns["date"], required=True)
    ends = _date(cells, columns["ends"], required=False) if columns["ends"] else None
    if starts is not None and ends is not None and ends < starts:
        cells.fail(columns["ends"], f"{ends} is before the date {starts}", f"{ends} は開始日 {starts} より前です")
    kind = _kind(cells, columns["kind"], title)
    if len(cells.problems) > before or starts is None or kind is None:
        return None
    if (starts, title) in seen:
        row = seen[(starts, title)]
        cells.fail(name_column, f"{title!r} on {starts} is already on row {row}", f"{row}行目と同じ行事です")
        return None
    seen[(starts, title)] = cells.row.number
    return EventLine(cells.row.number, starts, ends or starts, title, kind)


def _date(cells: RowReader, column: str | None, *, required: bool) -> dt.date | None:
    value = normalized(cells.row.values.get(column, "")).strip() if column else ""
    if not value:
        if required:
            cells.fail(column, "is empty", "空欄です")
        return None
    match = DATE.match(value)
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:  # 2026/2/30: the shape of a date, but no such day
        day = None
    if match is None or day is None:
        cells.fail(
            column,
            f"{value!r} is not a date like 2026-05-23 or 2026/5/23",
            f"「{value}」は 2026-05-23 や 2026/5/23 のような日付ではありません",
        )
        return None
    if match[4] and weekday_ja(day) != match[4]:
        # A wrong weekday means either the date or the weekday was mistyped; the file cannot say which.
        cells.fail(
            column,
            f"{value!r}: {day} is a {day:%A}, not {match[4]}",
            f"「{value}」: {day} は{weekday_ja(day)}曜日です",
        )
        return None
    return day


def _kind(cells: RowReader, column: str | None, title: str) -> str | None:
    value = cells.row.values.get(column, "").strip() if column else ""
    if value:
        kind = kind_of_cell(value)
        if kind is None:
            accepted = ", ".join(KIND_SPELLINGS)
            cells.fail(
                column, f"{value!r} is not one of: {accepted}", f"「{value}」は次のいずれでもありません: {accepted}"
            )
        return kind
    kind = kind_from_name(title) if title else None
    if kind is None and title:
        cells.fail(
            column or "kind",
            f"is empty and the name {title!r} does not say the kind: write one of "
            "sports_day, culture_festival, test, closure, shortened, ceremony, or leave the row out",
            f"空欄で、行事名「{title}」から種類が分かりません。運動会・文化祭・テスト・休業・短縮・式のいずれかを"
            "書くか、この行を削除してください",
        )
    return kind


def _check_one_year(name: str, column: str, events: list[EventLine], problems: list[Problem]) -> int:
    """One file is one school year's calendar; a row in another year is most likely a mistyped year."""
    if not events:
        return 0
    years = Counter(SchoolYear.of(e.starts) for e in events)
    year = years.most_common(1)[0][0]
    for e in events:
        other = SchoolYear.of(e.starts)
        if other != year:
            problems.append(
                Problem(
                    name,
                    e.row,
                    column,
                    f"{e.starts} is in school year {other}, the rest of the file in {year}",
                    f"{e.starts} は{other}年度です（他の行は{year}年度）",
                )
            )
    return year


@dataclass(frozen=True)
class EventImport:
    """What an import will do: the events it creates and the ones it replaces, and the writer."""

    file: EventFile
    replaced: list[Event]
    apply: Callable[[], None]


def plan_import(owner: Owner, name: str, content: bytes) -> EventImport:
    read = read_events(name, content)
    year = SchoolYear(read.year)
    # Events starting in the file's school year only: last year's calendar stays as it was.
    replaced = owner.own_events().filter(starts__range=(year.starts, year.ends))

    @transaction.atomic
    def apply() -> None:
        for event in replaced:
            event.delete()  # one by one, so that each deletion is in the change log
        for line in read.events:
            event = owner.new_event()
            event.kind, event.name, event.starts, event.ends = line.kind, line.name, line.starts, line.ends
            event.full_clean()
            event.save()

    return EventImport(read, list(replaced), apply)
