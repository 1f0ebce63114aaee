"""`make bench-term-start` (issue 20): a national operator's term start. A few hundred programs, one per board of
education's contract, each needing its week solved at once; K task workers (`db_worker --queue-name solves`, each
its own process, as on its own machine) on one PostgreSQL. Measured: the time until every program has a stored
timetable, jobs per minute, each job's own time in its worker, and every worker's peak resident memory.
Written to benchmarks/term-start.md, which run.py includes in RESULTS.md.

Program sizes are real: each program is a municipality of Gunma drawn at random (seeded, with replacement) from
the shipped MLIT school data (kakehashi/data/gunma_schools.json: the municipal elementary, junior high and
compulsory-education schools of 35 municipalities, 2 to 83 schools each), with that municipality's real school
sites and one ALT for every 3.3 schools (the Takasaki demo's ratio), at least one. The database is a scratch
PostgreSQL database, created and dropped here; the programs are loaded once and solved once for each K.
"""

from __future__ import annotations

import argparse
import collections
import math
import os
import platform
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "src"
SCHOOLS_PER_ALT = 3.3
# Only bounds a wait: a run that has not finished by then is reported as unfinished, never as a figure.
PATIENCE_SECONDS = 4 * 3600


@dataclass(frozen=True)
class Run:
    workers: int
    jobs: int
    stored: int
    failed: int
    failures: list[str]
    wall_seconds: float
    job_seconds: list[float]
    peak_mb: list[float]
    load: float


def program_sizes(count: int, seed: int) -> list[tuple[str, int]]:
    """(municipality code, school count) for `count` programs, drawn from Gunma's municipalities."""
    from kakehashi.timetable.generate_sites import load_school_sites

    schools = collections.Counter(site.municipality for site in load_school_sites())
    municipalities = sorted(schools)
    draw = random.Random(seed)
    return [(code, schools[code]) for code in (draw.choice(municipalities) for _ in range(count))]


def load_programs(sizes: list[tuple[str, int]], seed: int) -> None:
    import datetime as dt

    from kakehashi.timetable.generate import generate_from_sites
    from kakehashi.timetable.generate_sites import load_school_sites
    from kakehashi.web.core.actor import acting_as
    from kakehashi.web.organizations.models import Contract, Organization, Program
    from kakehashi.web.testing import prefixed_week
    from kakehashi.web.timetables.door import week_import

    sites = load_school_sites()
    with acting_as(None, "term-start benchmark"):
        for number, (municipality, school_count) in enumerate(sizes):
            program = Program.objects.create(name=f"Contract {number:03d} ({municipality})")
            board = Organization.objects.create(
                name=f"Board {number:03d}", kind=Organization.Kind.BOARD, municipality_code=municipality
            )
            Contract.objects.create(
                program=program, organization=board, type=Contract.Type.DISPATCH,
                starts=dt.date(2027, 4, 1), ends=dt.date(2028, 3, 31),
            )
            alts = max(1, round(school_count / SCHOOLS_PER_ALT))
            document = generate_from_sites(sites, municipality=municipality, alts=alts, seed=seed + number)
            week_import(program=program, board=board, document=prefixed_week(document, f"P{number:03d}-"),
                        placed_from=dt.date(2027, 4, 1))


def clear_results() -> None:
    from django_tasks_db.models import DBTaskResult

    from kakehashi.web.timetables.models import SolveJob, TimetableVersion

    SolveJob.objects.all().delete()
    TimetableVersion.objects.all().delete()
    DBTaskResult.objects.all().delete()


