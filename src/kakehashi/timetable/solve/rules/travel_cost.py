"""Objective term `travel_cost`: `travel_minute` times each ALT-day's trip.

A visit alone costs its one-school trip (`2 * commute`). A two-school day at s1 and s2 costs
`commute(s1) + travel(s1, s2) + commute(s2)` in either order (travel is symmetric in the spec), so its
pair variable adds that trip minus the two one-school trips its visits already counted: the sum is
exact on every day, with no double count.
"""

from __future__ import annotations

from typing import Any

from ortools.sat.python import cp_model

from kakehashi.timetable.instance import Instance
from kakehashi.timetable.solve.variables import Variables
from kakehashi.timetable.travel import TravelTimes


def trip_terms(instance: Instance, variables: Variables, travel: TravelTimes) -> list[tuple[int, Any]]:
    """(minutes, variable) pairs whose sum is the week's travel in minutes (the repair ranks by it too)."""
    alone: dict[tuple[str, str], int] = {}  # the same one-school trip recurs on every day
    for alt_id, _day, school in variables.visit:
        if (alt_id, school) not in alone:
            alone[(alt_id, school)] = travel.day_trip(instance.alt_by_id[alt_id], [school])
    terms = [(alone[(alt_id, school)], visit) for (alt_id, _day, school), visit in variables.visit.items()]
    for (alt_id, _day, one, other), pair in variables.pair.items():
        both = travel.day_trip(instance.alt_by_id[alt_id], [one, other])
        terms.append((both - alone[(alt_id, one)] - alone[(alt_id, other)], pair))
    return terms


def build(instance: Instance, model: cp_model.CpModel, variables: Variables, travel: TravelTimes) -> Any:
    terms = trip_terms(instance, variables, travel)
    return instance.weights.travel_minute * sum(minutes * var for minutes, var in terms)
