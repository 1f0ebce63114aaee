"""`kakehashi`: check, generate, solve and show weekly ALT timetables from the command line.

Exit codes: 0 success; 1 the timetable breaks a rule or states a wrong objective; 2 bad input
(an unreadable or malformed file, a bad option), always as one line without a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import math
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from kakehashi.schoolyear.year import REIWA_FIRST_YEAR
from kakehashi.timetable.format import (
    FormatError,
    instance_to_json,
    load_instance,
    load_solution,
    parse_instance,
    solution_to_json,
    write_json,
)
from kakehashi.timetable.instance import format_clock

if TYPE_CHECKING:
    from kakehashi.timetable.check import CheckReport
    from kakehashi.timetable.instance import Instance, Solution
    from kakehashi.timetable.solve import Progress


class UsageError(Exception):
    """Bad input that is not a file format problem (an option out of range, a missing file)."""


class _Parser(argparse.ArgumentParser):
    """A bad option is one line naming it, like every other bad input (no usage block before it)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())}\n")


# CP-SAT takes a 32-bit seed, and a worker is a thread: bounds that keep both meaningful.
MAX_SEED = 2**31 - 1
MAX_WORKERS = 64
# Generated instances: a prefecture has about 1,000 schools; ten times that is still a test, not a mistake.
MAX_GENERATED = 10_000


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except (FormatError, UsageError, OSError) as error:
        print(f"kakehashi {args.command}: error: {_one_line(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"kakehashi {args.command}: interrupted", file=sys.stderr)
        return 130


def _one_line(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        return f"{error.filename}: {error.strerror}"
    return " ".join(str(error).split())


def _on_a_timetable(commands: Any, name: str, handler: Callable[[argparse.Namespace], int], help_text: str, *,
                    json_help: str | None = None) -> argparse.ArgumentParser:
    """A command that reads an instance and a timetable of it (check, explain, repair, show)."""
    command: argparse.ArgumentParser = commands.add_parser(name, help=help_text)
    command.add_argument("instance", type=Path, metavar="INSTANCE")
    command.add_argument("solution", type=Path, metavar="SOLUTION")
    if json_help is not None:
        command.add_argument("--json", action="store_true", help=json_help)
    command.set_defaults(handler=handler)
    return command


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kakehashi", description="Weekly ALT timetables (format kakehashi/week@1): check, generate, solve, show.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    _on_a_timetable(commands, "check", _check, "validate a timetable against its instance and recompute its objective",
                    json_help="print the verdict as JSON")

    generate = commands.add_parser("generate", help="make an instance from real school locations or synthetic ones")
    generate.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    generate.add_argument("--seed", type=_seed, default=1)
    generate.add_argument("--alts", type=_bounded_int(1, MAX_GENERATED), required=True, metavar="N",
                          help="how many ALTs")
    source = generate.add_mutually_exclusive_group(required=True)
    source.add_argument("--municipality", metavar="CODE",
                        help="5-digit municipality code, e.g. 10202 for Takasaki (uses shipped Gunma data "
                             "unless --schools-geojson is given)")
    source.add_argument("--synthetic", action="store_true", help="invent a city of --schools schools")
    generate.add_argument("--schools-geojson", type=Path, metavar="FILE", help="an MLIT P29 school GeoJSON file")
    generate.add_argument("--schools", type=_bounded_int(1, MAX_GENERATED), metavar="N",
                          help="number of schools (with --synthetic)")
    generate.add_argument("--name", help="the instance's name")
    generate.add_argument("--spread", type=float, default=1.0, metavar="X",
                          help="with --synthetic: stretch the map (1 a dense city, 3 a spread-out town)")
    # The choices are generate_planted.TIGHTNESS, named here so that `--help` does not load the solver.
    generate.add_argument("--planted", choices=("loose", "normal", "exact"), metavar="TIGHTNESS",
                          help="write every school's contract around a timetable that exists (loose, normal or "
                               "exact) and write that timetable beside the week (see --planted-timetable)")
    generate.add_argument("--planted-timetable", type=Path, metavar="FILE",
                          help="with --planted: where the planted timetable goes (default: OUTPUT with "
                               ".planted.json)")
    generate.add_argument("--cycle-weeks", type=_bounded_int(1, 4), metavar="N",
                          help="write a rotation of N weeks (kakehashi/cycle@1) instead of a week")
    generate.set_defaults(handler=_generate)

    solve = commands.add_parser("solve", help="find a timetable (construction, then CP-SAT)")
    solve.add_argument("instance", type=Path, metavar="INSTANCE", help="a week (week@1) or a cycle (cycle@1)")
    solve.add_argument("-o", "--output", type=Path, required=True, metavar="SOLUTION")
    solve.add_argument("--time-limit", type=_positive_float, default=30.0, metavar="S")
    solve.add_argument("--workers", type=_bounded_int(1, MAX_WORKERS), default=2, metavar="N")
    solve.add_argument("--seed", type=_seed, default=0)
    solve.add_argument("--hint", type=Path, metavar="SOLUTION", help="a previous timetable to start from")
    solve.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    solve.add_argument("--area-processes", type=_bounded_int(1, MAX_WORKERS), default=None, metavar="P",
                       help="solve a large week in areas of nearby schools, P areas at a time in processes of "
                            "their own (each with --workers threads), then join them")
    solve.add_argument("--area-schools", type=_bounded_int(5, 100_000), default=None, metavar="N",
                       help="with --area-processes: at most about N schools an area (default 120)")
    solve.set_defaults(handler=_solve)

    _on_a_timetable(commands, "explain", _explain, "the objective by term, school and ALT; why classes have no ALT",
                    json_help="print the explanation as JSON")

    repair = _on_a_timetable(commands, "repair", _repair,
                             "cover absent ALTs' lessons, changing as little else as possible")
    repair.add_argument("--absent", action="append", required=True, metavar="ALT:DAY",
                        help="an absence, e.g. A07:tue (repeat for several)")
    repair.add_argument("-o", "--output", type=Path, required=True, metavar="NEW")
    repair.add_argument("--time-limit", type=_positive_float, default=1.0, metavar="S",
                        help="seconds for the whole repair (default 1)")
    repair.add_argument("--substitutes", type=Path, metavar="POOL",
                        help="a pool of substitute ALTs who may be called in (docs/substitutes-format.md)")

    _on_a_timetable(commands, "show", _show, "print each ALT's week as a table")

    demo = commands.add_parser("demo", help="generate Takasaki, solve it and print every ALT's week")
    demo.add_argument("--out", type=Path, default=Path("out"), metavar="DIR")
    demo.add_argument("--alts", type=_bounded_int(1, MAX_GENERATED), default=25, metavar="N")
    demo.add_argument("--time-limit", type=_positive_float, default=30.0, metavar="S")
    demo.add_argument("--seed", type=_seed, default=1)
    demo.set_defaults(handler=_demo)

    calendar = commands.add_parser("calendar", help="the school year's calendar, or an ALT's or school's dated plan")
    calendar.add_argument("year", type=_school_year, metavar="SCHOOLYEAR",
                          help="e.g. 2026 for April 2026 to March 2027")
    calendar.add_argument("--week", type=Path, help="the week instance (kakehashi/week@1)")
    calendar.add_argument("--timetable", type=Path, help="its timetable; with --week, prints the dated plan")
    calendar.add_argument("--events", type=Path, help="school events (JSON list, see kakehashi/schoolyear)")
    calendar.add_argument("--alt", help="only this ALT's dated plan")
    calendar.add_argument("--school", help="only this school (its events apply)")
    calendar.add_argument("--from", dest="starts", type=_date, help="first date (default: the year's 1 April)")
    calendar.add_argument("--to", dest="ends", type=_date, help="last date (default: 31 March)")
    calendar.set_defaults(handler=_calendar)

    plan_year = commands.add_parser(
        "plan-year", help="lay a week or cycle timetable over a school year and balance every school's annual days")
    plan_year.add_argument("instance", type=Path, metavar="WEEK_OR_CYCLE")
    plan_year.add_argument("solution", type=Path, metavar="TIMETABLE")
    plan_year.add_argument("--year", type=_school_year, required=True, metavar="SCHOOLYEAR",
                           help="e.g. 2027 for April 2027 to March 2028")
    plan_year.add_argument("--events", type=Path, help="school events (JSON list, see kakehashi/schoolyear)")
    plan_year.add_argument("--contracts", type=Path, metavar="FILE",
                           help="annual contracts (kakehashi/annual-contracts@1); over the file's annual_days")
    plan_year.add_argument("-o", "--output", type=Path, required=True, metavar="PLAN")
    plan_year.add_argument("--time-limit", type=_positive_float, default=30.0, metavar="S")
    plan_year.add_argument("--workers", type=_bounded_int(1, MAX_WORKERS), default=2, metavar="N")
    plan_year.add_argument("--seed", type=_seed, default=0)
    plan_year.set_defaults(handler=_plan_year)

    place = commands.add_parser("place", help="place participants at contracting organizations' requests (CP-SAT)")
    place.add_argument("instance", type=Path, nargs="?", metavar="INSTANCE", help="a kakehashi/placement@1 file")
    place.add_argument("-o", "--output", type=Path, metavar="RESULT")
    place.add_argument("--time-limit", type=_positive_float, default=10.0, metavar="S")
    place.add_argument("--seed", type=_seed, default=1)
    place.add_argument("--example", action="store_true",
                       help="write an example instance (Gunma, from --seed) to -o or stdout instead")
    place.set_defaults(handler=_place)

    serve = commands.add_parser("serve", help="migrate the database and serve the web platform")
    serve.add_argument("--demo", action="store_true", help="load the Takasaki demo first (safe to repeat)")
    serve.add_argument("--address", default="127.0.0.1:8000", metavar="HOST:PORT")
    serve.add_argument("--demo-time-limit", type=_positive_float, default=20.0, metavar="S")
    serve.add_argument("--no-worker", action="store_true",
                       help="serve pages only: the task workers run elsewhere (several machines, docs/deployment.md)")
    serve.set_defaults(handler=_serve)

    manage = commands.add_parser("manage", help="Django's management commands (migrate, createsuperuser, …)",
                                 add_help=False)
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=_manage)
    return parser


def _web_manage() -> Callable[[list[str]], int]:
    """Django's management entry point, after loading the settings: a setting that cannot be used (a missing
    KAKEHASHI_SECRET_KEY, a misspelt number) is one line and exit 2, not a traceback from inside Django."""
    # Imported here: the core commands must work without Django installed or configured.
    from kakehashi.web.env import ConfigurationError
    from kakehashi.web.manage import main

    try:
        importlib.import_module(os.environ.get("DJANGO_SETTINGS_MODULE", "kakehashi.web.settings"))
    except ConfigurationError as error:
        raise UsageError(str(error)) from None
    return main


def _serve(args: argparse.Namespace) -> int:
    from kakehashi.web import queues

    manage = _web_manage()
    manage(["migrate", "--no-input", "-v", "0"])
    if args.demo:
        manage(["demo", "--time-limit", str(args.demo_time_limit)])
    # Solve jobs and quick jobs (cover proposals) each have a task worker beside the web server, so a long solve
    # never holds up a sick day's cover; they stop with it. A service manager stops the server with SIGTERM, whose
    # default action ends the process without running `finally`: turned into an exit here, it stops the workers
    # too instead of leaving them running on their own.
    command = [sys.executable, "-m", "kakehashi.web.manage", "db_worker", "--no-reload", "--queue-name"]
    workers = [] if args.no_worker else [subprocess.Popen([*command, queue]) for queue in queues.ALL]
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _exit_on_signal)
    print(f"Serving on http://{args.address}/"
          + (" without task workers" if args.no_worker else f" with task workers for {', '.join(queues.ALL)}")
          + " (Ctrl-C stops it)")
    try:
        return manage(["runserver", "--noreload", args.address])
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a job that will not stop: the worker goes anyway
                worker.kill()
                worker.wait()


