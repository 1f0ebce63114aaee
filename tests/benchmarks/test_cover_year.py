"""The year benchmark's offers model: a substitute who declines is left out of the date and the next one is
offered the day; offers are counted, and a day everyone declined stays short."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "timetable"))

from benchmarks.cover_year import Absence, Run, run_year
from week_builders import LAT0, LON, alt, school, timetable, week

from kakehashi.schoolyear import SchoolCalendar, SchoolYear
from kakehashi.schoolyear.substitutes import Substitute
from kakehashi.timetable.instance import Location

MONDAY = dt.date(2026, 6, 8)
LESSONS = ["S01/5-1/mon/1", "S01/5-2/mon/2", "S01/6-1/mon/3"]


def _year(accept: float | None) -> Run:
    instance = week([school(1), school(2)], [alt(1), alt(2)])
    before = timetable([("A01", "mon", "S01"), ("A02", "mon", "S02")],
                       [("A01", x) for x in LESSONS] + [("A02", x.replace("S01", "S02")) for x in LESSONS])
    calendars = {s.id: SchoolCalendar(SchoolYear(2026), school=s.id) for s in instance.schools}
    pool = [Substitute(code, code, Location(LAT0, LON), "walk", ("elementary",), ("mon",), max_commute_minutes=120)
            for code in ("Z01", "Z02")]
    return run_year("test", instance, before, calendars, [Absence("A01", MONDAY, 0)], pool, accept, seed=1)


def test_everyone_the_engine_calls_in_comes_when_offers_are_not_modelled() -> None:
    run = _year(None)
    assert (run.covered, run.needed, run.filled, run.offers) == (3, 3, 1, 0)


def test_a_substitute_who_declines_is_replaced_by_the_next_and_each_offer_counts() -> None:
    run = _year(0.0)  # everyone declines
    assert (run.offers, run.covered, run.filled, run.declined_out) == (2, 0, 0, 1)
    taken = _year(1.0)  # the first one asked accepts
    assert (taken.offers, taken.covered, taken.filled) == (1, 3, 1)
