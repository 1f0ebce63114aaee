"""`kakehashi place` through a real process: an example to start from, a result written, and bad
input refused with one line that names the file and the JSON path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kakehashi.placement import parse_instance, parse_result


def kakehashi(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kakehashi.cli", *args], capture_output=True, text=True, check=False, cwd=cwd
    )


def test_the_example_then_its_placement_exit_0_and_write_a_result(tmp_path: Path) -> None:
    example = kakehashi("place", "--example", "--seed", "2", cwd=tmp_path)
    assert example.returncode == 0, example.stderr
    (tmp_path / "example.json").write_text(example.stdout, encoding="utf-8")
    assert parse_instance(json.loads(example.stdout)).name == "Gunma placement (example, seed 2)"

    placed = kakehashi("place", "example.json", "-o", "result.json", "--time-limit", "2", "--seed", "3", cwd=tmp_path)
    assert placed.returncode == 0, placed.stderr
    assert placed.stdout.startswith("wrote result.json: status optimal, 30 of 31 posts filled")
    assert "request R17 (SEA, judo, 1 post): no participant holds a judo coaching qualification" in placed.stdout
    result = parse_result(json.loads((tmp_path / "result.json").read_text(encoding="utf-8")))
    assert result.score.filled == 30


def test_the_example_can_be_written_to_a_file(tmp_path: Path) -> None:
    written = kakehashi("place", "--example", "-o", "example.json", cwd=tmp_path)
    assert written.returncode == 0
    assert written.stdout == "wrote example.json: 17 requests, 32 participants\n"


def test_a_malformed_instance_exits_2_with_the_file_and_json_path(tmp_path: Path) -> None:
    document = {
        "format": "kakehashi/placement@1",
        "name": "Bad",
        "participants": [],
        "requests": [
            {
                "id": "R1",
                "organization": {"id": "O1", "name": "Ota"},
                "position": "ALT",
                "count": "two",
                "levels": ["high"],
            }
        ],
    }
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    refused = kakehashi("place", "bad.json", "-o", "result.json", cwd=tmp_path)
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    assert (
        refused.stderr == 'kakehashi place: error: bad.json: requests[0].count: expected a whole number, found "two"\n'
    )
    assert not (tmp_path / "result.json").exists()


def test_a_missing_file_exits_2_in_one_line(tmp_path: Path) -> None:
    refused = kakehashi("place", "nowhere.json", "-o", "result.json", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr == "kakehashi place: error: nowhere.json: no such file\n"


def test_an_instance_without_an_output_file_exits_2(tmp_path: Path) -> None:
    refused = kakehashi("place", "example.json", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr == (
        "kakehashi place: error: give INSTANCE and -o RESULT (or --example for an instance to start from)\n"
    )
