"""Fuzzing the cycle reader as the week reader is fuzzed: a valid cycle with any one part replaced by any
JSON value is read or refused with a FormatError naming where; it never crashes otherwise."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_week_reader import _names_a_place, _paths, _replace, json_values

from kakehashi.timetable.cycle.format import parse_cycle
from kakehashi.timetable.cycle.generate import cycle_from_week
from kakehashi.timetable.format import FormatError
from kakehashi.timetable.generate import generate_synthetic

BASE, _ = cycle_from_week(generate_synthetic(schools=3, alts=2, seed=7), weeks=2, seed=7)
BASE["fixed"] = [{"alt": BASE["alts"][0]["id"], "day": "mon", "school": BASE["schools"][0]["id"], "week": 2}]
PATHS = _paths(BASE)[1:]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), json_values)
def test_a_valid_cycle_with_any_one_part_replaced_is_read_or_refused_with_a_format_error(
    path: tuple[Any, ...], value: Any
) -> None:
    document = _replace(BASE, path, value)
    try:
        parse_cycle(document)
    except FormatError as error:
        assert error.problem
        assert _names_a_place(document, error.path), error.path


def test_the_fuzzed_base_cycle_is_valid_and_has_lessons_held_in_one_week() -> None:
    cycle = parse_cycle(BASE)
    assert any(len(weeks) == 1 for weeks in cycle.lesson_weeks.values())
