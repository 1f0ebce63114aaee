"""One solver on one instance, in a process of its own so that its time and peak memory are its own.

Prints one JSON line: solver, seconds (wall, including model building), peak_mb (this process's
peak resident memory), and the solution file it wrote. Used by run.py; also handy by hand:
`python benchmarks/solve_one.py ours benchmarks/instances/takasaki.json out.json --time-limit 60`.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.peers.greedy import solve_greedy
from benchmarks.peers.plain_cpsat import solve_plain
from kakehashi.timetable.format import load_instance, load_solution, solution_to_json, write_json


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("solver", choices=["greedy", "plain", "ours", "areas", "repair"])
    parser.add_argument("instance", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--time-limit", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timetable", type=Path, help="with repair: the timetable to repair")
    parser.add_argument("--processes", type=int, default=1, help="with areas: areas solved side by side")
    args = parser.parse_args()
    started = time.monotonic()
    instance = load_instance(args.instance)
    extra: dict[str, object] = {}
    if args.solver == "greedy":
        solution = solve_greedy(instance)
    elif args.solver == "plain":
        solution = solve_plain(instance, time_limit=args.time_limit, workers=args.workers)
    elif args.solver == "ours":
        from kakehashi.timetable.solve import solve

        solution = solve(instance, time_limit=args.time_limit, workers=args.workers, seed=0)
    elif args.solver == "areas":
        from kakehashi.timetable.solve.areas import solve_by_areas

        solution = solve_by_areas(instance, time_limit=args.time_limit, workers=args.workers, seed=0,
                                  processes=args.processes)
        extra = {key: solution.stats.get(key) for key in ("strategy", "areas", "areas_objective", "areas_seconds")}
    else:
        from kakehashi.timetable.solve.repair import Absence, repair

        week = load_solution(args.timetable)
        lessons_on = {(v.alt, v.day): sum(1 for a in week.lessons if a.alt == v.alt
                                          and instance.lesson_by_id[a.lesson].day == v.day) for v in week.visits}
        busiest = max(sorted(lessons_on), key=lambda key: lessons_on[key])
        started = time.monotonic()  # the repair alone, as a coordinator waits for it
        result = repair(instance, week, [Absence(*busiest)], time_limit=args.time_limit, workers=args.workers)
        solution = result.solution
        extra = {"absence": f"{busiest[0]}:{busiest[1]}", "uncovered": len(result.uncovered),
                 "to_cover": lessons_on[busiest], "changes": sum(1 for c in result.changes if c[:1] in "+-")}
    seconds = time.monotonic() - started
    write_json(args.output, solution_to_json(solution))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.solver == "areas":  # the areas' processes: the largest of them
        extra["area_process_peak_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    print(json.dumps({"solver": args.solver, "seconds": round(seconds, 2), "peak_mb": round(peak_mb, 1),
                      "status": solution.status.value, "objective": solution.objective, "bound": solution.bound,
                      "stats": solution.stats, **extra}))


if __name__ == "__main__":
    main()
