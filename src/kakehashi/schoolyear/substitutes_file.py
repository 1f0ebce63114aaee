"""A pool of substitute ALTs (代替ALT) from a JSON file, for `kakehashi repair --substitutes` (format
`kakehashi/substitutes@1`, docs/substitutes-format.md). Every problem is a FormatError naming the JSON path,
which the command line prefixes with the file's name."""

from __future__ import annotations

from pathlib import Path

from kakehashi.schoolyear.substitutes import WHOLE_DAY, Substitute
from kakehashi.timetable.format import read_document
from kakehashi.timetable.instance import ALL_DAYS, LEVELS, Instance, Location
from kakehashi.timetable.reader import Node, show

FORMAT = "kakehashi/substitutes@1"


def load_substitutes(path: str | Path, week: Instance) -> list[Substitute]:
    return parse_substitutes(read_document(path), week)


def parse_substitutes(document: object, week: Instance) -> list[Substitute]:
    """The pool for `week`: ids apart from the week's ALTs, travel modes and schools the week knows."""
    root = Node(document, "").obj(("format", "substitutes"))
    if root["format"].text() != FORMAT:
        root["format"].fail(f"expected {show(FORMAT)}")
    seen: dict[str, str] = {alt.id: "the week's ALTs" for alt in week.alts}
    return [_substitute(item, week, seen) for item in root["substitutes"].items()]


def _substitute(node: Node, week: Instance, seen: dict[str, str]) -> Substitute:
    obj = node.obj(("id", "name", "home", "mode", "levels"),
                   ("days", "from", "until", "schools", "max_commute_minutes", "max_classes_per_day",
                    "max_schools_per_day"))
    code = obj["id"].text()
    if code in seen:
        obj["id"].fail(f"id {show(code)} is already used by {seen[code]}")
    seen[code] = node.path
    home = obj["home"].obj(("lat", "lon"))

    def listed(key: str, allowed: tuple[str, ...] | list[str]) -> tuple[str, ...] | None:
        found = obj.get(key)
        return None if found is None else found.choices(allowed, non_empty=True)

    def optional_int(key: str, default: int, minimum: int, maximum: int | None = None) -> int:
        item = obj.get(key)
        return default if item is None else item.integer(minimum=minimum, maximum=maximum)

    starts = obj["from"].clock() if obj.get("from") is not None else WHOLE_DAY[0]
    ends = obj["until"].clock() if obj.get("until") is not None else WHOLE_DAY[1]
    if ends <= starts:
        obj["until"].fail(f"{show(obj['until'].value)} is not after the time they cover from")
    return Substitute(
        id=code,
        name=obj["name"].text(),
        home=Location(home["lat"].number(minimum=-90, maximum=90), home["lon"].number(minimum=-180, maximum=180)),
        mode=obj["mode"].choice(list(week.travel.modes)),
        levels=listed("levels", LEVELS) or (),
        days=listed("days", [day for day in ALL_DAYS if day in week.days]) or week.days,
        hours=(starts, ends),
        schools=listed("schools", [school.id for school in week.schools]),
        max_commute_minutes=optional_int("max_commute_minutes", 60, 0),
        max_classes_per_day=optional_int("max_classes_per_day", 6, 0),
        max_schools_per_day=optional_int("max_schools_per_day", 1, 1, 2),
    )
