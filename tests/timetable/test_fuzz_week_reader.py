"""Fuzzing the week reader: whatever JSON arrives — random values, or a valid week with one part broken —
the reader either returns an instance or raises FormatError naming where; it never crashes otherwise."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kakehashi.timetable.format import FormatError, parse_instance
from kakehashi.timetable.generate import generate_synthetic
from kakehashi.timetable.reader import load_json_text

BASE = generate_synthetic(schools=3, alts=2, seed=7)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:3]):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(BASE)[1:]


def _replace(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    broken = copy.deepcopy(document)
    node = broken
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return broken


def _places(node: Any, path: str = "") -> dict[str, Any]:
    """Every value of the document by the path the reader names it with (`schools[3].bells.wed[2].start`)."""
    found = {path: node}
    if isinstance(node, dict):
        for key, value in node.items():
            found |= _places(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found |= _places(value, f"{path}[{index}]")
    return found


FIELD_NAME = re.compile(r"[a-z0-9_]+")


def _names_a_place(document: Any, path: str) -> bool:
    """The path is a value of the document, or a field the format requires that one of its objects lacks."""
    places = _places(document)
    if path in places:
        return True
    parent, _, field = path.rpartition(".")
    return bool(FIELD_NAME.fullmatch(field)) and isinstance(places.get(parent), dict)


def _read(document: Any, *, where: bool = True) -> None:
    """Read the document; a refusal must say what is wrong and name where (`where=False` allows the whole
    document, for values that are not a week at all)."""
    try:
        parse_instance(document)
    except FormatError as error:
        assert error.problem
        assert (not where and error.path == "") or _names_a_place(document, error.path), error.path
        assert str(error).startswith(f"{error.path}: " if error.path else error.problem)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_any_json_value_is_read_or_refused_with_a_format_error(value: Any) -> None:
    _read(value, where=False)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), json_values)
def test_a_valid_week_with_any_one_part_replaced_is_read_or_refused_with_a_format_error(
    path: tuple[Any, ...], value: Any
) -> None:
    _read(_replace(BASE, path, value))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200) | json_values.map(json.dumps))
def test_any_text_as_a_week_file_is_refused_with_a_format_error_unless_it_is_json(text: str) -> None:
    try:
        document = load_json_text(text)
    except FormatError:
        return
    _read(document, where=False)


def test_the_fuzzed_base_week_itself_is_valid() -> None:
    assert parse_instance(json.loads(json.dumps(BASE))).schools
