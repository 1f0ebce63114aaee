"""`kakehashi repair --substitutes POOL`: absent ALTs' lessons covered from a pool of substitute ALTs given in a
file (kakehashi/substitutes@1), within each one's days and hours; a bad pool is one line naming the place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kakehashi.cli import main
from test_cli import SCHOOL_AND_HOME, tiny_instance, tiny_solution, write


def _pool(**fields: Any) -> dict[str, Any]:
    substitute = {"id": "Z01", "name": "Sam Reyes", "home": SCHOOL_AND_HOME, "mode": "walk",
                  "levels": ["elementary"], **fields}
    return {"format": "kakehashi/substitutes@1", "substitutes": [substitute]}


def _repair(tmp_path: Path, *extra: str) -> int:
    week = write(tmp_path / "week.json", tiny_instance())
    timetable = write(tmp_path / "timetable.json", tiny_solution())
    return main(["repair", str(week), str(timetable), "--absent", "A01:mon", "-o", str(tmp_path / "new.json"),
                 *extra])


def test_without_a_pool_the_lone_alts_lessons_stay_uncovered(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _repair(tmp_path) == 0
    assert "2 lesson(s) uncovered" in capsys.readouterr().out


def test_a_substitute_from_the_pool_file_takes_the_absent_alts_lessons(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pool = write(tmp_path / "pool.json", _pool())
    assert _repair(tmp_path, "--substitutes", str(pool)) == 0
    out = capsys.readouterr().out
    assert "  S01/5-1/mon/1: covered by Z01" in out and "  S01/6-1/mon/2: covered by Z01" in out
    assert "substitutes called in: Z01" in out and "every absent lesson covered" in out
    written = json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))
    assert {"alt": "Z01", "day": "mon", "school": "S01"} in written["visits"]


def test_a_part_time_substitute_only_takes_lessons_within_their_days_and_hours(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    later = write(tmp_path / "pool.json", _pool(days=["mon", "wed"], **{"from": "09:30", "until": "12:00"}))
    assert _repair(tmp_path, "--substitutes", str(later)) == 0
    out = capsys.readouterr().out
    assert "  S01/5-1/mon/1: left without an ALT" in out and "  S01/6-1/mon/2: covered by Z01" in out
    not_mondays = write(tmp_path / "pool.json", _pool(days=["tue"]))
    assert _repair(tmp_path, "--substitutes", str(not_mondays)) == 0
    assert "2 lesson(s) uncovered" in capsys.readouterr().out


@pytest.mark.parametrize(("pool", "message"), [
    (_pool(id="A01"), 'substitutes[0].id: id "A01" is already used by the week\'s ALTs'),
    (_pool(days=["someday"]), 'substitutes[0].days[0]: "someday" is not one of mon, tue, wed, thu, fri'),
    (_pool(**{"from": "13:00", "until": "09:00"}),
     'substitutes[0].until: "09:00" is not after the time they cover from'),
    (_pool(schools=["S99"]), 'substitutes[0].schools[0]: "S99" is not one of S01'),
    ({"format": "kakehashi/week@1", "substitutes": []}, 'format: expected "kakehashi/substitutes@1"'),
])
def test_a_pool_file_with_a_mistake_is_refused_in_one_line_naming_the_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], pool: dict[str, Any], message: str) -> None:
    path = write(tmp_path / "pool.json", pool)
    assert _repair(tmp_path, "--substitutes", str(path)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kakehashi repair: error: {path}: {message}") and err.count("\n") == 1
    assert not (tmp_path / "new.json").exists()
