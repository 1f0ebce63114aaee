"""The `kakehashi` command line as a coordinator uses it: exit codes, one-line errors, files written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kakehashi.cli import main

SCHOOL_AND_HOME = {"lat": 36.3219, "lon": 139.0033}


def tiny_instance() -> dict[str, Any]:
    """One school and one ALT who lives next door: two ALT lessons are worth 20,000 and cost nothing."""
    return {
        "format": "kakehashi/week@1",
        "name": "Tiny",
        "schools": [{
            "id": "S01", "name": "Chuo Elementary School", "name_ja": "中央小学校", "level": "elementary",
            "location": SCHOOL_AND_HOME,
            "bells": {"default": [{"period": "1", "start": "08:45", "end": "09:30"},
                                  {"period": "2", "start": "09:35", "end": "10:20"}]},
            "visit_days": {"min": 1, "max": 5},
            "homerooms": [{"id": "5-1", "grade": 5, "weight": 10}, {"id": "6-1", "grade": 6, "weight": 10}],
            "lessons": [{"id": "S01/5-1/mon/1", "homeroom": "5-1", "day": "mon", "period": "1"},
                        {"id": "S01/6-1/mon/2", "homeroom": "6-1", "day": "mon", "period": "2"}],
        }],
        "alts": [{"id": "A01", "name": "Jamie Smith", "home": SCHOOL_AND_HOME, "mode": "walk",
                  "levels": ["elementary"], "classes_per_week": {"min": 0, "max": 25}}],
    }


def tiny_solution(objective: int | None = 20000, **changes: Any) -> dict[str, Any]:
    solution: dict[str, Any] = {
        "format": "kakehashi/week-solution@1", "instance": "Tiny", "status": "optimal", "objective": objective,
        "visits": [{"alt": "A01", "day": "mon", "school": "S01"}],
        "lessons": [{"alt": "A01", "lesson": "S01/5-1/mon/1"}, {"alt": "A01", "lesson": "S01/6-1/mon/2"}],
    }
    solution.update(changes)
    return solution


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def instance_file(tmp_path: Path) -> Path:
    return write(tmp_path / "week.json", tiny_instance())


def test_check_accepts_a_valid_timetable_with_its_true_objective(
        instance_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(instance_file), str(write(tmp_path / "s.json", tiny_solution()))])
    out = capsys.readouterr().out
    assert code == 0
    assert "valid" in out
    assert "20000" in out


def test_check_json_reports_validity_violations_objective_and_terms(
        instance_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(instance_file), str(write(tmp_path / "s.json", tiny_solution())), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["valid"] is True
    assert report["violations"] == []
    assert report["objective"] == 20000
    assert report["terms"] == {"coverage": 20000, "travel_cost": 0, "shortfall_cost": 0, "extra_alt_cost": 0}


def test_check_lists_every_violation_and_exits_1(
        instance_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tiny_solution(visits=[], lessons=[{"alt": "A01", "lesson": "S01/5-1/mon/1"},
                                               {"alt": "A09", "lesson": "S01/6-1/mon/2"}])
    code = main(["check", str(instance_file), str(write(tmp_path / "s.json", broken)), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["valid"] is False
    assert [v["rule"] for v in report["violations"]] == [2, 10, 12]
    assert report["violations"][0]["message"] == (
        "rule 2: ALT A01 joins lesson S01/5-1/mon/1 but does not visit S01 on mon.")


def test_check_exits_1_when_the_stated_objective_is_wrong(
        instance_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(instance_file), str(write(tmp_path / "s.json", tiny_solution(objective=19999)))])
    out = capsys.readouterr().out
    assert code == 1
    assert "objective mismatch: the solution states objective 19999, but the timetable scores 20000" in out


def test_check_exits_2_with_one_line_naming_the_file_and_json_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = tiny_instance()
    document["schools"][0]["bells"]["wed"] = [{"period": "1", "start": "8:5", "end": "09:30"}]
    bad = write(tmp_path / "bad.json", document)
    code = main(["check", str(bad), str(write(tmp_path / "s.json", tiny_solution()))])
    err = capsys.readouterr().err
    assert code == 2
    assert err == f'kakehashi check: error: {bad}: schools[0].bells.wed[0].start: "8:5" is not HH:MM\n'


@pytest.mark.parametrize(("content", "problem"), [
    ("{not json", "not valid JSON: Expecting property name enclosed in double quotes at line 1 column 2"),
    ("[]", "expected an object, found []"),
])
def test_check_exits_2_for_a_file_that_is_not_an_instance(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, problem: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code = main(["check", str(bad), str(bad)])
    assert code == 2
    assert problem in capsys.readouterr().err


def test_check_exits_2_for_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(tmp_path / "nowhere.json"), str(tmp_path / "nowhere.json")])
    assert code == 2
    assert capsys.readouterr().err == f"kakehashi check: error: {tmp_path / 'nowhere.json'}: no such file\n"


def test_generate_with_the_same_seed_writes_the_same_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for path in (first, second):
        assert main(["generate", "-o", str(path), "--synthetic", "--schools", "6", "--alts", "2", "--seed", "7"]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_generate_refuses_an_unknown_municipality_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["generate", "-o", str(tmp_path / "x.json"), "--municipality", "99999", "--alts", "3"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "99999" in err
    assert not (tmp_path / "x.json").exists()


def test_generate_synthetic_needs_a_school_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "-o", str(tmp_path / "x.json"), "--synthetic", "--alts", "3"]) == 2
    assert "--synthetic needs --schools N" in capsys.readouterr().err


def test_solve_writes_a_timetable_that_check_accepts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    week, timetable = tmp_path / "week.json", tmp_path / "timetable.json"
    assert main(["generate", "-o", str(week), "--synthetic", "--schools", "6", "--alts", "2", "--seed", "3"]) == 0
    assert main(["solve", str(week), "-o", str(timetable), "--time-limit", "5", "--quiet"]) == 0
    assert main(["check", str(week), str(timetable)]) == 0
    assert main(["show", str(week), str(timetable)]) == 0
    assert "mon" in capsys.readouterr().out


def test_solve_in_areas_writes_a_timetable_that_check_accepts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    week, timetable = tmp_path / "week.json", tmp_path / "timetable.json"
    assert main(["generate", "-o", str(week), "--synthetic", "--schools", "24", "--alts", "7", "--seed", "5"]) == 0
    assert main(["solve", str(week), "-o", str(timetable), "--time-limit", "10", "--workers", "1",
                 "--area-processes", "2", "--area-schools", "8"]) == 0
    assert "areas of nearby schools" in capsys.readouterr().out
    assert main(["check", str(week), str(timetable)]) == 0


def test_solve_exits_2_for_a_malformed_instance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = tiny_instance()
    document["alts"][0]["max_schools_per_day"] = 3
    bad = write(tmp_path / "bad.json", document)
    assert main(["solve", str(bad), "-o", str(tmp_path / "s.json")]) == 2
    assert "alts[0].max_schools_per_day: 3 is above the maximum of 2" in capsys.readouterr().err
    assert not (tmp_path / "s.json").exists()


def test_the_installed_command_prints_no_traceback_on_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "kakehashi/week@1"}', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kakehashi.cli", "check", str(bad), str(bad)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"kakehashi check: error: {bad}: name: missing required field"


def test_repair_covers_an_absence_and_writes_a_timetable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    week, timetable, repaired = tmp_path / "week.json", tmp_path / "timetable.json", tmp_path / "repaired.json"
    assert main(["generate", "-o", str(week), "--synthetic", "--schools", "8", "--alts", "3", "--seed", "2"]) == 0
    assert main(["solve", str(week), "-o", str(timetable), "--time-limit", "3", "--quiet"]) == 0
    first_visit = json.loads(timetable.read_text(encoding="utf-8"))["visits"][0]
    absence = f"{first_visit['alt']}:{first_visit['day']}"
    capsys.readouterr()
    assert main(["repair", str(week), str(timetable), "--absent", absence, "-o", str(repaired)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{first_visit['alt']} is absent on {first_visit['day']}: visit to {first_visit['school']}")
    assert f"wrote {repaired}" in out
    assert json.loads(repaired.read_text(encoding="utf-8"))["format"] == "kakehashi/week-solution@1"


def test_repair_refuses_an_absence_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    week = write(tmp_path / "week.json", tiny_instance())
    timetable = write(tmp_path / "s.json", tiny_solution())
    assert main(["repair", str(week), str(timetable), "--absent", "A01 tue", "-o", str(tmp_path / "r.json")]) == 2
    assert capsys.readouterr().err == (
        "kakehashi repair: error: --absent 'A01 tue': expected ALT:DAY, e.g. A07:tue\n")
    assert not (tmp_path / "r.json").exists()


def test_calendar_prints_the_school_years_days_without_lessons(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2026", "--from", "2026-09-01", "--to", "2026-09-30"]) == 0
    out = capsys.readouterr().out
    assert "令和8年度" in out and "2026-09-22 tue  holiday      国民の休日" in out


def test_calendar_lays_a_timetable_over_the_year_and_names_each_skipped_visit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kakehashi.timetable.format import parse_instance, solution_to_json
    from kakehashi.timetable.generate import generate_synthetic
    from kakehashi.timetable.solve.construct import construct

    document = generate_synthetic(schools=4, alts=1, seed=3)
    week = construct(parse_instance(document))
    assert week is not None
    events = [{"kind": "sports_day", "name": "運動会", "starts": "2026-05-16"}]
    code = main(["calendar", "2026", "--week", str(write(tmp_path / "w.json", document)),
                 "--timetable", str(write(tmp_path / "t.json", solution_to_json(week))),
                 "--events", str(write(tmp_path / "e.json", events)), "--from", "2026-05-01", "--to", "2026-05-31"])
    assert code == 0
    out = capsys.readouterr().out
    assert "no visit: みどりの日" in out or "no visit: 振替休日" in out or "no visit: こどもの日" in out
    assert "visits skipped" in out


def test_calendar_names_the_bad_event_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = write(tmp_path / "e.json", [{"kind": "picnic", "starts": "2026-05-16"}])
    assert main(["calendar", "2026", "--events", str(events)]) == 2
    assert "e.json: [0].kind: 'picnic' is not one of" in capsys.readouterr().err


def test_serve_without_a_secret_key_says_in_one_line_what_to_set(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KAKEHASHI_", "DJANGO_"))}
    env["KAKEHASHI_DATA_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "kakehashi.cli", "serve", "--address", "127.0.0.1:1"],
                            capture_output=True, text=True, check=False, env=env, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("kakehashi serve: error: KAKEHASHI_SECRET_KEY is not set: set it to")
    assert "KAKEHASHI_DEBUG=1" in result.stderr
    assert not list(tmp_path.iterdir())  # nothing migrated, no database made
