"""`make demo` as the README shows it, on the default port and on another one (a dry run: nothing is built)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def demo_command(*variables: str) -> str:
    # -n prints the commands (building .venv too) without running any.
    dry = subprocess.run(
        ["make", "-n", "demo", *variables],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return next(line for line in dry.stdout.splitlines() if "kakehashi serve" in line)


def test_make_demo_serves_on_8000_unless_told_another_port_or_address() -> None:
    assert demo_command().endswith("serve --demo --address 127.0.0.1:8000")
    assert demo_command("PORT=8080").endswith("serve --demo --address 127.0.0.1:8080")
    assert demo_command("ADDRESS=0.0.0.0:9000").endswith("serve --demo --address 0.0.0.0:9000")
