"""`make bench`: ours against the two peers on every instance, in one run, into benchmarks/RESULTS.md.

Each solver runs in its own process (benchmarks/solve_one.py) so that its seconds and peak memory
are its own; every timetable is then validated by `kakehashi check`'s own code. A solver that
crashes or overruns is recorded as such and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.instances import CASES, HERE, Case, instance_path  # noqa: E402
from kakehashi.timetable.check import check_report  # noqa: E402
from kakehashi.timetable.format import load_instance, load_solution  # noqa: E402

RUN_DIR = HERE / "runs"
PREFECTURE_LIMIT_S = 300
PREFECTURE_MEMORY_MB = 2048


def run_solver(solver: str, instance: Path, output: Path, time_limit: float, workers: int,
               timetable: Path | None = None, grace: float = 120) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "solve_one.py"), solver, str(instance), str(output),
               "--time-limit", str(time_limit), "--workers", str(workers)]
    if timetable is not None:
        command += ["--timetable", str(timetable)]
    # Model building counts against a solver, but a run that never ends would stop the benchmark.
    allowed = time_limit * 1.5 + grace
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=allowed, check=False)
    except subprocess.TimeoutExpired:
        return {"solver": solver, "error": f"killed after {allowed:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"solver": solver, "error": f"exit {done.returncode}: {last[:120]}",
                "seconds": round(time.monotonic() - started, 1)}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def judge(instance_file: Path, solution_file: Path, result: dict[str, Any]) -> None:
    """Adds validity and the checked objective, so no solver's own word is taken for it."""
    if "error" in result or result.get("objective") is None:
        result["valid"] = False
        return
    report = check_report(load_instance(instance_file), load_solution(solution_file))
    result["valid"] = report.valid
    result["checked_objective"] = report.score.objective
    result["rules_broken"] = sorted({v.rule for v in report.violations})


def run_case(case: Case, time_limit: float, workers: int) -> dict[str, Any]:
    path = instance_path(case)
    instance = load_instance(path)
    row: dict[str, Any] = {"instance": case.name, "schools": len(instance.schools), "alts": len(instance.alts),
                           "lessons": sum(len(s.lessons) for s in instance.schools), "prefecture": case.prefecture}
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    limit = PREFECTURE_LIMIT_S if case.prefecture else time_limit
    solvers = ["greedy", "ours"] if case.prefecture else ["greedy", "plain", "ours"]
    for solver in solvers:
        output = RUN_DIR / f"{case.name}.{solver}.json"
        print(f"  {case.name}: {solver} ...", file=sys.stderr, flush=True)
        result = run_solver(solver, path, output, limit, workers)
        judge(path, output, result)
        row[solver] = result
    if not case.prefecture and row["ours"].get("valid"):
        output = RUN_DIR / f"{case.name}.repair.json"
        result = run_solver("repair", path, output, 1.0, workers, timetable=RUN_DIR / f"{case.name}.ours.json")
        row["repair"] = result
    if case.prefecture:
        row["plain"] = {"solver": "plain", "error": "not run: the textbook model does not fit at this size"}
    return row


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        memory_kb = 0
    from ortools import __version__ as ortools_version

    return (f"{cpu}, {os.cpu_count()} cores, {memory_kb / 1024 / 1024:.0f} GiB; "
            f"Python {platform.python_version()}, OR-Tools {ortools_version}, {platform.system()} {platform.release()}")


def fmt(result: dict[str, Any]) -> str:
    if "error" in result:
        return f"— ({result['error']})"
    objective = result.get("checked_objective", result.get("objective"))
    if objective is None:
        return f"— ({result.get('status')})"
    mark = "" if result.get("valid") else f" ✗ rules {result.get('rules_broken')}"
    return f"{objective:,}{mark}"


