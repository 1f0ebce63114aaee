"""The core stays pure: nothing outside `kakehashi.web` imports Django, and the core never imports
the web app or the CLI. A worker that only solves timetables needs nothing but the core."""

from __future__ import annotations

import ast
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
