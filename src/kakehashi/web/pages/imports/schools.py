"""Imports of schools (MLIT P29 GeoJSON or a spreadsheet), bell schedules, classes and a school's
lesson timetable (the grid a JTE fills in). Each importer reads and checks the whole file first and
returns a `Plan`; only `Plan.apply()` writes, inside one transaction (see import_run)."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from kakehashi.timetable.generate import ENGLISH_KIND
from kakehashi.timetable.generate_names import romanized_school_name
from kakehashi.timetable.generate_sites import GenerateError, load_school_sites
from kakehashi.timetable.instance import ALL_DAYS, DAY_NAMES_JA, WORKING_DAYS
from kakehashi.web.core.tabular import ImportRefusedError, Problem, RowReader, read_table, require_columns, rows_in
from kakehashi.web.organizations.models import Organization
from kakehashi.web.schools.models import SHORTENED_BELLS, BellPeriod, Homeroom, LessonSlot, School


@dataclass
class Plan:
    """What an import will do: counts and the first rows for the preview, and the writer."""

    summary: dict[str, int]
    preview: list[dict[str, Any]]
    apply: Callable[[], None]
    columns: list[str] = field(default_factory=list)


LEVELS = {
    "elementary": "elementary",
    "小学校": "elementary",
    "junior_high": "junior_high",
    "junior high": "junior_high",
    "中学校": "junior_high",
    "high": "high",
    "高等学校": "high",
    "高校": "high",
    "special_needs": "special_needs",
    "特別支援学校": "special_needs",
}
DAYS = {day: day for day in ALL_DAYS} | {japanese: day for day, japanese in DAY_NAMES_JA.items()}
SCHOOL_COLUMNS = [
    "code",
    "name",
    "name_ja",
    "level",
    "lat",
    "lon",
    "visit_days_min",
    "visit_days_max",
    "max_alts",
    "mext_code",
    "address",
    "annual_visit_days",
]
BELL_COLUMNS = ["school", "variant", "period", "start", "end"]
CLASS_COLUMNS = ["school", "class", "grade", "weight"]
LESSON_GRID_COLUMNS = ["period", *WORKING_DAYS]
CLASS_NAME = re.compile(r"^\d{1,2}-\d{1,2}$")


def _refuse_if(problems: list[Problem]) -> None:
    if problems:
        raise ImportRefusedError(problems)


def plan_schools(name: str, content: bytes, *, board: Organization) -> Plan:
    header, rows = read_table(name, content)
    require_columns(name, header, ["code", "name", "level", "lat", "lon"])
    problems: list[Problem] = []
    records: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for cells in rows_in(name, rows, problems):
        code = cells.unique_code("code", seen)
        record: dict[str, Any] = {
            "code": code,
            "name": cells.text("name"),
            "name_ja": cells.text("name_ja", required=False),
            "level": cells.choice("level", LEVELS),
            "lat": cells.decimal("lat", low=20, high=46),
            "lon": cells.decimal("lon", low=122, high=154),
            "visit_days_min": cells.integer("visit_days_min", required=False, high=7),
            "visit_days_max": cells.integer("visit_days_max", required=False, high=7),
            "max_alts": cells.integer("max_alts", required=False, low=1, high=20),
            "annual_visit_days": cells.integer("annual_visit_days", required=False, high=366),
            "mext_code": cells.text("mext_code", required=False, max_length=13),
            "address": cells.text("address", required=False, max_length=300),
        }
        low, high = (
            record["visit_days_min"] or 0,
            record["visit_days_max"] if record["visit_days_max"] is not None else 5,
        )
        if low > high:
            cells.fail(
                "visit_days_max",
                f"{high} is below visit_days_min {low}",
                f"{high} が visit_days_min {low} より小さいです",
            )
        other_board = School.objects.filter(code=code).exclude(organization__parent=board).first()
        if other_board is not None:
            cells.fail(
                "code", f"{code!r} belongs to a school of another board", f"「{code}」は別の教育委員会の学校です"
            )
        records.append(record)
    _refuse_if(problems)
    existing = set(School.objects.filter(code__in=seen).values_list("code", flat=True))

    def apply() -> None:
        for record in records:
            school_upsert(board=board, **record)

    return Plan({"create": len(records) - len(existing), "update": len(existing)}, records[:20], apply, SCHOOL_COLUMNS)


def school_upsert(
    *,
    board: Organization,
    code: str,
    name: str,
    name_ja: str,
    level: str,
    lat: float,
    lon: float,
    visit_days_min: int | None,
    visit_days_max: int | None,
    max_alts: int | None,
    mext_code: str,
    address: str,
    annual_visit_days: int | None = None,
) -> School:
    school = School.objects.select_related("organization").filter(code=code).first()
    if school is None:
        organization = Organization.objects.create(
            name=name,
            name_ja=name_ja,
            kind=Organization.Kind.SCHOOL,
            parent=board,
            municipality_code=board.municipality_code,
        )
        school = School(organization=organization, code=code)
    else:
        organization = school.organization
        organization.name, organization.name_ja = name, name_ja
        organization.save()
    school.level, school.lat, school.lon, school.mext_code, school.address = level, lat, lon, mext_code, address
    school.visit_days_min = visit_days_min or 0
    school.visit_days_max = visit_days_max if visit_days_max is not None else 5
    school.max_alts = max_alts or 2
    school.annual_visit_days = annual_visit_days
    school.save()
    return school


def plan_p29(name: str, content: bytes, *, board: Organization, municipality: str, kinds: list[str]) -> Plan:
    """Schools of one municipality from an MLIT P29 GeoJSON file (the kinds chosen), as new schools of `board`.
    Ids are the MEXT school codes; names are suggested in romaji (pykakasi) and can be corrected."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(content)
        try:
            sites = load_school_sites(path)
        except GenerateError as error:
            message = str(error).replace(str(path), name)
            raise ImportRefusedError(
                [Problem(name, None, None, message, "MLIT P29 の GeoJSON として読めません")]
            ) from None
    chosen = [s for s in sites if s.municipality == municipality and s.kind in kinds]
    if not chosen:
        raise ImportRefusedError(
            [
                Problem(
                    name,
                    None,
                    "P29_001",
                    f"no school of municipality {municipality} of the kinds chosen",
                    f"市区町村コード {municipality} の該当する学校がありません",
                )
            ]
        )
    # The file is bounded by its bytes only; its schools are bounded like any import's rows, before the romaji
    # names and the writes (5 MB of P29 held 29,815 schools: 13 minutes on a busy machine).
    if len(chosen) > settings.IMPORT_MAX_ROWS:
        raise ImportRefusedError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"has {len(chosen):,} schools of the municipality and kinds chosen, more than "
                    f"{settings.IMPORT_MAX_ROWS:,}, the most an import reads",
                    f"該当する学校が{len(chosen):,}校あり、上限（{settings.IMPORT_MAX_ROWS:,}校）を超えています",
                )
            ]
        )
    records: list[dict[str, Any]] = [
        {
            "code": site.code,
            "name": romanized_school_name(site.name_ja, ENGLISH_KIND[site.kind]),
            "name_ja": site.name_ja,
            "level": "junior_high" if site.kind == "junior_high" else "elementary",
            "lat": site.lat,
            "lon": site.lon,
            "visit_days_min": 0,
            "visit_days_max": 5,
            "max_alts": 2,
            "mext_code": site.code,
            "address": site.address,
        }
        for site in chosen
    ]
    existing = set(School.objects.filter(code__in=[r["code"] for r in records]).values_list("code", flat=True))

    def apply() -> None:
        for record in records:
            school_upsert(board=board, **record)

    return Plan(
        {"create": len(records) - len(existing), "update": len(existing)},
        records[:20],
        apply,
        ["code", "name", "name_ja", "level", "lat", "lon", "address"],
    )