def peak_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), read while it is still alive."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def solve_all(workers: int, time_limit: int, env: dict[str, str]) -> Run:
    from django.contrib.auth.models import AnonymousUser
    from django.db import transaction

    from kakehashi.web import queues
    from kakehashi.web.organizations.models import Program
    from kakehashi.web.timetables.jobs import solve_job_start
    from kakehashi.web.timetables.models import SolveJob

    clear_results()
    with transaction.atomic():  # every contract's solve is queued at once, as on the first morning of April
        for program in Program.objects.order_by("pk"):
            solve_job_start(program=program, user=AnonymousUser(), time_limit=time_limit, keep_locked=False,
                            stay_close=False)
    began = time.monotonic()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "kakehashi.web.manage", "db_worker", "--no-reload", "--no-startup-delay",
             "--queue-name", queues.SOLVES, "--worker-id", f"term-start-{number}", "-v", "0"],
            # Each worker its own environment, as on a machine of its own: only the database is shared.
            env={**env, "KAKEHASHI_WORKER_NAME": f"machine-{number}"},
            stdout=subprocess.DEVNULL,
        )
        for number in range(workers)
    ]
    open_states = [SolveJob.State.QUEUED, SolveJob.State.RUNNING]
    try:
        deadline = began + PATIENCE_SECONDS
        while SolveJob.objects.filter(state__in=open_states).exists() and time.monotonic() < deadline:
            for process in processes:
                if process.poll() is not None:
                    raise RuntimeError(f"a worker ended with exit code {process.returncode}")
            time.sleep(1)
        wall = time.monotonic() - began
        peaks = [peak_mb(process.pid) for process in processes]
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=120)
    jobs = list(SolveJob.objects.values_list("state", "elapsed"))
    failures = [
        f"{name}: {message[:200]}…"
        for name, message in SolveJob.objects.exclude(state=SolveJob.State.SUCCEEDED).values_list(
            "program__name", "message"
        )
    ]
    return Run(
        workers=workers,
        jobs=len(jobs),
        stored=SolveJob.objects.filter(state=SolveJob.State.SUCCEEDED, version__isnull=False).count(),
        failed=sum(1 for state, _ in jobs if state != SolveJob.State.SUCCEEDED),
        failures=failures,
        wall_seconds=wall,
        job_seconds=sorted(elapsed or 0.0 for _, elapsed in jobs),
        peak_mb=peaks,
        load=os.getloadavg()[0],
    )


def machine() -> str:
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.machine())
    return f"{cpu}, {os.cpu_count()} cores, {memory_kb / 1024 / 1024:.0f} GiB, Python {platform.python_version()}"


