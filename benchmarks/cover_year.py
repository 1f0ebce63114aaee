"""`make bench` (fifth part): a simulated school year of cover for the Takasaki demo (issue 18, "Measured").

The Takasaki demo week (83 schools, 25 ALTs, generated and solved as `kakehashi manage demo` does) runs
through the 2026 school year (令和8年度: national holidays and vacations, no school events). ALT-days are
drawn absent at a seeded rate (4 % by default); some absences are announced days ahead (paid leave), the
rest reported the same morning (sickness). Each report asks the engine for cover with the same core call
the web's task worker makes (`schoolyear.cover.propose_cover`, 2 s as `leave.covers.COVER_SECONDS`): a
second absence on a date builds on that date's confirmed cover, as on the platform.

The year is run three times: with the demo's pool of substitutes (one for about every ten ALTs: two on
standby, one part-time three mornings a week, as `leave/demo_substitutes.py`), once as if everyone the engine
calls in comes and once with offers; then without any substitutes. Offers are modelled on the second run:
each substitute the engine calls in is offered the day and accepts with probability `--accept` (seeded); one
who declines is left out of that date's pool and the engine proposes again, so the next-ranked person gets
the next offer. Colleagues the engine moves are not offered anything: going to another school is within
their contract, the coordinator tells them.

Written to benchmarks/cover-year.md, which run.py includes in RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kakehashi.schoolyear import SchoolCalendar, SchoolYear
from kakehashi.schoolyear.cover import CoverProposal, propose_cover
from kakehashi.schoolyear.plan import DayChange, dated_plan
from kakehashi.schoolyear.substitutes import Substitute
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate import generate_from_sites, load_school_sites
from kakehashi.timetable.instance import ALL_DAYS, Instance, Location, Solution
from kakehashi.timetable.solve import solve

HERE = Path(__file__).resolve().parent
YEAR = 2026
COVER_SECONDS = 2.0  # what the web's task worker gives one date (leave/covers.py)
TARGET_FILL = 0.95
TARGET_SECONDS = 1.0


@dataclass(frozen=True)
class Absence:
    alt: str
    date: dt.date
    notice_days: int  # 0: reported the same morning


@dataclass
class Run:
    """What one pass over the year saw."""

    label: str
    offered: bool = False  # whether substitutes were offered the day (and may decline)
    needed: int = 0
    covered: int = 0
    absences: int = 0  # ALT-days with at least one lesson to cover
    filled: int = 0  # of those, every lesson covered
    partly: int = 0
    offers: int = 0
    declined_out: int = 0  # ALT-days left short because every substitute the engine wanted declined
    seconds: list[float] = field(default_factory=list)  # each proposal, wall time of the core call
    by_notice: dict[str, list[int]] = field(default_factory=lambda: {"announced": [0, 0], "same morning": [0, 0]})
    reasons: Counter[str] = field(default_factory=Counter)
    uncovered_at: Counter[str] = field(default_factory=Counter)

    @property
    def share(self) -> float:
        return self.covered / self.needed if self.needed else 1.0


def demo_week(time_limit: float) -> tuple[Instance, Solution]:
    """The demo's week and timetable, made as `kakehashi manage demo` makes them."""
    document = generate_from_sites(load_school_sites(), municipality="10202", alts=25, seed=1)
    instance = parse_instance(document)
    return instance, solve(instance, time_limit=time_limit, workers=2, seed=0)


