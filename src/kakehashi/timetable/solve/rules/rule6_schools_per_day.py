"""Rule 6: at most `max_schools_per_day` schools a day; a two-school day leaves time to travel.

For an ALT allowed two schools, each pair of schools that could share a day is a variable (see
variables.py). Counting ties visits and pairs together exactly: `visits ≤ 1 + pairs`, `pairs ≤ 1`,
and a school in the chosen pair is either the day's first or its second school (`first + second =
pairs naming it ≤ visit`), with one first and one second. So two visits force the pair that names
them, and one visit allows none.

Order and travel gap use the day's `depart` and `arrive` times: every joined lesson at the first
school ends by `depart`, every one at the second starts at `arrive` or later, and `arrive - depart`
is at least the pair's travel time. That says at once that all lessons at the first school end before
any at the second starts and that the gap covers the journey, with constraints linear in the number
of lessons rather than one per pair of lessons.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.variables import BoolVar, Variables
from kakehashi.timetable.travel import TravelTimes


def build(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes) -> None:
    pairs_on: dict[tuple[str, str], list[tuple[str, str, BoolVar]]] = defaultdict(list)
    for (alt_id, day, one, other), pair in variables.pair.items():
        pairs_on[(alt_id, day)].append((one, other, pair))

    for (alt_id, day), visits in variables.visits_on.items():
        pairs = pairs_on.get((alt_id, day), [])
        if not pairs:
            # One school a day: the rule for every ALT without a workable pair that day.
            if len(visits) > 1:
                model.add_at_most_one([visit for _, visit in visits])
            continue
        _two_school_day(instance, model, variables, travel, alt_id, day, pairs)


def _two_school_day(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes,
                    alt_id: str, day: str, pairs: list[tuple[str, str, BoolVar]]) -> None:
    alt = instance.alt_by_id[alt_id]
    visits = variables.visits_on[(alt_id, day)]
    all_pairs = [pair for _, _, pair in pairs]
    model.add(sum(visit for _, visit in visits) <= 1 + sum(all_pairs))
    model.add_at_most_one(all_pairs)

    pairs_naming: dict[str, list[BoolVar]] = defaultdict(list)
    for one, other, pair in pairs:
        pairs_naming[one].append(pair)
        pairs_naming[other].append(pair)
    firsts, seconds = [], []
    for school, naming in pairs_naming.items():
        key = (alt_id, day, school)
        first, second = variables.first[key], variables.second[key]
        firsts.append(first)
        seconds.append(second)
        model.add(first + second == sum(naming))
        model.add(first + second <= variables.visit[key])
        # "At least one lesson at each school of a two-school day."
        joins = [join for _, join in variables.joins_at[key]]
        model.add_bool_or(joins).only_enforce_if(first)
        model.add_bool_or(joins).only_enforce_if(second)
        depart, arrive = variables.depart[(alt_id, day)], variables.arrive[(alt_id, day)]
        for lesson, join in variables.joins_at[key]:
            model.add(depart >= lesson.end).only_enforce_if([join, first])
            model.add(arrive <= lesson.start).only_enforce_if([join, second])
    model.add(sum(firsts) == sum(all_pairs))
    model.add(sum(seconds) == sum(all_pairs))
    model.add(variables.arrive[(alt_id, day)] - variables.depart[(alt_id, day)]
              >= sum(travel.between(alt, one, other) * pair for one, other, pair in pairs))
