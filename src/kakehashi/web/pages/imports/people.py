"""Import of participants from a spreadsheet, one row each; a row's code updates that participant."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kakehashi.web.core.tabular import ImportRefusedError, Problem, RowReader, read_table, require_columns, rows_in
from kakehashi.web.organizations.models import Program
from kakehashi.web.pages.imports.schools import DAYS, LEVELS, Plan
from kakehashi.web.people.models import RECORD_FIELDS, SUBSTITUTE_FIELDS, Participant
from kakehashi.web.people.romaji import katakana_to_romaji

PARTICIPANT_COLUMNS = ["code", "kind", "name", "name_katakana", *RECORD_FIELDS, "unavailable_days", *SUBSTITUTE_FIELDS]

KINDS = {"alt": "alt", "cir": "cir", "sea": "sea"}
GENDERS = {
    "woman": "woman",
    "female": "woman",
    "f": "woman",
    "女": "woman",
    "女性": "woman",
    "man": "man",
    "male": "man",
    "m": "man",
    "男": "man",
    "男性": "man",
    "other": "other",
    "その他": "other",
    "unstated": "unstated",
    "未回答": "unstated",
}
MODES = {
    "walk": "walk",
    "徒歩": "walk",
    "bicycle": "bicycle",
    "自転車": "bicycle",
    "car": "car",
    "車": "car",
    "transit": "transit",
    "公共交通": "transit",
}
# A substitute ALT (代替ALT) only covers absences; an empty cell or "no" is a participant with a regular week.
SUBSTITUTES = {
    "no": "",
    "いいえ": "",
    "standby": "standby",
    "待機": "standby",
    "part_time": "part_time",
    "part-time": "part_time",
    "非常勤": "part_time",
}
JAPANESE = {"none": "none", "n5": "N5", "n4": "N4", "n3": "N3", "n2": "N2", "n1": "N1"}


def _list(value: str) -> list[str]:
    return [part.strip().lower() for part in value.replace("、", ";").replace(",", ";").split(";") if part.strip()]


def _chosen(cells: RowReader, column: str, allowed: Mapping[str, str], what: str, what_ja: str) -> list[str]:
    """The cell's list of `allowed` names (as stored); each name not allowed is refused by itself."""
    chosen = []
    for item in _list(cells.row.values.get(column, "")):
        if item in allowed:
            chosen.append(allowed[item])
        else:
            cells.fail(column, f"{item!r} is not {what}", f"「{item}」は{what_ja}ではありません")
    return chosen


def plan_participants(name: str, content: bytes, *, program: Program) -> Plan:
    header, rows = read_table(name, content)
    require_columns(name, header, ["code", "name", "home_lat", "home_lon", "levels"])
    problems: list[Problem] = []
    records: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for cells in rows_in(name, rows, problems):
        code = cells.unique_code("code", seen)
        other = Participant.objects.filter(code=code).exclude(program=program).exists()
        if other:
            cells.fail(
                "code", f"{code!r} is a participant of another program", f"「{code}」は別のプログラムの参加者です"
            )
        levels = _chosen(cells, "levels", LEVELS, "a school level", "学校種")
        if not levels and "levels" in cells.row.values and cells.row.values["levels"] == "":
            cells.fail("levels", "is empty", "空欄です")
        unavailable = _chosen(cells, "unavailable_days", DAYS, "a weekday", "曜日")
        cover_days = _chosen(cells, "cover_days", DAYS, "a weekday", "曜日")
        cover_from = cells.clock("cover_from") if cells.row.values.get("cover_from") else None
        cover_until = cells.clock("cover_until") if cells.row.values.get("cover_until") else None
        if cover_from is not None and cover_until is not None and cover_until <= cover_from:
            cells.fail("cover_until", "is not after cover_from", "cover_from より後ではありません")
        record: dict[str, Any] = {
            "code": code,
            "kind": cells.choice("kind", KINDS, required=False, default="alt"),
            "name": cells.text("name"),
            "name_katakana": cells.text("name_katakana", required=False),
            "gender": cells.choice("gender", GENDERS, required=False, default="unstated"),
            "birth_date": cells.date("birth_date"),
            "citizenship": cells.text("citizenship", required=False),
            "origin_region": cells.text("origin_region", required=False),
            "start_date": cells.date("start_date"),
            "japanese_level": cells.choice("japanese_level", JAPANESE, required=False, default="none"),
            "qualifications": cells.text("qualifications", required=False, max_length=2000),
            "home_lat": cells.decimal("home_lat", low=20, high=46),
            "home_lon": cells.decimal("home_lon", low=122, high=154),
            "travel_mode": cells.choice("travel_mode", MODES, required=False, default="bicycle"),
            "levels": levels,
            "unavailable_days": unavailable,
            "substitute": cells.choice("substitute", SUBSTITUTES, required=False, default=""),
            "cover_days": cover_days,
            "cover_from": cover_from,
            "cover_until": cover_until,
        }
        for column, default, high in (
            ("classes_min", 20, 40),
            ("classes_max", 25, 40),
            ("max_classes_per_day", 6, 8),
            ("max_schools_per_day", 1, 2),
            ("max_schools_per_week", 5, 30),
            ("max_commute_minutes", 60, 240),
        ):
            value = cells.integer(column, required=False, low=1 if column == "max_schools_per_day" else 0, high=high)
            record[column] = default if value is None else value
        if record["classes_min"] > record["classes_max"]:
            cells.fail("classes_max", "is below classes_min", "classes_min より小さいです")
        records.append(record)
    if problems:
        raise ImportRefusedError(problems)
    existing = set(Participant.objects.filter(code__in=seen).values_list("code", flat=True))

    def apply() -> None:
        for record in records:
            Participant.objects.update_or_create(code=record["code"], defaults={**record, "program": program})

    preview = [
        {k: record[k] for k in ("code", "kind", "name", "name_katakana", "levels", "substitute")}
        | {"romaji": katakana_to_romaji(record["name_katakana"]) if record["name_katakana"] else ""}
        for record in records[:20]
    ]
    return Plan(
        {"create": len(records) - len(existing), "update": len(existing)},
        preview,
        apply,
        ["code", "kind", "name", "name_katakana", "levels", "substitute", "romaji"],
    )
