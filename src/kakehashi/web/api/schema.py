"""Touches to the generated schema that the generator cannot know."""

from __future__ import annotations

from typing import Any

# A bell, a lesson or a deadline is a time on a school's (or office's) wall clock, with no UTC offset: "08:50:00".
# OpenAPI's `format: time` would ask for RFC 3339's full time, offset included, which no such value has.
WALL_CLOCK = {
    "type": "string",
    "format": "partial-time",
    "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$",
    "example": "08:50:00",
}


def _walk(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("format") == "time":
            node.update(WALL_CLOCK)
        for value in node.values():
            _walk(value)
    elif isinstance(node, list):
        for value in node:
            _walk(value)


def wall_clock_times(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """A postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]): times as wall-clock times."""
    _walk(result)
    return result