def _school_lookup(cells: RowReader, scope: set[str] | None, known: dict[str, School | None]) -> School | None:
    """The row's school; `known` remembers each code looked up, so a file of many rows asks once per school."""
    code = cells.text("school", max_length=32)
    if not code:
        return None
    if code not in known:
        known[code] = School.objects.filter(code=code).first()
    school = known[code]
    if school is None or (scope is not None and code not in scope):
        cells.fail("school", f"no school {code!r} that you manage", f"「{code}」という学校はありません")
        return None
    return school


@dataclass(frozen=True)
class BellSpan:
    start: dt.time
    end: dt.time
    row: int
    period: str


def _overlaps(name: str, day: list[BellSpan]) -> list[Problem]:
    """One problem per period that starts before an earlier-starting period of the same day has ended,
    naming the one that reaches furthest: sorted by start, each span is compared with that one only, so a
    file of n periods costs n log n and gives at most n problems (not one per overlapping pair)."""
    problems: list[Problem] = []
    reaching: BellSpan | None = None
    for span in sorted(day, key=lambda span: (span.start, span.row)):
        if reaching is not None and span.start < reaching.end:
            problems.append(
                Problem(
                    name,
                    span.row,
                    "start",
                    f"overlaps period {reaching.period} on row {reaching.row}",
                    f"{reaching.row}行目の{reaching.period}時限と重なっています",
                )
            )
        if reaching is None or span.end > reaching.end:
            reaching = span
    return problems


