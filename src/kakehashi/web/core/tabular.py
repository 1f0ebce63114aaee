"""Reading spreadsheets for imports: CSV (UTF-8, or Shift_JIS as Japanese Excel saves it) and .xlsx,
each row with the number a person sees in their spreadsheet (the header is row 1).

Every problem is a `Problem` naming the file, row and column, in English and Japanese; an import
collects them all before it writes anything.

A file is bounded before it is parsed (docs/security.md): its bytes (`read_upload`), an .xlsx's expanded
size (the sizes its zip declares, which zipfile enforces while inflating), and its rows, counted while the
file is streamed so that reading stops at the first row past the limit. openpyxl parses the workbook's
XML through defusedxml, so a DTD entity is refused instead of expanded.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.utils.translation import get_language

# openpyxl picks defusedxml when it can import it; OPENPYXL_DEFUSEDXML=False would switch it off.
if not openpyxl.DEFUSEDXML:
    raise ImproperlyConfigured("openpyxl must read workbooks through defusedxml: unset OPENPYXL_DEFUSEDXML")

MAX_PROBLEMS = 100  # a refusal lists this many problems, then how many more there are
MAX_COLUMNS = 100  # cells right of this column are never read (the widest import has 22 columns)
MAX_WORKBOOK_PARTS = 1000  # a workbook with a sheet or two has a few dozen files in its zip


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    english: str
    japanese: str

    def __str__(self) -> str:
        """Where and why, in the reader's language: `week.xlsx, row 3, column "start": …` or
        `week.xlsx、3行目、「start」列：…`."""
        japanese = (get_language() or "").startswith("ja")
        row, column, colon = ("、{}行目", "、「{}」列", "：") if japanese else (", row {}", ', column "{}"', ": ")
        where = self.file
        if self.row is not None:
            where += row.format(self.row)
        if self.column:
            where += column.format(self.column)
        return where + colon + (self.japanese or self.english if japanese else self.english)


class ImportRefusedError(Exception):
    """The file cannot be imported; `problems` says where and why. Nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems[:5]))
        self.problems = problems[:MAX_PROBLEMS]
        more = len(problems) - MAX_PROBLEMS
        if more > 0:  # the page and the API show them all: a file with a problem on every row stays readable
            self.problems.append(
                Problem(
                    problems[0].file, None, None, f"and {more:,} more problems", f"ほかに{more:,}件の問題があります"
                )
            )


def _refused(name: str, english: str, japanese: str, row: int | None = None) -> ImportRefusedError:
    return ImportRefusedError([Problem(name, row, None, english, japanese)])


def _size(limit: int) -> str:
    return f"{limit:,} bytes ({limit / 1_048_576:.1f} MB)"


def read_upload(upload: File[bytes]) -> bytes:
    """The bytes of an uploaded import file, refused by its size before they are read. Every import
    (pages and API) reads its file through this, so the limit is the same everywhere."""
    name, limit = upload.name or "file", settings.IMPORT_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise _refused(
            name,
            f"is larger than {_size(limit)}, the most an import reads",
            f"ファイルが大きすぎます（上限 {_size(limit)}）",
        )
    content: bytes = upload.read()
    return content


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


def read_table(name: str, content: bytes) -> tuple[list[str], list[Row]]:
    """Header (lower-cased, trimmed) and the non-empty rows of the first sheet or the CSV file."""
    if name.lower().endswith(".xlsx"):
        table = _workbook_table(name, content)
    elif name.lower().endswith(".csv"):
        table = _csv_table(name, content)
    else:
        raise ImportRefusedError(
            [Problem(name, None, None, "must be a .csv or .xlsx file", ".csv か .xlsx のファイルを選んでください")]
        )
    if not table or not any(cell.strip() for cell in table[0]):
        raise ImportRefusedError([Problem(name, 1, None, "has no header row", "見出し行がありません")])
    header = [cell.strip().lower() for cell in table[0]]
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        rows.append(
            Row(number, {key: (cells[i].strip() if i < len(cells) else "") for i, key in enumerate(header) if key})
        )
    # A NUL character is never meant (a damaged or binary file) and PostgreSQL cannot store or even look it up.
    nul = [
        Problem(name, row.number, column, "contains a NUL character", "NUL 文字が含まれています")
        for row in rows
        for column, value in row.values.items()
        if "\x00" in value
    ]
    if nul:
        raise ImportRefusedError(nul)
    return header, rows


def _workbook_table(name: str, content: bytes) -> list[list[str]]:
    _refuse_if_expanding_too_far(name, content)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            # read_only streams the sheet: rows are parsed as they are asked for, inside this `try`.
            rows = book.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True)
            return _at_most_the_row_limit(name, ([_cell_text(v) for v in row] for row in rows))
        finally:
            book.close()
    except ImportRefusedError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file; all mean the same to the user
        if _caused_by_defusedxml(error):
            raise _refused(
                name,
                "declares XML entities (a DTD), which an import never reads; save it again from Excel",
                "XML のエンティティ（DTD）を含むため読めません。Excel で保存し直してください",
            ) from None
        raise _not_a_workbook(name) from None


def _caused_by_defusedxml(error: BaseException | None) -> bool:
    """openpyxl wraps a parse error of the workbook's parts in its own ValueError."""
    while error is not None:
        if isinstance(error, DefusedXmlException):
            return True
        error = error.__cause__ or error.__context__
    return False


def _not_a_workbook(name: str) -> ImportRefusedError:
    return _refused(name, "is not a readable .xlsx workbook", "Excel (.xlsx) ファイルとして読めません")