def _exit_on_signal(number: int, frame: object) -> None:
    raise SystemExit(128 + number)


def _manage(args: argparse.Namespace) -> int:
    return _web_manage()(list(args.arguments))


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-04-01") from None


def _calendar(args: argparse.Namespace) -> int:
    from kakehashi.schoolyear import SchoolCalendar, SchoolYear
    from kakehashi.schoolyear.events_file import load_events
    from kakehashi.schoolyear.plan import dated_plan

    year = SchoolYear(args.year)
    try:
        events = load_events(args.events) if args.events else []
    except ValueError as error:
        raise UsageError(str(error)) from None
    starts, ends = args.starts or year.starts, args.ends or year.ends
    for option, day in (("--from", starts), ("--to", ends)):
        if not year.starts <= day <= year.ends:
            raise UsageError(f"{option} {day} is outside {year.label}, {year.starts} to {year.ends}")
    if ends < starts:
        raise UsageError(f"--from {starts} is after --to {ends}")
    if (args.week is None) != (args.timetable is None):
        raise UsageError("--week and --timetable go together")
    if args.alt is not None and args.week is None:
        raise UsageError("--alt needs --week and --timetable")
    if args.week is None or args.timetable is None:
        calendar = SchoolCalendar(year, events, school=args.school)
        print(f"{year.label}: terms " + ", ".join(f"{t.name} {t.starts}–{t.ends}" for t in year.terms))
        for day in calendar.days():
            if starts <= day.date <= ends and day.kind.value not in ("lessons", "weekend"):
                print(f"{day.date} {day.weekday}  {day.kind.value:<12} {day.reason}")
        return 0
    instance, solution = _instance_and_solution(argparse.Namespace(instance=args.week, solution=args.timetable))
    if args.alt is not None and args.alt not in instance.alt_by_id:
        raise UsageError(f"--alt {args.alt}: no such ALT in {args.week}")
    if args.school is not None and args.school not in instance.school_by_id:
        raise UsageError(f"--school {args.school}: no such school in {args.week}")
    calendars = {s.id: SchoolCalendar(year, events, school=s.id) for s in instance.schools}
    plan = dated_plan(instance, solution, calendars, starts=starts, ends=ends)
    if args.alt:
        plan = plan.for_alt(args.alt)
    if args.school:
        plan = plan.for_school(args.school)
    lessons_on: dict[tuple[dt.date, str, str], list[str]] = {}
    for lesson in plan.lessons:
        lessons_on.setdefault((lesson.date, lesson.alt, lesson.school), []).append(
            f"{lesson.homeroom}@{format_clock(lesson.start)}")
    lines = [(v.date, v.alt, f"{v.date} {v.alt} {v.school}  {' '.join(lessons_on.get((v.date, v.alt, v.school), []))}")
             for v in plan.visits]
    lines += [(s.date, s.alt, f"{s.date} {s.alt} {s.school}  no visit: {s.reason}") for s in plan.skipped]
    for _, _, line in sorted(lines):
        print(line)
    print(f"{len(plan.visits)} visits, {len(plan.lessons)} lessons, {len(plan.skipped)} visits skipped")
    return 0


