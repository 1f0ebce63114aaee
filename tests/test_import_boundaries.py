"""The core stays pure: nothing outside `kakehashi.web` imports Django, and the core never imports
the web app or the CLI. A worker that only solves timetables needs nothing but the core. The web apps stand in
layers (docs/architecture.md), checked by import-linter's contracts."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kakehashi"
WEB_ONLY = ("django", "rest_framework", "drf_spectacular", "django_filters", "django_htmx", "django_tasks")
CORE = ("timetable", "schoolyear", "placement", "recruitment")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def python_files_outside_web() -> list[Path]:
    return [path for path in PACKAGE.rglob("*.py") if "web" not in path.relative_to(PACKAGE).parts]


def test_the_package_has_files_to_check() -> None:
    assert any(path.name == "check.py" for path in python_files_outside_web())


@pytest.mark.parametrize("path", python_files_outside_web(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_nothing_outside_the_web_app_imports_django(path: Path) -> None:
    offending = sorted(m for m in imported_modules(path) if m.split(".")[0] in WEB_ONLY)
    assert not offending, f"{path} imports {offending}; only kakehashi.web may"


@pytest.mark.parametrize(
    "path",
    [p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] in CORE],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_the_core_never_imports_the_web_app_or_the_cli(path: Path) -> None:
    offending = sorted(m for m in imported_modules(path) if m.startswith(("kakehashi.web", "kakehashi.cli")))
    assert not offending, f"{path} imports {offending}; the core must not depend on its callers"


def test_the_boundary_check_notices_a_django_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from django.db import models\nimport json\n", encoding="utf-8")
    assert imported_modules(sample) == {"django.db", "json"}


# The web apps' layers (docs/architecture.md) are import-linter contracts in pyproject.toml.
ROOT = PACKAGE.parents[1]


def lint_imports(source: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` with the project's contracts over the package under `source` (a copy in tmp, or src/)."""
    program = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(program), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(source)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_web_apps_keep_their_layers_and_import_no_app_above_them() -> None:
    result = lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_contracts_notice_a_base_app_importing_a_domain_app(tmp_path: Path) -> None:
    copy = tmp_path / "src"
    shutil.copytree(PACKAGE, copy / "kakehashi", ignore=shutil.ignore_patterns("__pycache__", "static", "locale"))
    dates = copy / "kakehashi" / "web" / "core" / "dates.py"
    dates.write_text(dates.read_text(encoding="utf-8") + "\nfrom kakehashi.web.leave import models\n", encoding="utf-8")
    result = lint_imports(copy)
    assert result.returncode != 0
    assert "kakehashi.web.core.dates -> kakehashi.web.leave.models" in result.stdout


def test_only_tests_are_exempt_from_the_contracts() -> None:
    """A cycle is broken by moving code, never by an ignore line: tests alone (whole-site checks) may import
    any app."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = settings["tool"]["importlinter"]["contracts"]
    ignored = {line for contract in contracts for line in contract.get("ignore_imports", [])}
    assert ignored == {"kakehashi.web.**.tests.** -> kakehashi.**"}