def _refuse_if_expanding_too_far(name: str, content: bytes) -> None:
    """Refuse a zip bomb before inflating it: zipfile never inflates a member past its declared size."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except Exception:  # not a zip at all, or a damaged one
        raise _not_a_workbook(name) from None
    expanded, limit = sum(part.file_size for part in parts), settings.IMPORT_MAX_EXPANDED_BYTES
    if expanded > limit or len(parts) > MAX_WORKBOOK_PARTS:
        raise _refused(
            name,
            f"expands to more than {_size(limit)} when unpacked, the most an import reads",
            f"展開後のサイズが上限（{_size(limit)}）を超えています",
        )


def _csv_table(name: str, content: bytes) -> list[list[str]]:
    # newline="" lets the reader see a lone carriage return (an old Mac or a hand-edited file) as a line end.
    reader = csv.reader(io.StringIO(_decode(name, content), newline=""))
    try:
        return _at_most_the_row_limit(name, (cells[:MAX_COLUMNS] for cells in reader))
    except csv.Error as error:  # a cell longer than csv.field_size_limit(), for one
        raise _refused(name, f"cannot be read as CSV ({error})", "CSV として読めません", row=reader.line_num) from None


def _at_most_the_row_limit(name: str, rows: Iterable[list[str]]) -> list[list[str]]:
    """The header and at most IMPORT_MAX_ROWS rows (blank ones count: a workbook can ask for a million
    of them in a few bytes); reading stops at the first row past the limit."""
    limit = settings.IMPORT_MAX_ROWS
    table: list[list[str]] = []
    for cells in rows:
        if len(table) > limit:
            raise _refused(
                name,
                f"has more than {limit:,} rows after the header, the most an import reads; split the file",
                f"見出しを除く行数が上限（{limit:,}行）を超えています。ファイルを分けてください",
            )
        table.append(cells)
    return table


def _decode(name: str, content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefusedError(
        [
            Problem(
                name,
                None,
                None,
                "is neither UTF-8 nor Shift_JIS text",
                "文字コードが UTF-8 でも Shift_JIS でもありません",
            )
        ]
    )


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def require_columns(name: str, header: list[str], needed: list[str]) -> None:
    missing = [column for column in needed if column not in header]
    if missing:
        raise ImportRefusedError(
            [Problem(name, 1, column, "this column is missing", "この列がありません") for column in missing]
        )


class RowReader:
    """Typed access to one row's cells; each bad cell adds a Problem and gives None."""

    def __init__(self, file: str, row: Row, problems: list[Problem]) -> None:
        self.file, self.row, self.problems = file, row, problems

    def fail(self, column: str | None, english: str, japanese: str) -> None:
        self.problems.append(Problem(self.file, self.row.number, column, english, japanese))

    def text(self, column: str, *, required: bool = True, max_length: int = 200) -> str:
        value = self.row.values.get(column, "")
        if required and not value:
            self.fail(column, "is empty", "空欄です")
        elif len(value) > max_length:
            self.fail(column, f"is longer than {max_length} characters", f"{max_length}文字を超えています")
        return value

    def unique_code(self, column: str, seen: dict[str, int]) -> str:
        """An id that must not repeat in the file; `seen` maps the ids read so far to their rows."""
        code = self.text(column, max_length=32)
        if code in seen:
            row = seen[code]
            self.fail(column, f"{code!r} is already on row {row}", f"「{code}」は{row}行目と重複しています")
        seen[code] = self.row.number
        return code

    def _parsed[T](
        self, column: str, required: bool, parse: Callable[[str], T], english: str, japanese: str
    ) -> T | None:
        value = self.row.values.get(column, "")
        if not value:
            if required:
                self.fail(column, "is empty", "空欄です")
            return None
        try:
            return parse(value)
        except ValueError:
            self.fail(column, f"{value!r} {english}", f"「{value}」は{japanese}")
            return None

    def integer(self, column: str, *, required: bool = True, low: int = 0, high: int = 10_000) -> int | None:
        number = self._parsed(column, required, int, "is not a whole number", "整数ではありません")
        if number is not None and not low <= number <= high:
            self.fail(column, f"{number} is outside {low}..{high}", f"{number} は {low}〜{high} の範囲外です")
            return None
        return number

    def decimal(self, column: str, *, low: float, high: float) -> float | None:
        number = self._parsed(column, True, float, "is not a number", "数値ではありません")
        if number is not None and not low <= number <= high:
            self.fail(column, f"{number} is outside {low}..{high}", f"{number} は {low}〜{high} の範囲外です")
            return None
        return number

    def clock(self, column: str) -> dt.time | None:
        def parse(value: str) -> dt.time:
            hours, _, minutes = value.partition(":")
            return dt.time(int(hours), int(minutes[:2]))

        return self._parsed(column, True, parse, "is not a time like 08:50", "08:50 のような時刻ではありません")

    def date(self, column: str, *, required: bool = False) -> dt.date | None:
        return self._parsed(
            column,
            required,
            dt.date.fromisoformat,
            "is not a date like 2026-04-01",
            "2026-04-01 のような日付ではありません",
        )

    def choice(self, column: str, choices: dict[str, str], *, required: bool = True, default: str = "") -> str:
        """`choices` maps every accepted spelling (English or Japanese, lower-case) to the stored value."""
        value = self.row.values.get(column, "").strip().lower()
        if not value:
            if required and not default:
                self.fail(column, "is empty", "空欄です")
            return default
        if value not in choices:
            accepted = ", ".join(sorted(set(choices)))
            self.fail(
                column, f"{value!r} is not one of: {accepted}", f"「{value}」は次のいずれでもありません: {accepted}"
            )
            return default
        return choices[value]


def rows_in(file: str, rows: list[Row], problems: list[Problem]) -> Iterator[RowReader]:
    for row in rows:
        yield RowReader(file, row, problems)
