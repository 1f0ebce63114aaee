"""How `solve` shares its time between phases on a small week (no timing asserted: the shares are read
off the limits each phase is given, against the clock at the moment it is called)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from timetable_builders import alt, instance, school

import kakehashi.timetable.solve as solve_module
from kakehashi.timetable.check import check
from kakehashi.timetable.instance import Solution
from kakehashi.timetable.solve import solve
from kakehashi.timetable.solve.model import TimetableModel

TIME_LIMIT = 30.0


def _small_week() -> Any:
    return instance([school("S01", lessons=[("1-1", "mon", "1"), ("1-2", "mon", "2"), ("1-1", "tue", "3")]),
                     school("S02", lessons=[("1-1", "mon", "1"), ("1-1", "wed", "4")])],
                    [alt("A01"), alt("A02")],
                    travel=[("A01", "S01", 10), ("A01", "S02", 20), ("A02", "S01", 25), ("A02", "S02", 5)])


def _record_limits(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, float]]:
    """(time limit asked, seconds the solve had left at that moment) of every whole-week model solve."""
    calls: list[tuple[float, float]] = []
    original = TimetableModel.solve

    def recording(self: TimetableModel, **kwargs: Any) -> Solution:
        if kwargs.get("started") is not None:  # the whole-week model (a part's or a phase's has no clock)
            calls.append((kwargs["time_limit"], TIME_LIMIT - (time.monotonic() - kwargs["started"])))
        return original(self, **kwargs)

    monkeypatch.setattr(TimetableModel, "solve", recording)
    return calls


def test_on_a_small_week_the_whole_week_model_gets_all_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    week = _small_week()
    calls = _record_limits(monkeypatch)
    solution = solve(week, time_limit=TIME_LIMIT, workers=1)
    assert check(week, solution) == []
    (asked, left), = calls
    # All of what was left when it was called, less the margin for reading the timetable out.
    assert asked >= 0.97 * left - 0.1
    assert "lns_steps" not in solution.stats


def test_above_the_small_week_size_the_whole_week_model_shares_its_time_with_the_search(
        monkeypatch: pytest.MonkeyPatch) -> None:
    week = _small_week()
    monkeypatch.setattr(solve_module, "SMALL_WEEK_VISITS", 0)
    calls = _record_limits(monkeypatch)
    solution = solve(week, time_limit=TIME_LIMIT, workers=1)
    assert check(week, solution) == []
    (asked, _left), = calls
    # Its share of at most the whole limit, whatever the clock said when it was called.
    assert asked <= solve_module.FULL_MODEL_SHARE * TIME_LIMIT