def write_results(rows: list[dict[str, Any]], command: str, started: datetime, path: Path, note: str = "") -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Made by one run of `{command}` on {started:%Y-%m-%d %H:%M} UTC ({datetime.now(UTC):%H:%M} end).",
        f"Machine: {machine()}.",
        "",
        "Objectives are recomputed by the checker (`kakehashi check`'s code); ✗ marks a timetable that breaks",
        "the rules listed. *bound* is ours' proven upper bound (— when none was proven); *gap* = (bound − ours) /",
        "bound; *vs peers* = ours / the better valid peer (* where neither peer is valid: the better invalid",
        "one). Seconds and peak MB are ours', each solver measured in a process of its own (wall time including",
        "model building; peak resident memory). *repair s*: repairing the busiest ALT-day of ours' timetable.",
        *([note] if note else []),
        "",
        "| instance | schools | ALTs | lessons | greedy | plain CP-SAT | ours | bound | gap | vs peers | seconds "
        "| peak MB | repair s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    verdicts: list[str] = []
    for row in rows:
        ours = row["ours"]
        objective = ours.get("checked_objective") if ours.get("valid") else None
        bound = ours.get("bound")
        gap = f"{(bound - objective) / abs(bound):.1%}" if bound and objective is not None else "—"
        peers = [row[p].get("checked_objective") for p in ("greedy", "plain") if row[p].get("valid")]
        # With no valid peer, ours is compared with the best peer timetable however invalid (marked *).
        invalid = [row[p].get("checked_objective") for p in ("greedy", "plain")
                   if not row[p].get("valid") and row[p].get("checked_objective") is not None]
        against = peers or invalid
        ratio = (f"{objective / max(against):.3f}{'' if peers else '*'}"
                 if against and objective is not None and max(against) > 0 else "—")
        repair = row.get("repair", {})
        repair_s = f"{repair['seconds']:.2f}" if "seconds" in repair and "error" not in repair else "—"
        lines.append(
            f"| {row['instance']} | {row['schools']} | {row['alts']} | {row['lessons']} | {fmt(row['greedy'])} | "
            f"{fmt(row['plain'])} | {fmt(ours)} | {f'{bound:,}' if bound else '—'} | {gap} | {ratio} | "
            f"{ours.get('seconds', '—')} | {ours.get('peak_mb', '—')} | {repair_s} |")
        if row["prefecture"]:
            ok = ours.get("valid") and ours.get("seconds", 1e9) <= PREFECTURE_LIMIT_S \
                and ours.get("peak_mb", 1e9) <= PREFECTURE_MEMORY_MB
            verdicts.append(f"- {row['instance']}: valid within {PREFECTURE_LIMIT_S} s and {PREFECTURE_MEMORY_MB} MB: "
                            f"{'yes' if ok else 'NO'}.")
        else:
            meets = ratio != "—" and float(ratio.rstrip("*")) >= 1.05
            close = gap != "—" and float(gap.rstrip("%")) <= 3
            verdicts.append(f"- {row['instance']}: valid {'yes' if ours.get('valid') else 'NO'}; ≥ 1.05 × best peer "
                            f"{'yes' if meets else 'NO'}; gap ≤ 3% {'yes' if close else 'NO'}; repair of the busiest "
                            f"ALT-day {repair_s} s ({repair.get('uncovered', '?')} of {repair.get('to_cover', '?')} "
                            f"lessons left uncovered).")
    lines += ["", "## Targets (issue 3), instance by instance", "", *verdicts, ""]
    # Written by sweep.py, areas.py, web_pages.py, load.py, imports.py, year_plan.py and cover_year.py (make bench
    # runs them first), and by term_start.py (make bench-term-start, run on its own: it takes over half an hour).
    for part in ("sweep.md", "areas.md", "web-pages.md", "load.md", "imports.md", "year-plan.md", "cover-year.md",
                 "term-start.md"):
        extra = path.parent / part
        if extra.exists():
            lines += ["", extra.read_text(encoding="utf-8")]
    path.write_text("\n".join(lines), encoding="utf-8")
    (path.parent / "results.json").write_text(json.dumps(rows, indent=1, default=str), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-limit", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", nargs="*", help="case names to run (default: all)")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--rewrite", metavar="COMMAND",
                        help="only write RESULTS.md again from results.json, naming COMMAND as the run that made it")
    parser.add_argument("--note", default="", help="with --rewrite: a sentence to put under the table's legend")
    args = parser.parse_args()
    if args.rewrite:
        rows = json.loads((args.results.parent / "results.json").read_text(encoding="utf-8"))
        write_results(rows, args.rewrite, datetime.fromisoformat(rows[0]["started"]), args.results, args.note)
        return
    started = datetime.now(UTC)
    cases = [c for c in CASES if not args.only or c.name in args.only]
    rows = []
    for case in cases:
        print(f"{case.name}", file=sys.stderr, flush=True)
        rows.append(run_case(case, args.time_limit, args.workers) | {"started": started.isoformat()})
        # Written after every case, so that an interrupted run still leaves its figures.
        write_results(rows, " ".join(["make bench", *(sys.argv[1:] and [f"BENCH_ARGS='{' '.join(sys.argv[1:])}'"])]),
                      started, args.results)
    print(f"wrote {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
