"""The command line with rotations: generate, solve and check a cycle, plan its year; bad cycle files
and options are one line naming the file and the JSON path, as for weeks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kakehashi.cli import main


@pytest.fixture
def planted_cycle(tmp_path: Path) -> Path:
    path = tmp_path / "cycle.json"
    assert main(["generate", "-o", str(path), "--synthetic", "--schools", "10", "--alts", "4", "--seed", "3",
                 "--cycle-weeks", "2", "--planted", "normal"]) == 0
    return path


def test_a_generated_cycle_is_solved_and_checked(planted_cycle: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    planted = planted_cycle.with_suffix(".planted.json")
    assert main(["check", str(planted_cycle), str(planted)]) == 0
    timetable = tmp_path / "timetable.json"
    assert main(["solve", str(planted_cycle), "-o", str(timetable), "--time-limit", "4", "--workers", "1",
                 "--quiet"]) == 0
    assert json.loads(timetable.read_text(encoding="utf-8"))["format"] == "kakehashi/cycle-solution@1"
    capsys.readouterr()
    assert main(["check", str(planted_cycle), str(timetable), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] and report["objective_matches"]


def test_check_names_the_cycle_week_of_a_broken_rule(planted_cycle: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    planted = json.loads(planted_cycle.with_suffix(".planted.json").read_text(encoding="utf-8"))
    second = next(v for v in planted["visits"] if v["week"] == 2)
    planted["visits"].append({**second, "school": "S99"})
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(planted), encoding="utf-8")
    assert main(["check", str(planted_cycle), str(broken)]) == 1
    out = capsys.readouterr().out
    assert any(line.startswith("cycle week 2: rule 12:") and "S99" in line for line in out.splitlines())


def test_show_prints_each_cycle_week(planted_cycle: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["show", str(planted_cycle), str(planted_cycle.with_suffix(".planted.json"))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Cycle week 1\n") and "\nCycle week 2\n" in out


def test_a_bad_cycle_file_is_one_line_with_the_file_and_json_path(planted_cycle: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    document = json.loads(planted_cycle.read_text(encoding="utf-8"))
    document["schools"][2]["lessons"][0]["weeks"] = [1, 7]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    assert main(["solve", str(bad), "-o", str(tmp_path / "t.json")]) == 2
    err = capsys.readouterr().err
    assert err == f"kakehashi solve: error: {bad}: schools[2].lessons[0].weeks[1]: 7 is above the maximum of 2\n"


def test_plan_year_prints_each_school_and_writes_the_plan(planted_cycle: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.json"
    code = main(["plan-year", str(planted_cycle), str(planted_cycle.with_suffix(".planted.json")), "--year", "2027",
                 "-o", str(plan), "--time-limit", "5", "--workers", "1"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0].split() == ["school", "contracted", "before", "after"]
    document = json.loads(plan.read_text(encoding="utf-8"))
    assert document["format"] == "kakehashi/year-plan@1"
    assert len(document["schools"]) == 10
    assert all(row["planned_after"] <= row["contracted"] for row in document["schools"])


def test_plan_year_of_a_week_takes_its_contracts_from_a_file(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    week, timetable = tmp_path / "week.json", tmp_path / "week.planted.json"
    assert main(["generate", "-o", str(week), "--synthetic", "--schools", "6", "--alts", "2", "--seed", "2",
                 "--planted", "exact"]) == 0
    school = json.loads(week.read_text(encoding="utf-8"))["schools"][0]["id"]
    capsys.readouterr()
    assert main(["plan-year", str(week), str(timetable), "--year", "2027", "-o", str(tmp_path / "p.json")]) == 2
    assert "no school has an annual contract" in capsys.readouterr().err
    contracts = tmp_path / "contracts.json"
    contracts.write_text(json.dumps({"format": "kakehashi/annual-contracts@1",
                                     "schools": [{"school": school, "days": 30}]}), encoding="utf-8")
    assert main(["plan-year", str(week), str(timetable), "--year", "2027", "--contracts", str(contracts),
                 "-o", str(tmp_path / "p.json"), "--time-limit", "5"]) == 0
    rows = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["schools"]
    assert [row["contracted"] for row in rows if row["contracted"] is not None] == [30]


def test_a_bad_contracts_file_names_the_file_and_path(planted_cycle: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    contracts = tmp_path / "contracts.json"
    contracts.write_text(json.dumps({"format": "kakehashi/annual-contracts@1",
                                     "schools": [{"school": "S404", "days": 30}]}), encoding="utf-8")
    code = main(["plan-year", str(planted_cycle), str(planted_cycle.with_suffix(".planted.json")), "--year", "2027",
                 "--contracts", str(contracts), "-o", str(tmp_path / "p.json")])
    assert code == 2
    assert capsys.readouterr().err == (f"kakehashi plan-year: error: {contracts}: schools[0].school: school "
                                       "\"S404\" does not exist in the timetable's file\n")


def test_a_cycle_is_solved_without_a_hint(planted_cycle: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["solve", str(planted_cycle), "-o", str(tmp_path / "t.json"), "--hint",
                 str(planted_cycle.with_suffix(".planted.json"))])
    assert code == 2
    assert "--hint takes a week's timetable" in capsys.readouterr().err
