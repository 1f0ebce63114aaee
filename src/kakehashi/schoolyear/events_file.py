"""School events from a JSON file, for the command line: a list of
`{"kind": "sports_day", "name": "運動会", "starts": "2026-05-16", "ends": "2026-05-16", "school": "S001"}`
(`ends` defaults to `starts`; `school` absent means every school)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kakehashi.schoolyear.events import EventKind, SchoolEvent
from kakehashi.timetable.reader import FormatError, load_json_text


def load_events(path: str | Path) -> list[SchoolEvent]:
    try:
        document = load_json_text(Path(path).read_text(encoding="utf-8"))
    except FormatError as error:
        raise ValueError(f"{path}: {error}") from None
    return parse_events(document, str(path))


def parse_events(document: Any, path: str) -> list[SchoolEvent]:
    """The events of a parsed JSON document; `path` names where it came from in each error."""
    if not isinstance(document, list):
        raise ValueError(f"{path}: expected a list of events")
    events = []
    kinds = [kind.value for kind in EventKind]
    for index, item in enumerate(document):
        where = f"{path}: [{index}]"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: expected an object")
        unknown = set(item) - {"kind", "name", "starts", "ends", "school", "bells"}
        if unknown:
            raise ValueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        if item.get("kind") not in kinds:
            raise ValueError(f"{where}.kind: {item.get('kind')!r} is not one of {', '.join(kinds)}")
        try:
            starts = dt.date.fromisoformat(item["starts"])
            ends = dt.date.fromisoformat(item["ends"] if "ends" in item else item["starts"])
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"{where}.starts/ends: dates like 2026-05-16 are needed") from None
        events.append(
            SchoolEvent(
                EventKind(item["kind"]),
                str(item.get("name", item["kind"])),
                starts,
                ends,
                school=item.get("school"),
                bells=item.get("bells"),
            )
        )
    return events