def plan_bells(name: str, content: bytes, *, schools_in_scope: set[str] | None) -> Plan:
    """Bell schedules; each school named in the file gets exactly the periods the file lists."""
    header, rows = read_table(name, content)
    require_columns(name, header, ["school", "period", "start", "end"])
    problems: list[Problem] = []
    records: list[dict[str, Any]] = []
    spans: dict[tuple[str, str], list[BellSpan]] = {}
    known: dict[str, School | None] = {}
    periods: dict[tuple[str, str, str], int] = {}
    for cells in rows_in(name, rows, problems):
        school = _school_lookup(cells, schools_in_scope, known)
        variant = cells.choice(
            "variant",
            {"default": "default", "": "default", SHORTENED_BELLS: SHORTENED_BELLS, "短縮": SHORTENED_BELLS} | DAYS,
            required=False,
            default="default",
        )
        period, start, end = cells.text("period", max_length=16), cells.clock("start"), cells.clock("end")
        if start and end and end <= start:
            cells.fail("end", "is not after the start", "開始時刻より後ではありません")
        if school and start and end and period:
            first = periods.setdefault((school.code, variant, period), cells.row.number)
            if first != cells.row.number:
                cells.fail(
                    "period", f"period {period} is already on row {first}", f"{period}時限は{first}行目と重複しています"
                )
            else:
                spans.setdefault((school.code, variant), []).append(BellSpan(start, end, cells.row.number, period))
            records.append(
                {
                    "school": school.code,
                    "variant": variant,
                    "period": period,
                    "start": start.strftime("%H:%M"),
                    "end": end.strftime("%H:%M"),
                }
            )
    for day in spans.values():
        problems.extend(_overlaps(name, day))
    _refuse_if(sorted(problems, key=lambda problem: problem.row or 0))

    def apply() -> None:
        for code in {r["school"] for r in records}:
            school = School.objects.get(code=code)
            BellPeriod.objects.filter(school=school).delete()
            for r in (r for r in records if r["school"] == code):
                BellPeriod.objects.create(
                    school=school,
                    variant=r["variant"],
                    period=r["period"],
                    start=dt.time.fromisoformat(r["start"]),
                    end=dt.time.fromisoformat(r["end"]),
                )

    return Plan(
        {"schools": len({r["school"] for r in records}), "periods": len(records)}, records[:20], apply, BELL_COLUMNS
    )


def plan_classes(name: str, content: bytes, *, schools_in_scope: set[str] | None) -> Plan:
    header, rows = read_table(name, content)
    require_columns(name, header, ["school", "class", "grade"])
    problems: list[Problem] = []
    records: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    known: dict[str, School | None] = {}
    for cells in rows_in(name, rows, problems):
        school = _school_lookup(cells, schools_in_scope, known)
        room = cells.text("class", max_length=16)
        if room and not CLASS_NAME.match(room):
            cells.fail(
                "class", f'{room!r} is not grade-class like "1-1"', f"「{room}」は「1-1」のような学年-組ではありません"
            )
        grade = cells.integer("grade", low=1, high=12)
        weight = cells.integer("weight", required=False, low=1, high=1000) or 1
        if school and room:
            if (school.code, room) in seen:
                cells.fail(
                    "class",
                    f"{room} of {school.code} is already on row {seen[(school.code, room)]}",
                    f"{seen[(school.code, room)]}行目と重複しています",
                )
            seen[(school.code, room)] = cells.row.number
            records.append({"school": school.code, "class": room, "grade": grade, "weight": weight})
    _refuse_if(problems)

    def apply() -> None:
        for r in records:
            school = School.objects.get(code=r["school"])
            Homeroom.objects.update_or_create(
                school=school, name=r["class"], defaults={"grade": r["grade"], "weight": r["weight"]}
            )

    return Plan({"classes": len(records)}, records[:20], apply, CLASS_COLUMNS)


