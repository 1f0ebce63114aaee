"""A small strict reader for JSON documents that knows where it is.

Every complaint carries the JSON path of the offending value (`schools[3].bells.wed[2].start`),
so a coordinator can find the line in their file without reading code.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NoReturn

_CLOCK = re.compile(r"^(\d{2}):(\d{2})$")


class FormatError(ValueError):
    """A file that does not follow the format. `path` is the JSON path, `problem` the complaint."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


def show(value: Any) -> str:
    """A value as it would appear in the file, shortened so that one error stays one line."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise FormatError("", f"the key {show(key)} appears twice in one object")
        result[key] = value
    return result


def load_json_text(text: str) -> Any:
    """Parse JSON, refusing duplicate keys and NaN/Infinity, which JSON does not have."""

    def refuse_constant(name: str) -> NoReturn:
        raise FormatError("", f"{name} is not a JSON number")

    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicate_keys, parse_constant=refuse_constant)
    except json.JSONDecodeError as error:
        raise FormatError("", f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    except RecursionError:
        # Python's parser recurses once per `[` or `{`: a file of 200,000 `[` must be an error, not a crash.
        raise FormatError("", "not valid JSON: arrays or objects nested too deeply") from None


@dataclass(frozen=True)
class Node:
    """A value inside the document together with its path."""

    value: Any
    path: str

    def fail(self, problem: str) -> NoReturn:
        raise FormatError(self.path, problem)

    def child_path(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    # -- shapes -------------------------------------------------------------------------------

    def obj(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Obj:
        if not isinstance(self.value, dict):
            self.fail(f"expected an object, found {show(self.value)}")
        for key in self.value:
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                raise FormatError(self.child_path(key), f"unknown field (allowed here: {allowed})")
        for key in required:
            if key not in self.value:
                raise FormatError(self.child_path(key), "missing required field")
        return Obj(self.value, self.path)

    def entries(self) -> Iterator[tuple[str, Node]]:
        """The fields of an object whose keys are free (travel modes, stats)."""
        if not isinstance(self.value, dict):
            self.fail(f"expected an object, found {show(self.value)}")
        for key, value in self.value.items():
            yield key, Node(value, self.child_path(key))

    def items(self, *, non_empty: bool = False) -> Iterator[Node]:
        if not isinstance(self.value, list):
            self.fail(f"expected a list, found {show(self.value)}")
        if non_empty and not self.value:
            self.fail("expected a non-empty list")
        for index, item in enumerate(self.value):
            yield Node(item, self.child_path(index))

    # -- scalars ------------------------------------------------------------------------------

    def text(self, *, non_empty: bool = True) -> str:
        if not isinstance(self.value, str):
            self.fail(f"expected a string, found {show(self.value)}")
        if non_empty and not self.value.strip():
            self.fail("must not be empty")
        return self.value

    def choice(self, allowed: tuple[str, ...] | list[str]) -> str:
        value = self.text()
        if value not in allowed:
            self.fail(f"{show(value)} is not one of {', '.join(allowed)}")
        return value

    def choices(self, allowed: tuple[str, ...] | list[str], *, non_empty: bool = False) -> tuple[str, ...]:
        """A list of values from `allowed`, each at most once."""
        seen: list[str] = []
        for item in self.items(non_empty=non_empty):
            value = item.choice(allowed)
            if value in seen:
                item.fail(f"{show(value)} is listed twice")
            seen.append(value)
        return tuple(seen)

    def unique_id(self, seen: dict[str, str], what: str) -> str:
        """An id not used before in the document; `seen` maps each id read so far to where it stood."""
        value = self.text()
        if value in seen:
            self.fail(f"duplicate {what} id {show(value)} (first used at {seen[value]})")
        seen[value] = self.path
        return value

    def integer(self, *, minimum: int | None = None, maximum: int | None = None) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail(f"expected a whole number, found {show(self.value)}")
        if minimum is not None and self.value < minimum:
            self.fail(f"{self.value} is below the minimum of {minimum}")
        if maximum is not None and self.value > maximum:
            self.fail(f"{self.value} is above the maximum of {maximum}")
        return int(self.value)

    def number(self, *, minimum: float | None = None, maximum: float | None = None,
               positive: bool = False) -> float:
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            self.fail(f"expected a number, found {show(self.value)}")
        value = float(self.value)
        if not math.isfinite(value):
            self.fail(f"{show(self.value)} is not a finite number")
        if positive and value <= 0:
            self.fail(f"{show(self.value)} must be greater than 0")
        if minimum is not None and value < minimum:
            self.fail(f"{show(self.value)} is below the minimum of {minimum}")
        if maximum is not None and value > maximum:
            self.fail(f"{show(self.value)} is above the maximum of {maximum}")
        return value

    def clock(self) -> int:
        """`"08:50"` → 530. Only the 24-hour `HH:MM` form is accepted."""
        value = self.value
        match = _CLOCK.match(value) if isinstance(value, str) else None
        if match is None:
            self.fail(f"{show(value)} is not HH:MM")
        hours, minutes = int(match.group(1)), int(match.group(2))
        if hours > 23 or minutes > 59:
            self.fail(f"{show(value)} is not a time of day (HH:MM, 00:00-23:59)")
        return hours * 60 + minutes


class Obj(Node):
    """An object whose fields were checked against the allowed names."""

    def __getitem__(self, key: str) -> Node:
        return Node(self.value[key], self.child_path(key))

    def get(self, key: str) -> Node | None:
        if key not in self.value:
            return None
        return self[key]

    def fields(self) -> list[str]:
        return list(self.value)


def document_root(data: Any, formats: tuple[str, ...], required: tuple[str, ...],
                  optional: tuple[str, ...] = ()) -> Obj:
    """The top object of a document with a `format` field, checked against its fields; `formats[0]` is the
    format read here, the others are formats the caller reads elsewhere (named in the complaint)."""
    root = Node(data, "").obj(required, optional)
    if root["format"].value != formats[0]:
        root["format"].fail(f"{show(root['format'].value)} is not " + " or ".join(show(f) for f in formats))
    return root