def report(runs: list[Run], sizes: list[tuple[str, int]], args: argparse.Namespace, started: datetime) -> str:
    schools = sum(count for _, count in sizes)
    alts = sum(max(1, round(count / SCHOOLS_PER_ALT)) for _, count in sizes)
    by_size = collections.Counter(count for _, count in sizes)
    command = (f"make bench-term-start TERM_START_ARGS='--programs {args.programs} --workers "
               f"{' '.join(map(str, args.workers))} --time-limit {args.time_limit} --seed {args.seed}'")
    lines = [
        "## Term start (issue 20): a national operator's programs solved at once by K task workers",
        "",
        f"Made by `{command}` on {started:%Y-%m-%d %H:%M} UTC ({datetime.now(UTC):%H:%M} end); {machine()}; "
        "PostgreSQL 127.0.0.1 (a scratch database); the workers and the database share the machine's cores with "
        "other work (load average at the end of each run below).",
        "",
        f"{args.programs} programs (one board's contract each), {schools:,} schools and {alts:,} ALTs in all: each a "
        "Gunma municipality drawn at random (seed "
        f"{args.seed}, with replacement) from the shipped MLIT school data, with its real school sites and count "
        f"(municipal elementary, junior high and compulsory schools; {min(by_size)} to {max(by_size)} schools a "
        f"program, median {sorted(c for _, c in sizes)[len(sizes) // 2]}) and one ALT per {SCHOOLS_PER_ALT} schools. "
        f"Every solve is queued at once with a **{args.time_limit} s time limit** (2 solver threads, as the "
        "platform's solve jobs use); a job ends sooner when the solver proves its week optimal. *job s* is a job's "
        "own time in its worker (reading the week, solving, storing the timetable); *peak MB* each worker's peak "
        "resident memory (VmHWM).",
        "",
        "| workers | jobs | timetables stored | failed | until every job ended | jobs / minute | job s (median) "
        "| job s (p90) | job s (max) | peak MB per worker | load avg (1 min) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for run in runs:
        seconds = run.job_seconds
        lines.append(
            f"| {run.workers} | {run.jobs} | {run.stored} | {run.failed} | {run.wall_seconds:.0f} s | "
            f"{run.jobs / run.wall_seconds * 60:.1f} | {seconds[len(seconds) // 2]:.1f} | "
            f"{seconds[int(len(seconds) * 0.9)]:.1f} | {seconds[-1]:.1f} | "
            f"{', '.join(f'{mb:.0f}' for mb in run.peak_mb)} | {run.load:.1f} |"
        )
    failures = [f"- {run.workers} worker(s), not stored: {failure}" for run in runs for failure in run.failures]
    if failures:
        lines += ["", *failures]
    lines += ["", *sizing(runs, sizes, args.time_limit), ""]
    return "\n".join(lines)


def sizing(runs: list[Run], sizes: list[tuple[str, int]], time_limit: int) -> list[str]:
    """How many worker machines a national operator needs to be done within the hour, from this run's costs."""
    one = next((run for run in runs if run.workers == 1), runs[0])
    per_job = one.wall_seconds / one.jobs  # a worker's seconds per job, taking, solving and storing included
    median = one.job_seconds[len(one.job_seconds) // 2]
    alts_here = sum(max(1, round(count / SCHOOLS_PER_ALT)) for _, count in sizes) / len(sizes)
    contracts, alts_national = 300, 3500
    scale = alts_national / contracts / alts_here  # reading and storing a week grows with its size
    lines = [
        "### Sizing a national operator's term start (from the 1-worker run)",
        "",
        f"One worker finished a job every {per_job:.1f} s ({one.jobs * 60 / one.wall_seconds:.1f} jobs a minute) at "
        f"the {time_limit} s limit (a job's median own time {median:.1f} s: small weeks are proven optimal sooner). "
        f"A national operator: {alts_national:,} ALTs under {contracts} contracts, "
        f"{alts_national / contracts:.1f} ALTs a contract, {scale:.1f} times this run's average of {alts_here:.1f}. "
        "Upper bound used below: every solve runs to its full time limit, plus this run's whole cost per job "
        f"({per_job:.1f} s, solving included) scaled by {scale:.1f} for reading and storing bigger weeks.",
        "",
        "| time limit per solve | worker-hours for 300 contracts | worker machines (2 cores, one worker each) for "
        "one hour |",
        "|---:|---:|---:|",
    ]
    for limit in sorted({time_limit, 20, 60}):
        job = limit + per_job * scale
        hours = contracts * job / 3600
        lines.append(f"| {limit} s | {hours:.2f} | {max(1, math.ceil(hours))} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/kakehashi_term_start",
                        help="a PostgreSQL URL; this database is created for the run and dropped after it")
    parser.add_argument("--programs", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="K values: one run for each")
    parser.add_argument("--time-limit", type=int, default=2, help="each solve's time limit, seconds")
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--output", type=Path, default=HERE / "term-start.md")
    args = parser.parse_args()

    import psycopg

    scratch = args.database.rsplit("/", 1)[1]
    admin = args.database.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'drop database if exists "{scratch}" with (force)')
        db.execute(f'create database "{scratch}"')
    env = {
        **os.environ,
        "DATABASE_URL": args.database,
        "DJANGO_SETTINGS_MODULE": "kakehashi.web.settings",
        "KAKEHASHI_DEBUG": "1",
        "KAKEHASHI_LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join([str(SOURCE), os.environ.get("PYTHONPATH", "")]),
    }
    os.environ.update(env)
    sys.path.insert(0, str(SOURCE))
    started = datetime.now(UTC)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        sizes = program_sizes(args.programs, args.seed)
        began = time.monotonic()
        load_programs(sizes, args.seed)
        print(f"loaded {len(sizes)} programs in {time.monotonic() - began:.0f} s", file=sys.stderr, flush=True)
        runs = []
        for workers in args.workers:
            run = solve_all(workers, args.time_limit, env)
            print(f"{workers} workers: {run.stored}/{run.jobs} stored in {run.wall_seconds:.0f} s, peak MB "
                  f"{run.peak_mb}", file=sys.stderr, flush=True)
            runs.append(run)
            args.output.write_text(report(runs, sizes, args, started), encoding="utf-8")
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'drop database if exists "{scratch}" with (force)')
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
