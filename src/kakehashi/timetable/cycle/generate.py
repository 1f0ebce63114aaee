"""Generated cycles: a generated week stretched over 1-4 cycle weeks, optionally planted around a
cycle timetable that exists (`kakehashi generate --cycle-weeks N [--planted TIGHTNESS]`).

Elementary schools' timetables differ between cycle weeks in a real rotation (a lesson in the A week
only, another in the B week only): here a share of their lessons is held in one cycle week only. Every
school gets an annual contract (`annual_days`) as a board writes it: its contracted ALT-days per cycle
(`visit_days.min`) times the weeks a year's lesson days come to, and every ALT a yearly limit of days.
"""

from __future__ import annotations

import copy
import math
import random
from dataclasses import replace
from typing import Any

from kakehashi.timetable.cycle.check import check_cycle
from kakehashi.timetable.cycle.format import cycle_solution_to_json, parse_cycle
from kakehashi.timetable.cycle.model import CYCLE_FORMAT, CycleSolution
from kakehashi.timetable.cycle.score import cycle_score
from kakehashi.timetable.format import parse_instance
from kakehashi.timetable.generate_planted import (
    PlantError,
    Tightness,
    contract_around,
    coordinators_plan,
    without_contracts,
)
from kakehashi.timetable.instance import Solution, Status

Document = dict[str, Any]

# The share of an elementary school's lessons that are held in one cycle week only.
ONE_WEEK_SHARE = 0.25
# A school year's term has 43 weeks (year.default_terms); national holidays and the school's own events
# take about five of them, so a board buys ALT-days for 38 weeks: a school whose days fall on Mondays
# (most holidays) then falls short, one on Thursdays gets more than it bought.
TEACHING_WEEKS = 38
# The most days a generated ALT works in a school year (a full-time contract, less leave).
ALT_DAYS_A_YEAR = 195


def cycle_from_week(week: Document, *, weeks: int, seed: int,
                    planted: Tightness | None = None) -> tuple[Document, Document | None]:
    """(the cycle document, the planted cycle timetable when `planted` is given, else None)."""
    rng = random.Random(seed)
    document = copy.deepcopy(week)
    document = {"format": CYCLE_FORMAT, "cycle_weeks": weeks,
                **{key: value for key, value in document.items() if key != "format"}}
    for school in document["schools"]:
        if weeks > 1 and school["level"] == "elementary":
            for lesson in school["lessons"]:
                if rng.random() < ONE_WEEK_SHARE:
                    lesson["weeks"] = [rng.randint(1, weeks)]
    timetable = None
    if planted is None:
        for school in document["schools"]:
            every_other = weeks > 1 and school["level"] == "elementary"
            low = school["visit_days"]["min"] * weeks
            school["visit_days"] = {"min": math.ceil(low / 2) if every_other else low,
                                    "max": school["visit_days"]["max"] * weeks}
    else:
        document, timetable = _plant(document, weeks=weeks, tightness=planted, rng=rng)
    for school in document["schools"]:
        school["annual_days"] = round(TEACHING_WEEKS * school["visit_days"]["min"] / weeks)
    for alt in document["alts"]:
        alt["annual_days"] = ALT_DAYS_A_YEAR
    document["name"] = f"{week['name']}, {weeks}-week cycle"
    return document, timetable


def week_document(cycle_document: Document, week: int) -> Document:
    """One cycle week of a cycle document as a week@1 document (its lessons only)."""
    document = copy.deepcopy(cycle_document)
    document["format"] = "kakehashi/week@1"
    del document["cycle_weeks"]
    for school in document["schools"]:
        school.pop("annual_days", None)
        school["lessons"] = [lesson for lesson in school["lessons"] if week in lesson.pop("weeks", [week])]
    for alt in document["alts"]:
        alt.pop("annual_days", None)
    document["fixed"] = [{k: v for k, v in f.items() if k != "week"} for f in document.get("fixed", [])
                         if f.get("week", week) == week]
    return document


def _plant(document: Document, *, weeks: int, tightness: Tightness,
           rng: random.Random) -> tuple[Document, Document]:
    """Each cycle week planned as a careful coordinator would (generate_planted.py), then each school's
    cycle contract written around the days it got over the whole cycle."""
    document = without_contracts(document)
    plans: dict[int, Solution] = {}
    for week in range(1, weeks + 1):
        plans[week] = coordinators_plan(parse_instance(week_document(document, week)))
    days_at: dict[str, int] = {}
    alts_at: dict[str, set[str]] = {}
    for plan in plans.values():
        for visit in plan.visits:
            days_at[visit.school] = days_at.get(visit.school, 0) + 1
            alts_at.setdefault(visit.school, set()).add(visit.alt)
    for school in document["schools"]:
        school["visit_days"], school["max_alts"] = contract_around(
            rng, tightness, days_at.get(school["id"], 0), len(alts_at.get(school["id"], ())))
    cycle = parse_cycle(document)
    name = f"{document['name']}, {weeks}-week cycle"
    solution = CycleSolution.from_weeks(plans, status=Status.FEASIBLE, instance=name)
    solution = replace(solution, objective=cycle_score(cycle, solution).objective,
                       explanation=("The planted cycle timetable the contracts were written around.",))
    broken = check_cycle(cycle, solution)
    if broken:
        raise PlantError(f"the planted cycle timetable breaks {broken[0].message}")
    return document, cycle_solution_to_json(solution)