def demo_pool(instance: Instance) -> list[Substitute]:
    """The demo's three substitutes, each living near one part of the city (leave/demo_substitutes.py)."""
    schools = sorted(instance.schools, key=lambda s: s.id)
    mornings = (8 * 60 + 30, 12 * 60 + 30)
    rows = [("Z01", "standby", (), None, 0), ("Z02", "part_time", ("mon", "wed", "thu"), mornings, 2),
            ("Z03", "standby", (), None, 4)]
    pool = []
    for code, _kind, days, hours, part in rows:
        near = schools[(part * len(schools)) // 5].location
        pool.append(Substitute(id=code, name=code, home=Location(near.lat + 0.004, near.lon), mode="car",
                               levels=("elementary", "junior_high"), days=days or instance.days,
                               hours=hours or (0, 24 * 60), max_commute_minutes=45))
    return pool


def draw_absences(instance: Instance, calendar: SchoolCalendar, rate: float, announced: float,
                  rng: random.Random) -> list[Absence]:
    """Each ALT-day on a lesson day absent with probability `rate`; a share `announced` of them known 1-14
    days ahead, the rest reported that morning."""
    days = [d.date for d in calendar.lesson_days() if ALL_DAYS[d.date.weekday()] in instance.days]
    absences = []
    for day in days:
        for alt in instance.alts:
            if rng.random() < rate:
                ahead = rng.randint(1, 14) if rng.random() < announced else 0
                absences.append(Absence(alt.id, day, ahead))
    return absences


def run_year(label: str, instance: Instance, solution: Solution, calendars: dict[str, SchoolCalendar],
             absences: list[Absence], pool: list[Substitute], accept: float | None, seed: int) -> Run:
    """The year's absences covered date by date; `accept` None: everyone the engine calls in comes."""
    run = Run(label, offered=accept is not None)
    rng = random.Random(seed)
    by_date: dict[dt.date, list[Absence]] = {}
    for absence in absences:
        by_date.setdefault(absence.date, []).append(absence)
    for date in sorted(by_date):
        # Reports in the order they came in: the announced ones (earliest notice first), then the morning's.
        reports = sorted(by_date[date], key=lambda a: (-a.notice_days, a.alt))
        current: DayChange | None = None
        away: list[str] = []
        declined: set[str] = set()
        for report in reports:
            already = list(away)
            away.append(report.alt)
            called_before = {v.alt for v in current.visits} if current else set()
            while True:
                began = time.perf_counter()
                proposal = propose_cover(instance, solution, calendars, date, away, already_absent=already,
                                         current=current, substitutes=[s for s in pool if s.id not in declined],
                                         time_limit=COVER_SECONDS)
                run.seconds.append(time.perf_counter() - began)
                asked = sorted({s.id for s in pool} & ({v.alt for v in proposal.change.visits} - called_before))
                said_no = [person for person in asked if accept is not None and _offer(run, rng, accept)]
                if not said_no:
                    break
                declined |= set(said_no)
            _count(run, proposal, report, declined)
            current = proposal.change
    return run


def _offer(run: Run, rng: random.Random, accept: float) -> bool:
    """One offer sent; True when it is declined."""
    run.offers += 1
    return rng.random() >= accept


def _count(run: Run, proposal: CoverProposal, report: Absence, declined: set[str]) -> None:
    needed, covered = len(proposal.lessons), proposal.covered
    if not needed:
        return
    run.absences += 1
    run.needed += needed
    run.covered += covered
    notice = "announced" if report.notice_days else "same morning"
    run.by_notice[notice][0] += needed
    run.by_notice[notice][1] += covered
    if covered == needed:
        run.filled += 1
    else:
        run.partly += covered > 0
        run.declined_out += bool(declined)
    for lesson in proposal.uncovered:
        run.uncovered_at[lesson.lesson.school] += 1
        for reason in lesson.reasons:
            run.reasons[f"{reason.group}: {reason.kind}"] += 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


def report(runs: list[Run], args: argparse.Namespace, absences: list[Absence], alt_days: int, started: datetime,
           instance: Instance) -> str:
    load = os.getloadavg()
    announced = sum(1 for a in absences if a.notice_days)
    lines = [
        "## A school year of cover (issue 18): substitutes, offers and the fill rate",
        "",
        f"`python benchmarks/cover_year.py --seed {args.seed} --rate {args.rate} --accept {args.accept}` (part of "
        f"`make bench`), {started:%Y-%m-%d %H:%M} UTC to {datetime.now(UTC):%H:%M}, on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; load average at the "
        f"end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 minutes; the 2 cores are shared, so times "
        "are wall times on a busy machine).",
        "",
        f"The Takasaki demo week ({len(instance.schools)} schools, {len(instance.alts)} ALTs, solved for "
        f"{args.solve_seconds:g} s) through the {YEAR} school year: {alt_days:,} ALT-days on lesson days, "
        f"{len(absences)} drawn absent ({len(absences) / alt_days:.1%}, seed {args.seed}), {announced} announced "
        f"1-14 days ahead and {len(absences) - announced} reported the same morning. Each report is one call of "
        f"the engine's cover proposal (`propose_cover`, {COVER_SECONDS:g} s limit, as the web's task worker), "
        "building on the date's cover so far. *Pool*: the demo's three substitutes (one per about ten ALTs; one "
        "of them part-time, three mornings a week). Offers: each substitute the engine calls in accepts with "
        f"probability {args.accept} (seeded); a decline leaves them out of that date and the engine proposes "
        "again. Colleagues moved to another school get no offer (their contract covers it).",
        "",
        "| run | lessons to cover | covered | share | same-morning share | ALT-days filled | partly | "
        "offers | offers per filled day | proposal p50 | p95 | max |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        morning = run.by_notice["same morning"]
        lines.append(
            f"| {run.label} | {run.needed:,} | {run.covered:,} | {run.share:.1%} | "
            f"{(morning[1] / morning[0] if morning[0] else 1):.1%} | {run.filled} of {run.absences} | {run.partly} | "
            f"{run.offers if run.offered else '—'} | "
            f"{f'{run.offers / run.filled:.2f}' if run.filled and run.offered else '—'} | "
            f"{statistics.median(run.seconds):.2f} s | {percentile(run.seconds, 0.95):.2f} s | "
            f"{max(run.seconds):.2f} s |")
    with_pool, offered = runs[0], runs[1]
    seconds = [s for run in runs for s in run.seconds]
    lines += [
        "",
        f"- Share of absent ALTs' lessons covered with the pool: **{with_pool.share:.1%}** (target "
        f"{TARGET_FILL:.0%}: {'met' if with_pool.share >= TARGET_FILL else 'NOT met'}) when everyone the engine "
        f"calls in comes, **{offered.share:.1%}** when each substitute may decline; without the pool "
        f"**{runs[-1].share:.1%}**.",
        f"- The engine's proposal: median {statistics.median(seconds):.2f} s, p95 {percentile(seconds, 0.95):.2f} s "
        f"over {len(seconds)} calls (target under {TARGET_SECONDS:g} s: median "
        f"{'met' if statistics.median(seconds) < TARGET_SECONDS else 'NOT met'}, p95 "
        f"{'met' if percentile(seconds, 0.95) < TARGET_SECONDS else 'NOT met'}).",
        f"- Offers per filled ALT-day with the pool: {offered.offers / max(1, offered.filled):.2f} "
        f"({offered.offers} offers; ALT-days covered by colleagues alone need none); ALT-days left short after "
        f"a substitute declined: {offered.declined_out}.",
        "- Time from report to filled is the proposal's time plus the people's answers; the answers are not "
        "simulated here (the offers' records measure them on the platform).",
    ]
    for run in runs:
        if run.reasons:
            top = ", ".join(f"{kind} {count}" for kind, count in run.reasons.most_common(6))
            schools = ", ".join(f"{school} {count}" for school, count in run.uncovered_at.most_common(5))
            lines.append(f"- Why lessons stayed uncovered ({run.label}; one reason per group and lesson): {top}. "
                         f"Schools with most: {schools}.")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=0.04, help="share of ALT-days absent")
    parser.add_argument("--announced", type=float, default=0.4, help="share of absences known days ahead")
    parser.add_argument("--accept", type=float, default=0.6, help="chance a substitute accepts an offer")
    parser.add_argument("--solve-seconds", type=float, default=20.0)
    parser.add_argument("--until", type=dt.date.fromisoformat, help="stop after this date (a shorter run)")
    parser.add_argument("--out", type=Path, default=HERE / "cover-year.md")
    args = parser.parse_args()
    started = datetime.now(UTC)
    print("solving the demo week…", file=sys.stderr, flush=True)
    instance, solution = demo_week(args.solve_seconds)
    year = SchoolYear(YEAR)
    calendars = {s.id: SchoolCalendar(year, school=s.id) for s in instance.schools}
    calendar = SchoolCalendar(year)
    absences = draw_absences(instance, calendar, args.rate, args.announced, random.Random(args.seed))
    if args.until:
        absences = [a for a in absences if a.date <= args.until]
    last = args.until or year.ends
    alt_days = sum(len(instance.alts) for d in calendar.lesson_days()
                   if d.date <= last and ALL_DAYS[d.date.weekday()] in instance.days)
    # Only ALT-days that have a visit in the plan have lessons to cover; the others are counted as drawn.
    planned = dated_plan(instance, solution, calendars, starts=year.starts, ends=year.starts)
    print(f"{len(absences)} absences over {alt_days} ALT-days ({len(planned.lessons)} lessons on the first day)",
          file=sys.stderr, flush=True)
    pool = demo_pool(instance)
    runs = []
    for label, substitutes, accept in (("pool of 3, everyone called in comes", pool, None),
                                       (f"pool of 3, offers accepted at {args.accept:.0%}", pool, args.accept),
                                       ("no substitutes", [], None)):
        print(label, file=sys.stderr, flush=True)
        run = run_year(label, instance, solution, calendars, absences, substitutes, accept, args.seed)
        print(f"  {run.covered}/{run.needed} lessons, {run.offers} offers", file=sys.stderr, flush=True)
        runs.append(run)
    args.out.write_text(report(runs, args, absences, alt_days, started, instance), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