def _plan_year(args: argparse.Namespace) -> int:
    from kakehashi.schoolyear import SchoolYear
    from kakehashi.schoolyear.events_file import load_events
    from kakehashi.schoolyear.yearplan.contracts import contracts_of, load_contracts
    from kakehashi.schoolyear.yearplan.plan import plan_year
    from kakehashi.timetable.cycle.check import check_cycle
    from kakehashi.timetable.cycle.format import load_cycle, load_cycle_solution

    cycle = _with_file(args.instance, load_cycle)
    solution = _with_file(args.solution, load_cycle_solution)
    contracts = contracts_of(cycle)
    if args.contracts is not None:
        contracts = _with_file(args.contracts, lambda path: load_contracts(path, cycle)).over(contracts)
    try:
        events = load_events(args.events) if args.events else []
    except ValueError as error:
        raise UsageError(str(error)) from None
    broken = check_cycle(cycle, solution)
    if broken:
        raise UsageError(f"{args.solution} breaks a rule of {args.instance}: {broken[0].message} "
                         f"(kakehashi check lists them all)")
    if not contracts.schools:
        raise UsageError(f"no school has an annual contract: give annual_days in {args.instance} "
                         f"(kakehashi/cycle@1) or --contracts FILE")
    plan = plan_year(cycle, solution, SchoolYear(args.year), contracts, events=events,
                     time_limit=args.time_limit, workers=args.workers, seed=args.seed)
    write_json(args.output, plan.to_json())
    print(plan.text())
    print(f"wrote {args.output}")
    return 0


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _positive_int(text: str) -> int:
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def _bounded_int(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = _whole(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value

    return parse


_seed = _bounded_int(0, MAX_SEED)
# School years are named in the Reiwa era (from 2019), and the last day of year 9998 is the last date there is.
_school_year = _bounded_int(REIWA_FIRST_YEAR, dt.MAXYEAR - 1)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or not value > 0:
        raise argparse.ArgumentTypeError(f"{text} must be a finite number greater than 0")
    return value


# -- commands ----------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    from kakehashi.timetable.check import check_report

    if _is_cycle(args.instance):
        return _check_cycle(args)
    instance, solution = _instance_and_solution(args)
    return _print_check(args, check_report(instance, solution), f"all 12 rules of {instance.name!r}")


def _print_check(args: argparse.Namespace, report: CheckReport, kept: str) -> int:
    """What `check` says of a week's or a cycle's report: exit 0 only on a valid timetable that states its
    true objective."""
    from kakehashi.timetable.present import score_lines

    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0 if report.accepted else 1
    for violation in report.violations:
        print(violation.message)
    if report.valid:
        print(f"valid: the timetable keeps {kept}")
    else:
        print(f"invalid: {len(report.violations)} violation(s)")
    print(score_lines(report.score))
    if not report.objective_matches:
        stated = "no objective" if report.stated_objective is None else f"objective {report.stated_objective}"
        print(f"objective mismatch: the solution states {stated}, but the timetable scores {report.score.objective}")
    return 0 if report.accepted else 1


def _check_cycle(args: argparse.Namespace) -> int:
    from kakehashi.timetable.cycle.check import RULE_COUNT, check_cycle_report
    from kakehashi.timetable.cycle.format import load_cycle, load_cycle_solution

    cycle = _with_file(args.instance, load_cycle)
    report = check_cycle_report(cycle, _with_file(args.solution, load_cycle_solution))
    return _print_check(args, report, f"all {RULE_COUNT} rules of the {cycle.weeks}-week cycle {cycle.name!r}")


def _is_cycle(path: Path) -> bool:
    """Whether INSTANCE is a rotation (cycle@1); anything else is read, and refused, as a week."""
    from kakehashi.timetable.cycle.format import is_cycle_document
    from kakehashi.timetable.format import read_document

    return is_cycle_document(_with_file(path, read_document))


def _generate(args: argparse.Namespace) -> int:
    from kakehashi.timetable import generate

    try:
        if args.synthetic:
            if args.schools is None:
                raise UsageError("--synthetic needs --schools N")
            if args.schools_geojson is not None:
                raise UsageError("--schools-geojson goes with --municipality, not --synthetic")
            document = generate.generate_synthetic(schools=args.schools, alts=args.alts, seed=args.seed,
                                                   name=args.name, spread=args.spread)
        else:
            if args.spread != 1.0:
                raise UsageError("--spread goes with --synthetic; real schools stay where they are")
            if args.schools is not None:
                raise UsageError("--schools goes with --synthetic; with --municipality the data decides")
            sites = generate.load_school_sites(args.schools_geojson)
            document = generate.generate_from_sites(sites, municipality=args.municipality, alts=args.alts,
                                                    seed=args.seed, name=args.name)
    except generate.GenerateError as error:
        raise UsageError(str(error)) from None
    if args.planted_timetable is not None and args.planted is None:
        raise UsageError("--planted-timetable goes with --planted")
    planted = None
    if args.cycle_weeks is not None:
        from kakehashi.timetable.cycle.generate import cycle_from_week

        document, planted = cycle_from_week(document, weeks=args.cycle_weeks, seed=args.seed, planted=args.planted)
    elif args.planted is not None:
        from kakehashi.timetable.generate_planted import plant

        document, planted = plant(document, tightness=args.planted, seed=args.seed)
    write_json(args.output, document)
    if args.cycle_weeks is not None:
        from kakehashi.timetable.cycle.format import parse_cycle

        instance = parse_cycle(document).base
    else:
        instance = parse_instance(document)
    lessons = sum(len(school.lessons) for school in instance.schools)
    what = f" in a {args.cycle_weeks}-week cycle" if args.cycle_weeks is not None else ""
    print(f"wrote {args.output}: {len(instance.schools)} schools, {lessons} lessons{what}, {len(instance.alts)} ALTs")
    if planted is not None:
        where = args.planted_timetable or args.output.with_suffix(".planted.json")
        write_json(where, planted)
        print(f"wrote {where}: the planted timetable, objective {planted['objective']}")
    return 0


def _solve(args: argparse.Namespace) -> int:
    from kakehashi.timetable.solve import solve

    if _is_cycle(args.instance):
        return _solve_cycle(args)
    instance = _with_file(args.instance, load_instance)
    hint = _with_file(args.hint, load_solution) if args.hint is not None else None

    def report_progress(progress: Progress) -> None:
        bound = "?" if progress.bound is None else str(progress.bound)
        print(f"  {progress.elapsed:7.1f}s  best {progress.objective}  bound {bound}", file=sys.stderr, flush=True)

    if args.area_processes is not None:
        from kakehashi.timetable.solve.areas import AREA_SCHOOLS, solve_by_areas

        solution = solve_by_areas(instance, time_limit=args.time_limit, workers=args.workers, seed=args.seed,
                                  processes=args.area_processes, most_schools=args.area_schools or AREA_SCHOOLS)
    else:
        solution = solve(instance, time_limit=args.time_limit, workers=args.workers, seed=args.seed, hint=hint,
                         progress=None if args.quiet else report_progress)
    write_json(args.output, solution_to_json(solution))
    bound = f", bound {solution.bound}" if solution.bound is not None else ""
    print(f"wrote {args.output}: status {solution.status.value}, objective {solution.objective}{bound}")
    for sentence in solution.explanation:
        print(f"  {sentence}")
    return 0


def _solve_cycle(args: argparse.Namespace) -> int:
    from kakehashi.timetable.cycle.format import cycle_solution_to_json, load_cycle
    from kakehashi.timetable.cycle.solve import solve_cycle

    if args.hint is not None:
        raise UsageError("--hint takes a week's timetable; a cycle is solved without one")
    cycle = _with_file(args.instance, load_cycle)

    def report_progress(week: int, progress: Progress) -> None:
        print(f"  week {week}  {progress.elapsed:7.1f}s  best {progress.objective}", file=sys.stderr, flush=True)

    solution = solve_cycle(cycle, time_limit=args.time_limit, workers=args.workers, seed=args.seed,
                           progress=None if args.quiet else report_progress)
    write_json(args.output, cycle_solution_to_json(solution))
    print(f"wrote {args.output}: status {solution.status.value}, objective {solution.objective} "
          f"over the {cycle.weeks}-week cycle")
    for sentence in solution.explanation:
        print(f"  {sentence}")
    return 0


def _explain(args: argparse.Namespace) -> int:
    from kakehashi.timetable.explain import explain, explanation_text

    instance, solution = _instance_and_solution(args)
    if solution.status.value == "infeasible":
        if args.json:
            print(json.dumps({"status": "infeasible", "explanation": list(solution.explanation)}, ensure_ascii=False))
        else:
            print(f"{instance.name}: no timetable can keep every rule.")
            for sentence in solution.explanation:
                print(f"  {sentence}")
        return 0
    explanation = explain(instance, solution)
    if args.json:
        print(json.dumps(explanation.to_json(), ensure_ascii=False, indent=2))
    else:
        print(explanation_text(instance, explanation))
    return 0


def _repair(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from kakehashi.schoolyear.substitutes_file import load_substitutes
    from kakehashi.timetable.solve.repair import Absence, RepairError, repair

    instance, solution = _instance_and_solution(args)
    pool = _with_file(args.substitutes, lambda path: load_substitutes(path, instance)) if args.substitutes else []
    # The pool joins the week as ALTs free on their days, with no week of their own (ADR 0012); the repair keeps
    # each within their hours.
    instance = replace(instance, alts=instance.alts + tuple(s.as_alt(instance.days) for s in pool))
    try:
        absences = [Absence.parse(text) for text in args.absent]
        result = repair(instance, solution, absences, time_limit=args.time_limit,
                        hours={s.id: s.hours for s in pool})
    except RepairError as error:
        raise UsageError(str(error)) from None
    called_in = sorted({v.alt for v in result.solution.visits} & {s.id for s in pool})
    if called_in:
        print(f"substitutes called in: {', '.join(called_in)} (the new timetable names them; the week file does not)")
    write_json(args.output, solution_to_json(result.solution))
    for line in result.changes:
        print(line)
    covered = "every absent lesson covered" if not result.uncovered else f"{len(result.uncovered)} lesson(s) uncovered"
    print(f"wrote {args.output}: {covered}, objective {result.solution.objective}, {result.seconds:.2f} s")
    for violation in result.violations:
        print(f"  still broken: {violation.message}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from kakehashi.timetable.present import alt_weeks

    if _is_cycle(args.instance):
        from kakehashi.timetable.cycle.format import load_cycle, load_cycle_solution

        cycle = _with_file(args.instance, load_cycle)
        timetable = _with_file(args.solution, load_cycle_solution)
        for week in cycle.week_numbers:
            if week > 1:
                print()
            print(f"Cycle week {week}\n")
            print(alt_weeks(cycle.weeks_instances[week], timetable.week_solution(week)))
        return 0
    instance, solution = _instance_and_solution(args)
    print(alt_weeks(instance, solution))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from kakehashi.timetable import generate
    from kakehashi.timetable.check import check_report
    from kakehashi.timetable.present import alt_weeks, summary
    from kakehashi.timetable.solve import solve

    args.out.mkdir(parents=True, exist_ok=True)
    sites = generate.load_school_sites(None)
    document = generate.generate_from_sites(sites, municipality="10202", alts=args.alts, seed=args.seed)
    instance = parse_instance(document)
    instance_path = args.out / "takasaki-week.json"
    write_json(instance_path, instance_to_json(instance))
    print(f"Generated {instance_path} from MLIT school data for Takasaki (10202)", flush=True)
    print(f"Solving for up to {args.time_limit:g} s with CP-SAT ...", flush=True)
    solution = solve(instance, time_limit=args.time_limit, workers=2, seed=args.seed)
    solution_path = args.out / "takasaki-timetable.json"
    write_json(solution_path, solution_to_json(solution))
    report = check_report(instance, solution)
    print()
    print(alt_weeks(instance, solution))
    print()
    print(summary(instance, solution, report.score))
    verdict = "valid (all 12 rules kept)" if report.valid else f"INVALID: {len(report.violations)} violation(s)"
    print(f"kakehashi check: {verdict}")
    print(f"Files: {instance_path}, {solution_path}")
    print("出典：国土数値情報（学校データ）（国土交通省）を加工して作成 / "
          "Source: MLIT National Land Numerical Information (school data), edited.")
    return 0 if report.accepted else 1


def _place(args: argparse.Namespace) -> int:
    from kakehashi.placement import example_instance, load_instance, place, result_to_json
    from kakehashi.placement.result import Status

    if args.example:
        if args.instance is not None:
            raise UsageError("--example makes an instance; it reads none")
        document = example_instance(seed=args.seed)
        if args.output is None:
            print(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            write_json(args.output, document)
            print(f"wrote {args.output}: {len(document['requests'])} requests, "
                  f"{len(document['participants'])} participants")
        return 0
    if args.instance is None or args.output is None:
        raise UsageError("give INSTANCE and -o RESULT (or --example for an instance to start from)")
    instance = _with_file(args.instance, load_instance)
    result = place(instance, time_limit=args.time_limit, seed=args.seed, workers=1)
    write_json(args.output, result_to_json(result))
    print(f"wrote {args.output}: status {result.status.value}, {result.score.filled} of {instance.posts} posts "
          f"filled, {len(result.unplaced)} participant(s) unplaced")
    for line in [u.reason for u in result.unfilled] + [f"{u.participant}: {u.reason}" for u in result.unplaced]:
        print(f"  {line}")
    for note in result.notes:
        print(f"  {note}")
    # Only a search stopped before any placement ends here; a larger --time-limit is the remedy.
    return 1 if result.status is Status.UNKNOWN else 0


def _instance_and_solution(args: argparse.Namespace) -> tuple[Instance, Solution]:
    """The INSTANCE and SOLUTION arguments that check, explain, repair and show all take."""
    return _with_file(args.instance, load_instance), _with_file(args.solution, load_solution)


def _with_file[T](path: Path, loader: Callable[[Path], T]) -> T:
    """Run a loader so that its error names the file it was reading."""
    try:
        return loader(path)
    except FormatError as error:
        if error.path:
            raise FormatError("", f"{path}: {error.path}: {error.problem}") from None
        raise


if __name__ == "__main__":
    sys.exit(main())
