"""Whatever a coordinator types, the command line answers with a result or with one line naming the file or
option and exit code 2 — never a traceback, never silence (issue 16, finding 10)."""

from __future__ import annotations

import contextlib
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kakehashi.cli import main
from test_cli import tiny_instance, tiny_solution, write


def run(argv: list[str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command, as the installed `kakehashi` would give them."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse stops on a bad option
            code = stop.code if isinstance(stop.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def refused(argv: list[str]) -> str:
    """The one line a refused command prints."""
    code, out, err = run(argv)
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and err.startswith(f"kakehashi {argv[0]}: error: "), err
    return err


@pytest.fixture(scope="module")
def files() -> Iterator[dict[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        deep = here / "deep.json"
        deep.write_text("[" * 200_000, encoding="utf-8")
        huge = tiny_instance()
        huge["weights"] = {"coverage_scale": 2**62}
        yield {
            "week": str(write(here / "week.json", tiny_instance())),
            "timetable": str(write(here / "timetable.json", tiny_solution())),
            "deep": str(deep),
            "huge": str(write(here / "huge.json", huge)),
            "out": str(here / "out.json"),
        }


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{deep}", "{timetable}"],
        ["check", "{week}", "{deep}"],
        ["solve", "{deep}", "-o", "{out}"],
        ["place", "{deep}", "-o", "{out}"],
        ["calendar", "2026", "--events", "{deep}"],
        ["generate", "-o", "{out}", "--alts", "2", "--municipality", "10202", "--schools-geojson", "{deep}"],
    ],
)
def test_a_file_of_200000_nested_brackets_is_one_line_naming_it(files: dict[str, str], command: list[str]) -> None:
    line = refused([part.format(**files) for part in command])
    assert files["deep"] in line and "nested too deeply" in line


@pytest.mark.parametrize("limit", ["inf", "-inf", "nan", "Infinity", "0", "-1"])
def test_solve_refuses_a_time_limit_that_is_not_a_finite_positive_number(files: dict[str, str], limit: str) -> None:
    assert "--time-limit" in refused(["solve", files["week"], "-o", files["out"], "--time-limit", limit])


@pytest.mark.parametrize("year", ["0", "-1", "99999", "2018", "x"])
def test_calendar_refuses_a_school_year_it_cannot_lay_out(year: str) -> None:
    assert "SCHOOLYEAR" in refused(["calendar", year])


def test_weights_too_large_for_an_exact_objective_are_refused_when_read(files: dict[str, str]) -> None:
    for command in (["solve", files["huge"], "-o", files["out"]], ["check", files["huge"], files["timetable"]]):
        line = refused(command)
        assert f"{files['huge']}: weights.coverage_scale: too large" in line and "2^53" in line
    assert not Path(files["out"]).exists()


def test_calendar_names_an_alt_or_school_that_is_not_in_the_week(files: dict[str, str]) -> None:
    week = ["calendar", "2026", "--week", files["week"], "--timetable", files["timetable"]]
    assert "--alt ZZZ: no such ALT" in refused([*week, "--alt", "ZZZ"])
    assert "--school ZZZ: no such school" in refused([*week, "--school", "ZZZ"])
    code, out, _ = run([*week, "--alt", "A01", "--from", "2026-06-01", "--to", "2026-06-05"])
    assert code == 0 and "2026-06-01 A01 S01" in out


def test_calendar_refuses_from_after_to_and_dates_outside_the_year(files: dict[str, str]) -> None:
    assert "--from 2026-05-01 is after --to 2026-04-20" in refused(
        ["calendar", "2026", "--from", "2026-05-01", "--to", "2026-04-20"]
    )
    assert "--to 2027-04-01 is outside" in refused(["calendar", "2026", "--to", "2027-04-01"])


# -- every option, fuzzed ----------------------------------------------------------------------------

anything = st.one_of(
    st.text(max_size=12),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["inf", "nan", "-0", "1e400", "2026-13-01", "2026-04-01", "A01", "S01", "ZZZ", "", "--"]),
)
dates = st.one_of(st.dates().map(str), anything)

CALENDAR_OPTIONS = {
    "--alt": anything,
    "--school": anything,
    "--from": dates,
    "--to": dates,
}
# A malformed instance stops solve, place and the rest after their options are read, so nothing long runs.
OPTIONS = {
    "solve": {"--time-limit": anything, "--workers": anything, "--seed": anything},
    "repair": {"--time-limit": anything, "--absent": anything},
    "place": {"--time-limit": anything, "--seed": anything},
    "generate": {
        "--alts": anything,
        "--schools": anything,
        "--seed": anything,
        "--spread": anything,
        "--planted": anything,
        "--municipality": anything,
        "--name": anything,
    },
}


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_option_values_give_a_result_or_one_line_and_exit_2(files: dict[str, str], data: Any) -> None:
    command = data.draw(st.sampled_from(["calendar", *OPTIONS]))
    if command == "calendar":
        year = data.draw(st.one_of(st.integers(2019, 2030).map(str), anything), label="year")
        argv = ["calendar", year, "--week", files["week"], "--timetable", files["timetable"]]
        chosen = CALENDAR_OPTIONS
    else:
        argv = {
            "solve": ["solve", files["deep"], "-o", files["out"]],
            "repair": ["repair", files["deep"], files["timetable"], "-o", files["out"]],
            "place": ["place", files["deep"], "-o", files["out"]],
            "generate": ["generate", "-o", files["out"], "--synthetic"],
        }[command]
        chosen = OPTIONS[command]
    for option in data.draw(st.lists(st.sampled_from(sorted(chosen)), unique=True), label="options"):
        argv += [f"{option}={data.draw(chosen[option], label=option)}"]
    if command == "generate":
        # With every value good it would write a file: this test is about the values, so keep it bad.
        argv += ["--schools-geojson", files["deep"]]
    code, _, err = run(argv)
    assert code in (0, 2)
    if code == 2:
        assert err.count("\n") == 1 and err.startswith(f"kakehashi {command}: error: "), err
    assert "Traceback" not in err
    assert not Path(files["out"]).exists()


# A file argument may be anything a person types: a missing file, a folder, an empty or unreadable one, a file of
# another kind. Each is one line and exit 2 (or, for check, 1 when the files are fine but the timetable is not).
paths = st.one_of(
    anything,
    st.sampled_from([".", "/", "/dev/null", "/proc/self/status", "missing.json", "week", "timetable", "deep", "huge"]),
)
FILE_COMMANDS = {
    "check": (["--json"], {0, 1, 2}),
    "explain": (["--json"], {0, 2}),
    "show": ([], {0, 2}),
}


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_file_arguments_give_a_result_or_one_line_and_exit_2(files: dict[str, str], data: Any) -> None:
    command = data.draw(st.sampled_from([*sorted(FILE_COMMANDS), "calendar"]))

    def path(label: str) -> str:
        drawn = data.draw(paths, label=label)
        return files.get(drawn, drawn)

    if command == "calendar":
        argv, allowed = ["calendar", "2026", "--events", path("events")], {0, 2}
        if data.draw(st.booleans(), label="with the week"):
            argv += ["--week", path("week"), "--timetable", path("timetable")]
    else:
        flags, allowed = FILE_COMMANDS[command]
        argv = [command, path("instance"), path("solution")]
        argv += data.draw(st.lists(st.sampled_from(flags), unique=True), label="flags") if flags else []
    code, _, err = run(argv)
    assert code in allowed, err
    if code == 2:
        assert err.count("\n") == 1 and err.startswith(f"kakehashi {command}: error: "), err
    assert "Traceback" not in err