# A class, its Japanese teacher in brackets, and the rotation weeks it is held in (`[A]`, `[B週]`, `[AC]`) when
# only some: "5-1 (Sato) [A]".
LESSON_CELL = re.compile(
    r"^\s*(\d{1,2}-\d{1,2})\s*(?:[(（]\s*([^)）]*?)\s*[)）])?\s*(?:[\[［]\s*([A-DＡ-Ｄ ]+?)\s*週?\s*[\]］])?\s*$"
)
WEEK_LETTERS = {"A": 1, "B": 2, "C": 3, "D": 4, "Ａ": 1, "Ｂ": 2, "Ｃ": 3, "Ｄ": 4}


def plan_lesson_grid(name: str, content: bytes, *, school: School) -> Plan:
    """The school's English lessons as a JTE writes them: a row per period, a column per weekday, each
    cell the classes having a foreign-language lesson then, e.g. `5-1 (Sato); 6-2`; in a rotation of several
    weeks, `5-1 [B]` is held in week B only. Replaces the school's lessons (the file is the whole timetable)."""
    header, rows = read_table(name, content)
    require_columns(name, header, ["period"])
    days = [column for column in header if column in DAYS]
    problems: list[Problem] = []
    periods = set(school.bells.values_list("period", flat=True))
    rooms = {h.name: h for h in school.homerooms.all()}
    records: list[dict[str, Any]] = []
    for cells in rows_in(name, rows, problems):
        period = cells.text("period", max_length=16)
        if period and period not in periods:
            cells.fail(
                "period",
                f"{school.code} has no period {period!r} in its bells",
                f"{school.code} の日課表に「{period}」時限がありません",
            )
            continue
        for column in days:
            for part in filter(None, (p.strip() for p in re.split(r"[;,、；]", cells.row.values.get(column, "")))):
                match = LESSON_CELL.match(part)
                if match is None:
                    cells.fail(
                        column,
                        f'{part!r} is not a class like "5-1", "5-1 (Sato)" or "5-1 [B]"',
                        f"「{part}」は「5-1」「5-1 (佐藤)」「5-1 [B]」の形ではありません",
                    )
                    continue
                room, teacher = match.group(1), match.group(2) or ""
                if room not in rooms:
                    cells.fail(
                        column, f"{school.code} has no class {room}", f"{school.code} に {room} のクラスがありません"
                    )
                    continue
                records.append(
                    {
                        "day": DAYS[column],
                        "period": period,
                        "class": room,
                        "teacher": teacher,
                        "weeks": sorted({WEEK_LETTERS[c] for c in (match.group(3) or "") if c in WEEK_LETTERS}),
                        "row": cells.row.number,
                        "column": column,
                    }
                )
    seen: dict[tuple[str, str, str], int] = {}
    for r in records:
        key = (r["class"], r["day"], r["period"])
        if key in seen:
            problems.append(
                Problem(
                    name,
                    r["row"],
                    r["column"],
                    f"{r['class']} appears twice in this period",
                    f"{r['class']} が同じ時限に二度あります",
                )
            )
        seen[key] = r["row"]
    _refuse_if(problems)

    @transaction.atomic
    def apply() -> None:
        wanted = {(r["class"], r["day"], r["period"]): r for r in records}
        for slot in LessonSlot.objects.filter(school=school).select_related("homeroom"):
            r = wanted.pop((slot.homeroom.name, slot.day, slot.period), None)
            slot.active = r is not None
            slot.teacher = r["teacher"] if r is not None else slot.teacher
            slot.weeks = r["weeks"] if r is not None else slot.weeks
            slot.save()
        for (room, day, period), r in wanted.items():
            LessonSlot.objects.create(
                school=school,
                homeroom=rooms[room],
                day=day,
                period=period,
                teacher=r["teacher"],
                weeks=r["weeks"],
                code=LessonSlot.code_for(school.code, room, day, period),
            )

    return Plan(
        {"lessons": len(records)},
        [
            {
                **{k: r[k] for k in ("day", "period", "class", "teacher")},
                "weeks": LessonSlot(weeks=r["weeks"]).week_letters,
            }
            for r in records[:20]
        ],
        apply,
        ["day", "period", "class", "teacher", "weeks"],
    )
