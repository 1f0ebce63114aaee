"""The robustness sweep: weeks written around a planted timetable, of every size, tightness and geography.

Each week is made by `kakehashi generate --planted` (contracts written around a timetable that exists,
so a valid answer always exists) and solved by ours and both peers, each in a process of its own
(solve_one.py); the planted timetable is the third peer. Every timetable is judged by the checker.
Written to benchmarks/sweep.md (which run.py puts into RESULTS.md) and sweep.json.

    python benchmarks/sweep.py [--time-limit 20] [--workers 2] [--only NAME ...] [--max-schools N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.run import RUN_DIR, judge, machine, run_solver  # noqa: E402
from kakehashi.timetable.format import write_json  # noqa: E402
from kakehashi.timetable.generate import generate_from_sites, generate_synthetic, load_school_sites  # noqa: E402
from kakehashi.timetable.generate_planted import TIGHTNESS, Tightness, plant  # noqa: E402

HERE = Path(__file__).resolve().parent
WEEK_DIR = HERE / "sweep-weeks"
# Dense: about 100 schools in 50 km², as in a city ward; sparse: the same schools over nine times the area.
GEOGRAPHIES = {"dense": 1.0, "sparse": 3.0}
SYNTHETIC_SIZES = (20, 40, 80, 120, 200, 400)
# Real Gunma municipalities (MLIT school locations), smallest to largest.
MUNICIPALITIES = {"kiryu": "10203", "isesaki": "10204", "ota": "10205", "maebashi": "10201", "takasaki": "10202"}
# A week is "large" from this many schools: there ours must reach 1.05 × the best peer (issue 14).
LARGE = 80
# A solver still running this long after 1.5 × its limit is stopped and recorded as such.
GRACE_SECONDS = 30


@dataclass(frozen=True)
class SweepWeek:
    name: str
    tightness: Tightness
    seed: int
    schools: int | None = None  # a synthetic city of this many schools ...
    spread: float = 1.0
    municipality: str | None = None  # ... or a real municipality


def sweep_weeks() -> list[SweepWeek]:
    weeks: list[SweepWeek] = []
    seed = 100
    for geography, spread in GEOGRAPHIES.items():
        for size in SYNTHETIC_SIZES:
            for tightness in TIGHTNESS:
                seed += 1
                weeks.append(SweepWeek(f"{geography}-{size}-{tightness}", tightness, seed, schools=size, spread=spread))
    for town, code in MUNICIPALITIES.items():
        for tightness in TIGHTNESS:
            seed += 1
            weeks.append(SweepWeek(f"{town}-{tightness}", tightness, seed, municipality=code))
    return weeks


def week_files(week: SweepWeek) -> tuple[Path, Path]:
    """The week and its planted timetable, generated on first use."""
    path, planted_path = WEEK_DIR / f"{week.name}.json", WEEK_DIR / f"{week.name}.planted.json"
    if path.exists() and planted_path.exists():
        return path, planted_path
    WEEK_DIR.mkdir(parents=True, exist_ok=True)
    if week.municipality is not None:
        sites = load_school_sites()
        count = sum(1 for site in sites if site.municipality == week.municipality)
        document = generate_from_sites(sites, municipality=week.municipality, alts=max(1, round(count / 3.3)),
                                       seed=week.seed)
    else:
        assert week.schools is not None
        document = generate_synthetic(schools=week.schools, alts=max(1, round(week.schools / 3.3)), seed=week.seed,
                                      spread=week.spread)
    document, planted = plant(document, tightness=week.tightness, seed=week.seed)
    write_json(path, document)
    write_json(planted_path, planted)
    return path, planted_path


def run_week(week: SweepWeek, time_limit: float, workers: int,
             solvers: tuple[str, ...] = ("greedy", "plain", "ours")) -> dict[str, Any]:
    path, planted_path = week_files(week)
    document = json.loads(path.read_text(encoding="utf-8"))
    row: dict[str, Any] = {"week": week.name, "tightness": week.tightness, "schools": len(document["schools"]),
                           "alts": len(document["alts"])}
    planted: dict[str, Any] = {"solver": "planted", "objective": json.loads(planted_path.read_text())["objective"]}
    judge(path, planted_path, planted)
    row["planted"] = planted
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    for solver in solvers:
        output = RUN_DIR / f"sweep-{week.name}.{solver}.json"
        print(f"  {week.name}: {solver} ...", file=sys.stderr, flush=True)
        result = run_solver(solver, path, output, time_limit, workers, grace=GRACE_SECONDS)
        # The machine's load over the last minute, as the run ends: a shared machine's figures mean
        # little without it (the solver gets two cores of a machine whose load is 2 only when alone).
        result["load"] = round(os.getloadavg()[0], 1)
        judge(path, output, result)
        row[solver] = result
    return row


def _objective(result: dict[str, Any]) -> int | None:
    return result.get("checked_objective") if result.get("valid") else None


def ratio_to_best_peer(row: dict[str, Any]) -> float | None:
    ours = _objective(row["ours"])
    peers = [o for o in (_objective(row[p]) for p in ("greedy", "plain", "planted")) if o is not None]
    if ours is None or not peers or max(peers) <= 0:
        return None
    return ours / max(peers)


def write_sweep(rows: list[dict[str, Any]], command: str, started: datetime, time_limit: float,
                note: str = "") -> None:
    def cell(result: dict[str, Any]) -> str:
        if "error" in result:
            return f"— ({result['error']})"
        objective = result.get("checked_objective")
        if objective is None:
            return f"— ({result.get('status', 'nothing')})"
        return f"{objective:,}" + ("" if result.get("valid") else f" ✗ rules {result.get('rules_broken')}")

    lines = [
        "## Robustness sweep (issue 14): weeks written around a planted timetable",
        "",
        f"Made by `{command}` on {started:%Y-%m-%d %H:%M} UTC ({datetime.now(UTC):%H:%M} end), {time_limit:g} s "
        f"per solver, on {machine()}.{note}",
        "",
        "Each week's contracts were written around a timetable that exists (`kakehashi generate --planted`): "
        "*exact* — each school's visit days are exactly what it got, from as many ALTs; *normal* — what it got "
        "(one in five schools a day less) and one day more at most; *loose* — a day either side. *dense* is a city "
        "(about 100 schools in 50 km²), *sparse* the same over nine times the area; the named weeks are real Gunma "
        "municipalities (MLIT locations). *planted* is the planted timetable, a third peer. *ratio* = ours / the "
        "best valid peer; *gap* = (bound − ours) / bound, bound proven by ours; *load* = the machine's one-minute "
        "load average as ours ended (2 cores: above 2, the solver did not have them to itself).",
        "",
        "| week | schools | ALTs | greedy | plain CP-SAT | planted | ours | ratio | bound | gap | ours s | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ratios: list[float] = []
    large: list[float] = []
    gaps: list[tuple[int, float]] = []
    for row in rows:
        ratio = ratio_to_best_peer(row)
        ours = row["ours"]
        bound, objective = ours.get("bound"), _objective(ours)
        gap = (bound - objective) / bound if bound and objective is not None else None
        if ratio is not None:
            ratios.append(ratio)
            if row["schools"] >= LARGE:
                large.append(ratio)
        if gap is not None:
            gaps.append((row["schools"], gap))
        lines.append(f"| {row['week']} | {row['schools']} | {row['alts']} | {cell(row['greedy'])} | "
                     f"{cell(row['plain'])} | {cell(row['planted'])} | {cell(ours)} | "
                     f"{f'{ratio:.3f}' if ratio is not None else '—'} | {f'{bound:,}' if bound else '—'} | "
                     f"{f'{gap:.1%}' if gap is not None else '—'} | {ours.get('seconds', '—')} | "
                     f"{ours.get('load', '—')} |")
    valid = sum(1 for row in rows if row["ours"].get("valid"))
    # A proven bound below any valid timetable would be a defect: counted, so that it shows.
    beaten = [row["week"] for row in rows if row["ours"].get("bound") is not None and any(
        (o := _objective(row[p])) is not None and o > row["ours"]["bound"] for p in ("greedy", "plain", "planted"))]

    def spread(values: list[float], style: str) -> str:
        if not values:
            return "—"
        return " / ".join(format(v, style) for v in (min(values), statistics.median(values), max(values)))

    small_gaps = [g for schools, g in gaps if schools <= 120]
    big_gaps = [g for schools, g in gaps if schools > 120]
    lines += [
        "",
        f"- Weeks with a valid timetable from ours: **{valid} of {len(rows)}** ({valid / max(1, len(rows)):.0%}).",
        f"- Ours ÷ best peer, min / median / max: all weeks {spread(ratios, '.3f')}; weeks of {LARGE} schools and "
        f"more {spread(large, '.3f')}.",
        f"- Weeks where ours is at least the best peer: {sum(r >= 1 for r in ratios)} of {len(ratios)}; "
        f"at least 1.05 × on weeks of {LARGE}+ schools: {sum(r >= 1.05 for r in large)} of {len(large)}.",
        f"- Proven gap, min / median / max: up to 120 schools {spread(small_gaps, '.1%')}; above "
        f"{spread(big_gaps, '.1%')}.",
        f"- Weeks where a peer's valid timetable scores above ours' proven bound (a defect if any): "
        f"{len(beaten)}{' (' + ', '.join(beaten) + ')' if beaten else ''}.",
        "",
    ]
    (HERE / "sweep.md").write_text("\n".join(lines), encoding="utf-8")
    (HERE / "sweep.json").write_text(json.dumps(rows, indent=1, default=str), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--time-limit", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", nargs="*", help="week names to run (default: all)")
    parser.add_argument("--max-schools", type=int, help="skip synthetic weeks larger than this")
    parser.add_argument("--rerun", nargs="+", choices=("greedy", "plain", "ours"), metavar="SOLVER",
                        help="run only these solvers again on the weeks of the last sweep (sweep.json), keeping "
                             "the other solvers' figures")
    args = parser.parse_args()
    if args.rerun:
        rerun(args.rerun, args.time_limit, args.workers, " ".join(["python benchmarks/sweep.py", *sys.argv[1:]]),
              only=args.only)
        return
    started = datetime.now(UTC)
    weeks = [w for w in sweep_weeks() if (not args.only or w.name in args.only)
             and (args.max_schools is None or w.schools is None or w.schools <= args.max_schools)]
    command = " ".join(["python benchmarks/sweep.py", *sys.argv[1:]])
    rows = []
    for week in weeks:
        began = time.monotonic()
        rows.append(run_week(week, args.time_limit, args.workers) | {"started": started.isoformat()})
        print(f"{week.name}: {time.monotonic() - began:.0f} s", file=sys.stderr, flush=True)
        write_sweep(rows, command, started, args.time_limit)  # after every week, so a stopped run keeps its rows
    print(f"wrote {HERE / 'sweep.md'}", file=sys.stderr)


def rerun(solvers: list[str], time_limit: float, workers: int, command: str, only: list[str] | None = None) -> None:
    """The last sweep's rows with `solvers` measured again (say, after a peer was mended); with `only`,
    just those weeks' rows (the table says which were measured when)."""
    rows = json.loads((HERE / "sweep.json").read_text(encoding="utf-8"))
    weeks = {week.name: week for week in sweep_weeks()}
    for row in rows:
        if only and row["week"] not in only:
            continue
        fresh = run_week(weeks[row["week"]], time_limit, workers, tuple(solvers))
        row.update({solver: fresh[solver] for solver in solvers})
    header = (HERE / "sweep.md").read_text(encoding="utf-8").splitlines()[2]
    first = header.split("`")[1]
    started = datetime.fromisoformat(rows[0].get("started", datetime.now(UTC).isoformat()))
    note = f" Then {', '.join(solvers)} measured again by `{command}` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC."
    write_sweep(rows, first, started, time_limit, note)


if __name__ == "__main__":
    main()
