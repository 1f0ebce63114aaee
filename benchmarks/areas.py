"""`make bench` (areas): a prefecture's week solved in areas (ADR 0018) against today's single-process solve.

The prefecture is benchmarks/instances.py's `prefecture-1000` (1,000 schools, 400 ALTs, synthetic). Three
runs, each in a process of its own with the same time limit: `solve` as a solve job runs it today, and the
areas with one and with two processes side by side (the same functions a queue's area jobs run, so two
processes stand for two task workers). Every timetable is judged by the checker. Written to
benchmarks/areas.md, which run.py puts into RESULTS.md.

    python benchmarks/areas.py [--time-limit 300] [--workers 2] [--case prefecture-1000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.instances import CASES, instance_path  # noqa: E402
from benchmarks.run import RUN_DIR, judge, machine  # noqa: E402

HERE = Path(__file__).resolve().parent
# (label, solver, processes). The areas first: on a busy machine the whole-week solve may not answer at all.
RUNS: tuple[tuple[str, str, int], ...] = (("areas, two processes", "areas", 2), ("areas, one process", "areas", 1),
                                          ("one process, whole week", "ours", 1))


def run(instance: Path, label: str, solver: str, time_limit: float, workers: int, processes: int) -> dict[str, Any]:
    output = RUN_DIR / f"areas-{label}.json"
    command = [sys.executable, str(HERE / "solve_one.py"), solver, str(instance), str(output),
               "--time-limit", str(time_limit), "--workers", str(workers), "--processes", str(processes)]
    load_before = round(os.getloadavg()[0], 1)
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=time_limit * 3, check=False)
    except subprocess.TimeoutExpired:
        return {"label": label, "error": f"no answer within {time_limit * 3:g} s (stopped)",
                "wall": round(time.monotonic() - started, 1), "load": f"{load_before} → {os.getloadavg()[0]:.1f}"}
    wall = time.monotonic() - started
    if done.returncode != 0:
        return {"label": label, "error": done.stderr.strip().splitlines()[-1:] or ["failed"], "wall": wall}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result |= {"label": label, "wall": round(wall, 1), "load": f"{load_before} → {os.getloadavg()[0]:.1f}"}
    judge(instance, output, result)
    result.pop("stats", None)
    return result


def write(rows: list[dict[str, Any]], command: str, started: datetime, case: str, time_limit: float) -> None:
    (RUN_DIR / "areas-rows.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    single = next((r.get("checked_objective") for r in rows if r["label"] == "one process, whole week"), None)
    lines = [
        "## A prefecture in areas (issue 20, ADR 0018)", "",
        f"Command: `{command}`; {machine()}; started {started:%Y-%m-%d %H:%M} UTC. Week: `{case}`; every run "
        f"with `--time-limit {time_limit:g}`; objectives by the checker; load = the machine's 1-minute load "
        "average as the run began → as it ended (2 = both cores busy). The areas are split first and each "
        "solved as a week of its own; *areas side by side* is their union before the join's search across "
        "the borders.", "",
        "| run | ended (UTC) | valid | objective | ÷ one process | areas | areas side by side | areas done at s | "
        "wall s | peak MB (main / an area process) | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        objective = r.get("checked_objective")
        ratio = f"{objective / single:.3f}" if objective and single else "—"
        head = f"| {r['label']} | {r.get('ended', '—')} | "
        lines.append(
            f"{head}{'yes' if r.get('valid') else 'NO'} | {objective:,} | {ratio} | {r.get('areas') or '—'} | "
            f"{_n(r.get('areas_objective'))} | {_n(r.get('areas_seconds'))} | {r.get('wall', '—')} | "
            f"{r.get('peak_mb', '—')} / {r.get('area_process_peak_mb', '—')} | {r.get('load', '—')} |"
            if objective is not None
            else f"{head}NO | — ({r.get('error')}) | | | | | {r.get('wall')} | | {r.get('load', '—')} |")
    (HERE / "areas.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _n(value: float | None) -> str:
    return "—" if value is None else f"{value:,}" if isinstance(value, int) else f"{value:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-limit", type=float, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--case", default="prefecture-1000")
    parser.add_argument("--only", action="append", choices=[label for label, _, _ in RUNS],
                        help="run only this one (repeatable); the other rows are kept from the last run")
    args = parser.parse_args()
    case = next(c for c in CASES if c.name == args.case)
    instance = instance_path(case)
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    command = " ".join(["python benchmarks/areas.py", *sys.argv[1:]])
    kept = RUN_DIR / "areas-rows.json"
    rows: list[dict[str, Any]] = json.loads(kept.read_text(encoding="utf-8")) if args.only and kept.exists() else []
    for label, solver, processes in RUNS:
        if args.only and label not in args.only:
            continue
        print(f"  {case.name}: {label} ...", file=sys.stderr, flush=True)
        row = run(instance, label, solver, args.time_limit, args.workers, processes)
        row["ended"] = f"{datetime.now(UTC):%H:%M}"
        rows = [r for r in rows if r["label"] != label] + [row]
        rows.sort(key=lambda r: [label for label, _, _ in RUNS].index(r["label"]))
        write(rows, command, started, case.name, args.time_limit)
    print(f"wrote {HERE / 'areas.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
